import type { BlamelessNote } from "~/domain/coe/blameless-notes";

/** Blameless-language warnings for reviewers and authors: where, what, and a suggested rewording. Never blocks. */
export function BlamelessNotesList({ notes }: { notes: BlamelessNote[] }) {
  if (!notes.length) return null;
  return (
    <details className="blameless-notes" open>
      <summary>
        Blameless language: {notes.length} note{notes.length === 1 ? "" : "s"}
      </summary>
      <p className="small muted">COEs describe roles and mechanisms, never people. These are suggestions, not blocks.</p>
      <ul>
        {notes.map((n, i) => (
          <li key={i}>
            <strong>{n.where}:</strong> “{n.match}” — {n.message}. <em>Suggestion:</em> {n.suggestion}
          </li>
        ))}
      </ul>
    </details>
  );
}
