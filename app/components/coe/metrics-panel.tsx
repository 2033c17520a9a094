import { formatDuration, METRIC_LABELS, type IncidentMetrics, type MetricName } from "~/domain/coe/incident-metrics";

/** TTD / TTE / TTM / TTR / first communication; a missing anchor shows "—" and says what is missing. */
export function MetricsPanel({ metrics }: { metrics: IncidentMetrics }) {
  return (
    <dl className="metrics" aria-label="Incident metrics">
      {(Object.keys(METRIC_LABELS) as MetricName[]).map((name) => {
        const m = metrics[name];
        return (
          <div key={name} data-metric={name}>
            <dt>{METRIC_LABELS[name]}</dt>
            <dd>
              {m.ms === null ? (
                <>
                  <span aria-hidden="true">—</span> <span className="muted small">{m.missing}</span>
                </>
              ) : (
                formatDuration(m.ms)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
