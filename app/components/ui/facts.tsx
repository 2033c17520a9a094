import { escapeHtml } from "~/components/ui/escape-html";
import { HtmlBlock } from "~/components/ui/html-block";

/** A fact's value: text (escaped here) or markup already written as an escaped string (a time). */
export type FactValue = string | { html: string };

/** Label / value pairs as a `dl.facts`, written as one string; an empty value reads "—". */
export function Facts({ facts }: { facts: readonly (readonly [label: string, value: FactValue])[] }) {
  const html = facts
    .map(([label, value]) => {
      const shown = typeof value === "string" ? escapeHtml(value) || "—" : value.html;
      return `<div><dt>${escapeHtml(label)}</dt><dd>${shown}</dd></div>`;
    })
    .join("");
  return <HtmlBlock as="dl" className="facts" html={html} />;
}
