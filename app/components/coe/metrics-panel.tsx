import { LocalTime } from "~/components/ui/local-time";
import { formatDuration, METRIC_LABELS, type IncidentMetrics, type MetricName } from "~/domain/coe/incident-metrics";

/** Which impact start the durations use, and why: one rule, said where the numbers are. */
function ImpactStartNote({ start }: { start: IncidentMetrics["impactStart"] }) {
  if (!start)
    return (
      <p className="muted small" data-testid="impact-start-note">
        Impact start not recorded: give it under Customer impact (“Impact started”), or add an “Impact started” entry to the timeline.
      </p>
    );
  const disagrees = start.source === "customer-impact" && start.timelineMs !== null && start.timelineMs !== start.ms;
  return (
    <p className="muted small" data-testid="impact-start-note">
      Measured from impact start, <LocalTime ms={start.ms} />, {start.source === "customer-impact" ? "as given under Customer impact" : "the first “Impact started” timeline entry"}. The customer RCA is due 7 days after it.
      {disagrees ? (
        <>
          {" "}
          The timeline’s first “Impact started” entry says <LocalTime ms={start.timelineMs!} />; the Customer impact time wins.
        </>
      ) : null}
    </p>
  );
}

/** TTD / TTE / TTM / TTR / first communication; a missing anchor shows "—" and says what is missing. */
export function MetricsPanel({ metrics }: { metrics: IncidentMetrics }) {
  return (
    <>
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
      <ImpactStartNote start={metrics.impactStart} />
    </>
  );
}
