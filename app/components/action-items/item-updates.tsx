import { LocalTime } from "~/components/ui/local-time";
import type { ItemUpdates } from "~/data/action-item-reads.server";

/** A COE's action-item updates since they were written (owners' progress, dates, validation, reassignment), newest first. */
export function ItemUpdatesSection({ coeId, updates }: { coeId: number; updates: ItemUpdates }) {
  return (
    <section aria-labelledby="item-updates">
      <h2 id="item-updates">Action item updates</h2>
      {updates.rows.length === 0 ? (
        <p className="muted">No action item has been updated on its own yet (changes made while editing the COE are among the versions below).</p>
      ) : (
        <>
          {updates.total > updates.rows.length ? (
            <p className="muted">
              The newest {updates.rows.length} of {updates.total} updates.
            </p>
          ) : null}
          <table className="item-updates cards-on-narrow">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action item</th>
                <th scope="col">Who</th>
                <th scope="col">What changed</th>
              </tr>
            </thead>
            <tbody>
              {updates.rows.map((u) => (
                <tr key={u.id}>
                  <td data-label="When">
                    <LocalTime ms={u.at} />
                  </td>
                  <td className="card-title">
                    <a href={`/coes/${coeId}#action-item-${u.itemId}`}>{u.itemTitle}</a> <span className="muted small">(version {u.version})</span>
                  </td>
                  <td data-label="Who">{u.byName ?? "—"}</td>
                  <td data-label="What changed">{u.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
