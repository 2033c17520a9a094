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
