import type { Agenda } from "~/domain/meetings/agenda";

/**
 * What the reorderable agenda computes without the DOM: the order it shows while a move is on its
 * way to the server, and where a dragged item would land.
 */

/** The agenda (for the domain's operations) behind a list of rows. */
export const agendaOf = (items: readonly { coeId: number; presented: boolean }[]): Agenda => items.map(({ coeId, presented }) => ({ coeId, presented }));

/** A key that changes when the server's order (or membership) does, however often the rows are rebuilt. */
export const orderKey = (agenda: Agenda): string => agenda.map((i) => i.coeId).join(",");

/** Moves made here that the server may not have shown yet: the order they lead to, and every order on the way (keys). */
export type LocalOrder = { agenda: Agenda; path: readonly string[] };

const isCatchingUp = (serverKey: string, local: LocalOrder) => serverKey !== orderKey(local.agenda) && local.path.includes(serverKey);

/**
 * The order to show: the local one while the server's is one this list passed through on the way
 * to it (the server is catching up with moves still on their way, so showing its order would undo
 * them for a moment), the server's otherwise — once it has caught up, or when it holds something
 * else (someone else's move, a COE added or removed).
 */
export function shownOrder(server: Agenda, local: LocalOrder | null): Agenda {
  return local && isCatchingUp(orderKey(server), local) ? local.agenda : server;
}

/** The local order after a move here that leads to `next`. */
export function withLocalMove(server: Agenda, local: LocalOrder | null, next: Agenda): LocalOrder {
  const serverKey = orderKey(server);
  const path = local && isCatchingUp(serverKey, local) ? local.path : [serverKey];
  return { agenda: next, path: [...path, orderKey(next)] };
}

/**
 * `items` in the order of `agenda`: rows the agenda no longer has are left out, and rows it does not
 * know yet (queued since) come last, in their own order. Row data always comes from `items`.
 */
export function arrange<T extends { coeId: number }>(items: readonly T[], agenda: Agenda): T[] {
  const byId = new Map(items.map((item) => [item.coeId, item]));
  const ordered = agenda.flatMap((i) => {
    const item = byId.get(i.coeId);
    byId.delete(i.coeId);
    return item ? [item] : [];
  });
  return [...ordered, ...byId.values()];
}

/**
 * Where a dragged item lands: its index in the list once moved (what `moveTo` takes), which is how
 * many of the other items have their middle above the dragged item's middle.
 */
export function dropIndex(middles: readonly number[], from: number, draggedMiddle: number): number {
  return middles.filter((middle, i) => i !== from && middle < draggedMiddle).length;
}

/** Where to draw the drop line while an item dragged from `from` would land at `to`: at an edge of the item now at `to`. */
export function dropIndicator(from: number, to: number): { index: number; edge: "before" | "after" } | undefined {
  if (to === from) return undefined;
  return { index: to, edge: to < from ? "before" : "after" };
}
