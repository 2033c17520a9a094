import type { ChartTable } from "~/domain/trends/charts";
import { el, text, type Markup } from "./markup";

const cellText = (cell: string | number | null) => text(cell === null ? "—" : String(cell));

/** The data as a table for screen readers (hidden by its wrapper: a table ignores the 1 px width the class gives, and its cells would widen the page). */
function hiddenTable(title: string, table: ChartTable): Markup {
  const head = el("thead", {}, el("tr", {}, ...table.head.map((h) => el("th", { scope: "col" }, text(h)))));
  const body = el(
    "tbody",
    {},
    ...table.rows.map((row) => el("tr", {}, ...row.map((cell, j) => (j === 0 ? el("th", { scope: "row" }, cellText(cell)) : el("td", {}, cellText(cell)))))),
  );
  return el("div", { class: "visually-hidden" }, el("table", {}, el("caption", {}, text(title)), head, body));
}

/** A chart with its heading, a note, the data as a table for screen readers, and its CSV download. */
export function chartFigure(
  { id, title, note, table, csvHref }: { id: string; title: string; note?: string; table: ChartTable; csvHref: string },
  drawing: Markup | null,
): Markup {
  return el(
    "section",
    { class: "chart-figure", "aria-labelledby": `${id}-title` },
    el("h2", { id: `${id}-title` }, text(title)),
    note ? el("p", { class: "muted" }, text(note)) : null,
    drawing,
    hiddenTable(title, table),
    el(
      "p",
      { class: "chart-download" },
      el("a", { href: csvHref, download: true }, text("Download the data (CSV)"), el("span", { class: "visually-hidden" }, text(` of ${title}`))),
    ),
  );
}
