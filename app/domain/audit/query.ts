import { z } from "zod";
import { AUDIT_OUTCOMES, type AuditOutcome } from "../enums";

/** The audit page's filters, as its query string names them. */
export const AUDIT_QUERY_KEYS = ["who", "what", "coe", "outcome", "from", "to", "before"] as const;
export type AuditQueryKey = (typeof AUDIT_QUERY_KEYS)[number];

/** "who=none": events with no one signed in (refusals of signed-out clients, the command line). */
export const NO_ACTOR = "none";

export type AuditQuery = {
  who?: number | typeof NO_ACTOR;
  what?: string;
  coe?: number;
  outcome?: AuditOutcome;
  /** Calendar days in UTC, both inclusive. */
  from?: string;
  to?: string;
  /** Keyset paging: only events older than this id. */
  before?: number;
};

/** What the data layer filters by: instants, `since` inclusive and `until` exclusive. */
export type AuditFilters = {
  actorId?: number | null;
  action?: string;
  coeId?: number;
  outcome?: AuditOutcome;
  since?: Date;
  until?: Date;
  before?: number;
};

/** The values the "who" and "what" selects offer: anything else in the URL is an error, not a silent "any". */
export type AuditChoices = { actorIds: ReadonlySet<number>; actions: ReadonlySet<string> };

export type AuditQueryResult =
  { ok: true; query: AuditQuery; values: AuditValues } | { ok: false; errors: Partial<Record<AuditQueryKey, string>>; values: AuditValues };

/** The raw values, trimmed and capped, so the form shows what was asked for even when it was wrong. */
export type AuditValues = Partial<Record<AuditQueryKey, string>>;

const MAX_VALUE = 200;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ID = /^\d{1,15}$/;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const Id = (message: string) => z.string().trim().regex(ID, message).transform(Number).pipe(z.number().int().positive(message));
const Day = z
  .string()
  .trim()
  // A date field cannot show a value that is not a date, so the message repeats it.
  .refine((v) => dayStart(v) !== undefined, { error: (issue) => `“${String(issue.input).slice(0, 40)}” is not a date; use one like 2025-01-31` });

/** Midnight UTC of a YYYY-MM-DD day, or undefined for anything that is not a real calendar day. */
export function dayStart(day: string): Date | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1970 || at.getUTCFullYear() !== y || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) return undefined;
  return at;
}

function auditQuerySchema(choices: AuditChoices) {
  return z.object({
    who: optional(
      z
        .string()
        .trim()
        .refine((v) => v === NO_ACTOR || (ID.test(v) && choices.actorIds.has(Number(v))), "Choose someone from the list")
        .transform((v) => (v === NO_ACTOR ? NO_ACTOR : Number(v))),
    ),
    what: optional(
      z
        .string()
        .trim()
        .refine((v) => choices.actions.has(v), "Choose an action from the list"),
    ),
    coe: optional(Id("Enter a COE number, such as 12")),
    outcome: optional(z.enum(AUDIT_OUTCOMES, { error: "Choose done or refused" })),
    from: optional(Day),
    to: optional(Day),
    before: optional(Id("This page link is broken; start again from the newest events")),
  });
}

/**
 * Reads the audit page's query string. Unlike the COE list (a bookmark that may go stale), a
 * filter that cannot be applied is reported next to its field: an audit search that silently
 * dropped a filter would show events that were not asked for. Unknown keys are ignored.
 */
export function parseAuditQuery(params: URLSearchParams, choices: AuditChoices): AuditQueryResult {
  const values: AuditValues = {};
  for (const key of AUDIT_QUERY_KEYS) {
    const value = params.get(key)?.trim();
    if (value) values[key] = value.slice(0, MAX_VALUE);
  }
  const raw = Object.fromEntries(AUDIT_QUERY_KEYS.map((key) => [key, params.get(key) ?? undefined]));
  const parsed = auditQuerySchema(choices).safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Partial<Record<AuditQueryKey, string[]>>;
    return { ok: false, values, errors: Object.fromEntries(Object.entries(fieldErrors).map(([key, messages]) => [key, messages?.[0]])) };
  }
  const query = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as AuditQuery;
  if (query.from && query.to && query.to < query.from) return { ok: false, values, errors: { to: "Must be on or after the “from” date" } };
  return { ok: true, query, values };
}

/** The query as the data layer's filters: whole UTC days become instants (`to` includes its whole day). */
export function auditFiltersOf(query: AuditQuery): AuditFilters {
  const untilDay = query.to ? dayStart(query.to) : undefined;
  return {
    ...(query.who !== undefined ? { actorId: query.who === NO_ACTOR ? null : query.who } : {}),
    ...(query.what ? { action: query.what } : {}),
    ...(query.coe !== undefined ? { coeId: query.coe } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.from ? { since: dayStart(query.from) } : {}),
    ...(untilDay ? { until: new Date(untilDay.getTime() + 24 * 3600_000) } : {}),
    ...(query.before !== undefined ? { before: query.before } : {}),
  };
}

/** The query as a search string (filters in a fixed order, blanks left out; "" for none), for the paging links. */
export function auditSearch(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const key of AUDIT_QUERY_KEYS) {
    const value = query[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : "";
}
