import type { TimelineKind } from "../enums";
import { TIMELINE_KIND_LABELS } from "./labels";

export type TimelineInstant = { kind: TimelineKind; atMs: number };

export type MetricName = "timeToDetect" | "timeToEngage" | "timeToMitigate" | "timeToResolve" | "timeToFirstCommunication";

/** A measured duration, or why it cannot be measured (the anchors the timeline lacks). */
export type Metric = { ms: number; missing?: undefined } | { ms: null; missing: string };

export type IncidentMetrics = Record<MetricName, Metric>;

export const METRIC_LABELS: Record<MetricName, string> = {
  timeToDetect: "Time to detect",
  timeToEngage: "Time to engage",
  timeToMitigate: "Time to mitigate",
  timeToResolve: "Time to resolve",
  timeToFirstCommunication: "Time to first customer communication",
};

/** What a missing anchor is called on the page: the timeline's own kind names, never the stored enum value. */
const KIND_LABEL = (kind: TimelineKind) => `${/^[AEIOU]/.test(TIMELINE_KIND_LABELS[kind]) ? "an" : "a"} “${TIMELINE_KIND_LABELS[kind]}” entry`;

function first(entries: TimelineInstant[], kind: TimelineKind) {
  let best: number | undefined;
  for (const e of entries) if (e.kind === kind && (best === undefined || e.atMs < best)) best = e.atMs;
  return best;
}

function last(entries: TimelineInstant[], kind: TimelineKind) {
  let best: number | undefined;
  for (const e of entries) if (e.kind === kind && (best === undefined || e.atMs > best)) best = e.atMs;
  return best;
}

function between(from: [TimelineKind, number | undefined], to: [TimelineKind, number | undefined]): Metric {
  const missing = [from, to].filter(([, at]) => at === undefined).map(([kind]) => KIND_LABEL(kind));
  if (missing.length) return { ms: null, missing: `needs ${missing.join(" and ")}` };
  return { ms: to[1]! - from[1]! };
}

/**
 * SPEC §2.4. Anchors: the first impact_start, detected, engaged and communication, but the
 * **last** mitigated and resolved, because mitigation is often staged and the incident is not
 * over at the first partial fix. A missing anchor yields no number and names what is missing.
 */
export function incidentMetrics(entries: TimelineInstant[]): IncidentMetrics {
  const impact: [TimelineKind, number | undefined] = ["impact_start", first(entries, "impact_start")];
  const detected: [TimelineKind, number | undefined] = ["detected", first(entries, "detected")];
  return {
    timeToDetect: between(impact, detected),
    timeToEngage: between(detected, ["engaged", first(entries, "engaged")]),
    timeToMitigate: between(impact, ["mitigated", last(entries, "mitigated")]),
    timeToResolve: between(impact, ["resolved", last(entries, "resolved")]),
    timeToFirstCommunication: between(impact, ["communication", first(entries, "communication")]),
  };
}

/** "1 h 05 min", "45 min", "30 s", "2 d 3 h"; negative durations (entries out of order) keep their sign. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? "−" : "";
  let s = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (d) return `${sign}${d} d ${h} h`;
  if (h) return `${sign}${h} h ${String(m).padStart(2, "0")} min`;
  if (m) return s ? `${sign}${m} min ${s} s` : `${sign}${m} min`;
  return `${sign}${s} s`;
}
