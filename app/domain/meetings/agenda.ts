/**
 * A review meeting's agenda as an ordered list of COEs (SPEC §3): pure operations the meeting
 * page and the data layer share. Each returns a new list and never mutates its input; an
 * operation on a COE that is not on the agenda is a no-op the caller can detect (`same` list).
 */
export type AgendaItem = { coeId: number; presented: boolean };
export type Agenda = readonly AgendaItem[];

const indexOf = (agenda: Agenda, coeId: number) => agenda.findIndex((i) => i.coeId === coeId);

/** Adds a COE at the end, unless it is already on the agenda (a COE enters review once per meeting however it got there). */
export function queue(agenda: Agenda, coeId: number): Agenda {
  return indexOf(agenda, coeId) === -1 ? [...agenda, { coeId, presented: false }] : agenda;
}

/** Takes a COE off the agenda (moved to a later meeting, or removed by a reviewer). */
export function remove(agenda: Agenda, coeId: number): Agenda {
  return indexOf(agenda, coeId) === -1 ? agenda : agenda.filter((i) => i.coeId !== coeId);
}

/** Moves a COE to `toIndex` (clamped to the list), as a drop does; the others keep their order. */
export function moveTo(agenda: Agenda, coeId: number, toIndex: number): Agenda {
  const from = indexOf(agenda, coeId);
  if (from === -1) return agenda;
  const to = Math.max(0, Math.min(agenda.length - 1, Math.trunc(toIndex)));
  if (to === from) return agenda;
  const rest = agenda.filter((_, i) => i !== from);
  return [...rest.slice(0, to), agenda[from]!, ...rest.slice(to)];
}

/** One step up (-1) or down (+1), as the keyboard does; at either end nothing moves. */
export function moveBy(agenda: Agenda, coeId: number, step: -1 | 1): Agenda {
  const from = indexOf(agenda, coeId);
  return from === -1 ? agenda : moveTo(agenda, coeId, from + step);
}

/** What a screen reader hears after a move: where the item is now, or that it could not go further. */
export function moveAnnouncement(before: Agenda, after: Agenda, coeId: number, title: string): string {
  const position = indexOf(after, coeId) + 1;
  if (position === 0) return `${title} is not on the agenda.`;
  if (before === after) return `${title} stays at position ${position} of ${after.length}.`;
  return `${title} moved to position ${position} of ${after.length}.`;
}

/** Marks a COE as presented (its outcome is recorded elsewhere). */
export function markPresented(agenda: Agenda, coeId: number): Agenda {
  const at = indexOf(agenda, coeId);
  if (at === -1 || agenda[at]!.presented) return agenda;
  return agenda.map((i, n) => (n === at ? { ...i, presented: true } : i));
}

/**
 * The wheel: one of `candidates` chosen uniformly by `random` (a source in [0, 1), injected so tests
 * and replays are deterministic), or undefined when there is nothing left to pick. Works for COEs
 * not yet presented and for teams alike.
 */
export function spin<T>(candidates: readonly T[], random: () => number): T | undefined {
  if (candidates.length === 0) return undefined;
  const r = random();
  if (!(r >= 0 && r < 1)) throw new RangeError(`the wheel's random source gave ${r}; it must give a number in [0, 1)`);
  return candidates[Math.floor(r * candidates.length)];
}

/** The COEs the wheel may pick: those on the agenda not yet presented, in agenda order. */
export const notYetPresented = (agenda: Agenda): number[] => agenda.filter((i) => !i.presented).map((i) => i.coeId);

/**
 * The next meeting's agenda once a meeting ends: what was not presented carries over, first and in
 * its order (it has waited longest), then what was already queued for the next meeting.
 */
export function carryOver(ended: Agenda, next: Agenda): Agenda {
  const carried = ended.filter((i) => !i.presented && indexOf(next, i.coeId) === -1).map((i) => ({ coeId: i.coeId, presented: false }));
  return [...carried, ...next];
}
