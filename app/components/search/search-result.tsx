import { Link } from "react-router";
import { SEVERITY_LABELS, STATUS_LABELS } from "~/domain/coe/labels";
import type { SearchResult } from "~/domain/search/result";
import type { SnippetPart } from "~/domain/search/snippet";

/** The snippet as React text and <mark> elements: stored text is never markup. */
export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return <p className="search-snippet">{parts.map((p, i) => (p.isMatch ? <mark key={i}>{p.text}</mark> : p.text))}</p>;
}

/** One search result: the COE, its facts, and where in it the words were found, linked there. */
export function SearchResultItem({ result: r }: { result: SearchResult }) {
  return (
    <li className="search-result">
      <h2>
        <Link to={`/coes/${r.id}#${r.section}`}>{r.title}</Link>
      </h2>
      <p className="muted">
        {r.team} · {SEVERITY_LABELS[r.severity] ?? `Sev ${r.severity}`} · {STATUS_LABELS[r.status]} · found in{" "}
        <Link to={`/coes/${r.id}#${r.section}`} aria-label={`${r.sectionLabel} of ${r.title}`}>
          {r.sectionLabel}
        </Link>
      </p>
      <Snippet parts={r.snippet} />
    </li>
  );
}
