import { escapeHtml } from "~/components/ui/escape-html";
import { HtmlBlock } from "~/components/ui/html-block";
import { timeHtml } from "~/components/ui/time-html";
import { formatDuration, METRIC_LABELS, type IncidentMetrics, type MetricName } from "~/domain/coe/incident-metrics";

/** Which impact start the durations use, and why: one rule, said where the numbers are. */
function impactStartNoteHtml(start: IncidentMetrics["impactStart"]): string {
  if (!start) return "Impact start not recorded: give it under Customer impact (“Impact started”), or add an “Impact started” entry to the timeline.";
  const disagrees = start.source === "customer-impact" && start.timelineMs !== null && start.timelineMs !== start.ms;
  return (
    `Measured from impact start, ${timeHtml(start.ms)}, ${start.source === "customer-impact" ? "as given under Customer impact" : "the first “Impact started” timeline entry"}. The customer RCA is due 7 days after it.` +
    (disagrees ? ` The timeline’s first “Impact started” entry says ${timeHtml(start.timelineMs!)}; the Customer impact time wins.` : "")
  );
}

/** The durations as one string; a missing anchor shows "—" and says what is missing. */
function metricsHtml(metrics: IncidentMetrics): string {
  return (Object.keys(METRIC_LABELS) as MetricName[])
    .map((name) => {
      const m = metrics[name];
      const value =
        m.ms === null ? `<span aria-hidden="true">—</span> <span class="muted small">${escapeHtml(m.missing)}</span>` : escapeHtml(formatDuration(m.ms));
      return `<div data-metric="${name}"><dt>${escapeHtml(METRIC_LABELS[name])}</dt><dd>${value}</dd></div>`;
    })
    .join("");
}

/** TTD / TTE / TTM / TTR / first communication, and which impact start they are measured from. */
export function MetricsPanel({ metrics }: { metrics: IncidentMetrics }) {
  return (
    <>
      <HtmlBlock as="dl" className="metrics" aria-label="Incident metrics" html={metricsHtml(metrics)} />
      <HtmlBlock as="p" className="muted small" data-testid="impact-start-note" html={impactStartNoteHtml(metrics.impactStart)} />
    </>
  );
}
