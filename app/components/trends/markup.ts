/*
 * Markup written as text, for the trends charts: some 1,500 elements that depend only on the
 * figures, built once per change of them and kept (trend-charts.tsx), where React would build them
 * again on every request. Every text and attribute value is escaped here, and a `Markup` can only
 * come from `el` or `text`, so nothing a user wrote (a category's name) reaches the page unescaped.
 */

declare const brand: unique symbol;
/** Markup made by this module (a string the type system tells apart from one that is not). */
export type Markup = string & { readonly [brand]: true };

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Coordinates to two decimals: the same drawing, a third of the bytes (30.210000000000008 → 30.21). */
const valueText = (v: string | number) => (typeof v === "number" ? String(Math.round(v * 100) / 100) : escape(v));

type Attributes = Record<string, string | number | boolean | undefined>;

/** Text for the page, escaped. */
export const text = (s: string): Markup => escape(s) as Markup;

/** Pieces already escaped, one after the other. */
export const join = (parts: readonly (Markup | null | undefined | false)[]): Markup => parts.filter((p): p is Markup => !!p).join("") as Markup;

/**
 * An element: `tag` and attribute names are this code's constants (never input); attribute values
 * are escaped, `true` writes the attribute alone, `false` and `undefined` leave it out.
 */
export function el(tag: string, attributes: Attributes, ...children: (Markup | null | undefined | false)[]): Markup {
  let open = `<${tag}`;
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    open += value === true ? ` ${name}` : ` ${name}="${valueText(value)}"`;
  }
  return `${open}>${join(children)}</${tag}>` as Markup;
}
