import { collapseSpaces } from "./anchors";

export type AnchoredPartType = "why_node" | "timeline_entry" | "lesson" | "action_item";
export const ANCHORED_PART_TYPES: readonly AnchoredPartType[] = ["why_node", "timeline_entry", "lesson", "action_item"];

/**
 * One part of a COE as comments see it. `path` is its place: a why's path from the root ("0.2.1"),
 * or an index in its list. The array order of parts of one type is their reading order.
 */
export type AnchoredPart = { type: AnchoredPartType; id: number; text: string; path: string };

/** Old id → new id, one map per part type (ids are only unique within a table). */
export type RelinkMaps = Record<AnchoredPartType, Map<number, number>>;

type Ranked = { id: number; text: string; path: string; rank: number };

/** The parts of one type with their reading-order rank and normalised text. */
function ofType(parts: readonly AnchoredPart[], type: AnchoredPartType): Ranked[] {
  return parts.filter((p) => p.type === type).map((p, rank) => ({ id: p.id, text: collapseSpaces(p.text), path: p.path, rank }));
}

/** Pairs old and new parts of one type: same text at the same path first, then same text nearest in reading order. */
function relinkType(before: Ranked[], after: Ranked[]): Map<number, number> {
  const links = new Map<number, number>();
  const used = new Set<Ranked>();
  const link = (old: Ranked, now: Ranked) => {
    links.set(old.id, now.id);
    used.add(now);
  };

  for (const old of before) {
    const now = after.find((p) => !used.has(p) && p.text === old.text && p.path === old.path);
    if (now) link(old, now);
  }

  // Closest pairs first over all candidates, so an early old part cannot take the new part a later
  // one sits right next to; ties go to the earlier old part, then the earlier new one.
  const pairs: { old: Ranked; now: Ranked; distance: number }[] = [];
  for (const old of before) {
    if (links.has(old.id)) continue;
    for (const now of after) if (!used.has(now) && now.text === old.text) pairs.push({ old, now, distance: Math.abs(now.rank - old.rank) });
  }
  pairs.sort((a, b) => a.distance - b.distance || a.old.rank - b.old.rank || a.now.rank - b.now.rank);
  for (const { old, now } of pairs) if (!links.has(old.id) && !used.has(now)) link(old, now);
  return links;
}

/**
 * Which new part each old part became, after a restore deleted a COE's parts and inserted them
 * again with new ids. Only parts with the same words (whitespace aside) are linked: a comment on a
 * part whose words changed was about words that are no longer there, so it is left unlinked and the
 * caller marks it deleted (its stored label still says what it was about). Each new part is linked
 * at most once; with several of the same words, the one at the same path wins, then the nearest.
 */
export function relinkAnchors(before: readonly AnchoredPart[], after: readonly AnchoredPart[]): RelinkMaps {
  const maps = {} as RelinkMaps;
  for (const type of ANCHORED_PART_TYPES) maps[type] = relinkType(ofType(before, type), ofType(after, type));
  return maps;
}
