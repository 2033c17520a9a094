/** Lessons, each with the why nodes it flows from (links focus the node in the tree). */
export function LessonList({ lessons, whyById }: { lessons: readonly { id: number; text: string; whyNodeIds: readonly number[] }[]; whyById: Map<number, { id: number; text: string }> }) {
  if (!lessons.length) return <p className="empty">No lessons yet.</p>;
  return (
    <ol className="lessons">
      {lessons.map((l) => (
        <li key={l.id} id={`lesson-${l.id}`}>
          <p className="prewrap">{l.text}</p>
          {l.whyNodeIds.flatMap((id) => {
            const why = whyById.get(id);
            return why ? (
              <a key={why.id} href={`#why-${why.id}`} className="from-why">
                From why: {why.text}
              </a>
            ) : [];
          })}
        </li>
      ))}
    </ol>
  );
}
