import type { ReactNode } from "react";
import type { ChartTable } from "~/domain/trends/charts";

/** A chart with its heading, a note, the data as a table for screen readers, and its CSV download. */
export function ChartFigure({
  id,
  title,
  note,
  table,
  csvHref,
  children,
}: {
  id: string;
  title: string;
  note?: ReactNode;
  table: ChartTable;
  csvHref: string;
  children: ReactNode;
}) {
  return (
    <section className="chart-figure" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {note ? <p className="muted">{note}</p> : null}
      {children}
      {/* Hidden by its wrapper: a table ignores the 1 px width the class gives, and its cells would widen the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              {table.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      {cell ?? "—"}
                    </th>
                  ) : (
                    <td key={j}>{cell ?? "—"}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="chart-download">
        <a href={csvHref} download>
          Download the data (CSV)<span className="visually-hidden"> of {title}</span>
        </a>
      </p>
    </section>
  );
}
