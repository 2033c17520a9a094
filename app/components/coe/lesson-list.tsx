import type { ReactNode } from "react";

type LessonRow = { id: number; whyNodeIds: readonly number[] };

/**
 * Lessons in order, each with what it says (`body`) and the whys it flows from (the links focus
 * the node in the tree). The edit page adds its controls with `actions`.
 */
export function LessonList<L extends LessonRow>({
  lessons,
  whyById,
  body,
  actions,
}: {
  lessons: readonly L[];
  whyById: Map<number, { id: number; text: string }>;
  body: (lesson: L, index: number) => ReactNode;
  actions?: (lesson: L, index: number) => ReactNode;
}) {
  if (!lessons.length) return <p className="empty">No lessons yet.</p>;
  return (
    <ol className="lessons">
      {lessons.map((l, i) => (
        <li key={l.id} id={`lesson-${l.id}`}>
          {body(l, i)}
          {l.whyNodeIds.length ? (
            <p className="from-whys">
              {l.whyNodeIds.flatMap((id) => {
                const why = whyById.get(id);
                return why ? (
                  <a key={why.id} href={`#why-${why.id}`} className="from-why">
                    From why: {why.text}
                  </a>
                ) : (
                  []
                );
              })}
            </p>
          ) : (
            <p className="small muted">Not linked to a why yet.</p>
          )}
          {actions?.(l, i)}
        </li>
      ))}
    </ol>
  );
}
