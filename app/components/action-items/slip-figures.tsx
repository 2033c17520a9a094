import { Facts, type FactValue } from "~/components/ui/facts";
import { escapeHtml } from "~/components/ui/escape-html";
import type { SlipFigures } from "~/domain/action-items/slip";
import { describeChange, FIGURE_LABELS, FIGURES, formatFigure, type FigureChange } from "~/domain/action-items/slip-history";

/**
 * A set of items' slip figures (median, 90th percentile and worst slip, on-promise delivery,
 * re-promises per item) and, given `changes`, how each moved: in words with an arrow ("↓ better
 * (was 1.6×)"), coloured too but never by colour alone.
 */
export function SlipFiguresFacts({ figures, who, changes }: { figures: SlipFigures; who: string; changes?: readonly FigureChange[] }) {
  const byFigure = new Map(changes?.map((c) => [c.figure, c]));
  const facts = FIGURES.map((figure): [string, FactValue] => {
    const shown = formatFigure(figure, figures[figure]) + (figure === "onPromise" ? ` of ${figures.due} due` : "");
    const change = byFigure.get(figure);
    if (!change) return [FIGURE_LABELS[figure], shown];
    return [
      FIGURE_LABELS[figure],
      { html: `${escapeHtml(shown)} <span class="figure-change trend-${change.trend}">${escapeHtml(describeChange(change))}</span>` },
    ];
  });
  return (
    <section aria-label={`Slip figures of ${who}`}>
      <Facts facts={facts} />
    </section>
  );
}
