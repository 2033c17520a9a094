/** How many open comments an anchor has ("why_node:12" → 2), as the comments panel counts them. */
export type OpenCounts = Readonly<Record<string, number>>;

const commentsOn = (anchor: string) => `?on=${encodeURIComponent(anchor)}#comments`;

/** A link to the open comments on one anchor, when there are any: the panel then lists them first and starts a new comment there. */
export function OpenBadge({ counts, anchor }: { counts: OpenCounts; anchor: string }) {
  const n = counts[anchor] ?? 0;
  if (!n) return null;
  return (
    <a className="comment-badge" href={commentsOn(anchor)}>
      {n}
      <span className="visually-hidden"> open comment{n === 1 ? "" : "s"}</span>
    </a>
  );
}

/**
 * For a table of parts (timeline entries, action items): a cell with each row's badge, or no
 * column at all when none of them has open comments.
 */
export function partBadges(counts: OpenCounts, type: "timeline_entry" | "action_item") {
  const any = Object.keys(counts).some((key) => key.startsWith(`${type}:`));
  return any ? (row: { id: number }) => <OpenBadge counts={counts} anchor={`${type}:${row.id}`} /> : undefined;
}

/** The open-comment counts of the whys, by why id. */
export function whyCommentCounts(counts: OpenCounts): Record<number, number> {
  return Object.fromEntries(
    Object.entries(counts)
      .map(([key, n]) => [/^why_node:(\d+)$/.exec(key)?.[1], n] as const)
      .filter((e): e is readonly [string, number] => e[0] !== undefined)
      .map(([id, n]) => [Number(id), n]),
  );
}

/** The badge as markup, for the string-built why outline. */
export function openBadgeHtml(anchor: string, n: number): string {
  return `<a class="comment-badge" href="${commentsOn(anchor)}">${n}<span class="visually-hidden"> open comment${n === 1 ? "" : "s"}</span></a>`;
}
