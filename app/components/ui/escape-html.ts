const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const NEEDS_ESCAPING = /[&<>"']/;

/** For markup written as a string (long read-only lists): every character that could end a text or an attribute value is escaped. */
export function escapeHtml(value: string | number): string {
  const text = String(value);
  // Most texts have nothing to escape: finding that out is cheaper than a replace that changes nothing.
  return NEEDS_ESCAPING.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}
