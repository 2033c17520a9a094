import type { DocJSON } from "../enums";

const SAFE_HREF = /^(https?:|mailto:)/i;

/**
 * Drops link marks whose href is not http(s) or mailto (javascript:, data:, vbscript:, … in any
 * spelling: control characters and whitespace are removed before the check, as browsers do).
 */
export function withSafeLinks(node: DocJSON): DocJSON {
  const marks = node.marks?.filter((m) => m.type !== "link" || isSafeHref(m.attrs?.href));
  return {
    ...node,
    ...(node.marks ? { marks } : {}),
    ...(node.content ? { content: node.content.map(withSafeLinks) } : {}),
  };
}

export function isSafeHref(href: unknown): boolean {
  if (typeof href !== "string") return false;
  // eslint-disable-next-line no-control-regex -- browsers drop control characters and spaces before reading a URL's scheme: so does the check
  return SAFE_HREF.test(href.replace(/[\u0000-\u0020\u007f-\u009f]/g, ""));
}
