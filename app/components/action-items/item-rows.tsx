import { useMemo } from "react";
import { HtmlBlock } from "~/components/ui/html-block";
import { ownedRowsHtml, type OwnedRow } from "./owned-rows";

/** A bucket's items as a table (cards on narrow screens): with a Select column to move them in bulk, and an Owner column for a team's items. */
export function ItemRows({ rows, today, canMove, teamView }: { rows: readonly OwnedRow[]; today: string; canMove: boolean; teamView: boolean }) {
  const html = useMemo(() => ownedRowsHtml(rows, today, { canMove, teamView }), [rows, today, canMove, teamView]);
  return (
    <table className="owned-items cards-on-narrow">
      <thead>
        <tr>
          {canMove ? (
            <th scope="col">
              <span className="visually-hidden">Select</span>
            </th>
          ) : null}
          <th scope="col">Action item</th>
          <th scope="col">COE</th>
          {teamView ? <th scope="col">Owner</th> : null}
          <th scope="col">Promised</th>
          <th scope="col">Status</th>
          <th scope="col">Slip</th>
        </tr>
      </thead>
      <HtmlBlock as="tbody" html={html} />
    </table>
  );
}
