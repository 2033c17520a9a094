import { Link } from "react-router";

/** The tenets a COE cites, each linking to its page (which lists the other COEs that cite it). */
export function CitedTenets({ tenets }: { tenets: readonly { id: number; title: string; cited: boolean }[] }) {
  const cited = tenets.filter((t) => t.cited);
  if (!cited.length) return null;
  return (
    <div className="row">
      <span className="muted" id="cited-tenets">
        Tenets cited:
      </span>
      <ul className="cited-tenets" aria-labelledby="cited-tenets">
        {cited.map((t) => (
          <li key={t.id}>
            <Link to={`/tenets/${t.id}`}>{t.title}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
