import { useRef, type ReactNode } from "react";
import { escapeHtml } from "~/components/ui/escape-html";
import { useLocalizedTimes } from "~/components/ui/local-time";

/** A column whose cells are written as escaped HTML strings; `label` names the cell when the table reflows into cards. */
export type StringColumn<R> = { header: string; label?: string; className?: string; html: (row: R) => string };
type RowAttributes = { id: string; className?: string };

type Props<R> = {
  className: string;
  columns: readonly StringColumn<R>[];
  rows: readonly R[];
  rowAttributes: (row: R) => RowAttributes;
  /** Per-row controls (the editing view): the rows are React's then, their read-only cells still strings. */
  actions?: (row: R) => ReactNode;
};

const attr = (name: string, value: string | undefined) => (value === undefined ? "" : ` ${name}="${escapeHtml(value)}"`);

function cellHtml<R>(column: StringColumn<R>, row: R): string {
  return `<td${attr("class", column.className)}${attr("data-label", column.label)}>${column.html(row)}</td>`;
}

/** The rows as one string: a read-only table of many rows costs React one element instead of hundreds. */
export function tableRowsHtml<R>(columns: readonly StringColumn<R>[], rows: readonly R[], rowAttributes: (row: R) => RowAttributes): string {
  let html = "";
  for (const row of rows) {
    const { id, className } = rowAttributes(row);
    html += `<tr${attr("id", id)}${attr("class", className)}>`;
    for (const column of columns) html += cellHtml(column, row);
    html += "</tr>";
  }
  return html;
}

/** A table of rows written as strings (see tableRowsHtml), with a column of React controls when `actions` is given. */
export function StringTable<R>({ className, columns, rows, rowAttributes, actions }: Props<R>) {
  const body = useRef<HTMLTableSectionElement>(null);
  useLocalizedTimes(body);
  return (
    <table className={className}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col">
              {c.header}
            </th>
          ))}
          {actions ? (
            <th scope="col" className="actions-col">
              Actions
            </th>
          ) : null}
        </tr>
      </thead>
      {actions ? (
        <tbody ref={body}>
          {rows.map((row) => {
            const { id, className: rowClass } = rowAttributes(row);
            return (
              <tr key={id} id={id} className={rowClass}>
                {columns.map((c) => (
                  <td key={c.header} className={c.className} data-label={c.label} dangerouslySetInnerHTML={{ __html: c.html(row) }} />
                ))}
                <td className="card-actions">{actions(row)}</td>
              </tr>
            );
          })}
        </tbody>
      ) : (
        <tbody ref={body} dangerouslySetInnerHTML={{ __html: tableRowsHtml(columns, rows, rowAttributes) }} />
      )}
    </table>
  );
}
