import type { AuditOutcome } from "../enums";
import { plural } from "../plural";

/** An audit row as the data layer reads it (the actor's name joined in, the COE's title when it is one). */
export type AuditRow = {
  id: number;
  createdAt: Date;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: number | null;
  coeTitle: string | null;
  outcome: AuditOutcome;
  status: number | null;
  count: number;
  clientAddress: string | null;
  detail: Record<string, unknown> | null;
};

/** What the audit page shows of one event: plain strings only (the stored detail can be large, e.g. deleted whys kept for undo). */
export type AuditEventView = {
  id: number;
  atMs: number;
  who: string;
  /** The email a signed-out client tried to sign in with. */
  emailTried?: string;
  what: string;
  coe?: { id: number; title?: string };
  outcome: AuditOutcome;
  status?: number;
  statusText?: string;
  count: number;
  clientAddress?: string;
  detail?: string;
};

const EDITED: Record<string, string> = {
  header: "Edited the header",
  "impact-summary": "Edited the impact summary",
  "customer-impact": "Edited the customer impact",
  timeline: "Edited the timeline",
  whys: "Edited the five whys",
  detection: "Edited detection and observability",
  dependencies: "Edited the dependencies",
  lessons: "Edited the lessons learned",
  "action-items": "Edited the action items",
  "customer-rca": "Edited the customer-facing RCA",
  closeout: "Edited the close-out",
  restore: "Restored an earlier version",
};

const DONE: Record<string, string> = {
  "user.sign_in": "Signed in",
  "user.sign_out": "Signed out",
  "user.create": "Added a user",
  "coe.import": "Created the COE",
  "why.delete": "Deleted whys (kept for undo)",
  "action_item.update": "Updated an action item",
  "action_items.settings": "Changed the action item settings",
  "reminders.run": "Sent the day's action item reminders",
  "calendar_feed.create": "Made their private calendar link",
  "calendar_feed.rotate": "Replaced their private calendar link (the old one stopped working)",
  "calendar_feed.revoke": "Turned off their private calendar link",
  "meeting.spin_team": "Spun the wheel for a team",
  "meeting.team_review": "Recorded a team's review",
};

const REFUSED_STATUS: Record<number, string> = {
  401: "not signed in",
  403: "not allowed",
  409: "stale",
  429: "throttled",
};

/** A refused request is recorded as "METHOD /path/:id"; changes as "area.verb". */
const REQUEST_ACTION = /^[A-Z]+ \//;

/** An action as people read it: "coe.header" → "Edited the header", "POST /coes/:id/edit" → "POST /coes/:id/edit refused". */
export function describeAction(action: string): string {
  if (REQUEST_ACTION.test(action)) return `${action} refused`;
  if (DONE[action]) return DONE[action];
  if (action.startsWith("coe.") && EDITED[action.slice(4)]) return EDITED[action.slice(4)]!;
  return action;
}

/** "not allowed", "throttled", … for the statuses the audit log records as refusals (a 401 from the sign-in form is a wrong password). */
export function describeRefusal(status: number, action = ""): string | undefined {
  if (status === 401 && /^POST \/login$/.test(action)) return "wrong email or password";
  return REFUSED_STATUS[status];
}

const MAX_DETAIL = 160;
const clip = (text: string) => (text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text);
const str = (value: unknown) => (typeof value === "string" ? value : undefined);

/** One short line of what the stored detail says, worded for the action it belongs to; undefined when there is nothing to add. */
export function describeDetail(action: string, detail: Record<string, unknown> | null): string | undefined {
  if (!detail) return undefined;
  if (action === "why.delete") {
    const rows = Array.isArray(detail.rows) ? detail.rows.length : 0;
    return rows === 1 ? "1 why removed" : `${rows} whys removed`;
  }
  if (action === "coe.import") {
    // The title is the COE link's text; what the import adds is whether it had to warn.
    const warnings = Array.isArray(detail.warnings) ? detail.warnings.length : 0;
    return warnings ? `${warnings} warning${warnings === 1 ? "" : "s"} on import` : undefined;
  }
  if (action === "user.create") {
    return clip([str(detail.email), str(detail.role) && `(${str(detail.role)})`, str(detail.team) && `team ${str(detail.team)}`].filter(Boolean).join(" "));
  }
  if (action === "reminders.run") {
    const n = (key: string) => (typeof detail[key] === "number" ? detail[key] : 0);
    const failed = n("emailFailures") ? `, ${plural(n("emailFailures"), "e-mail")} failed` : "";
    return `${str(detail.period) ?? ""}: ${plural(n("reminders"), "reminder")} to ${plural(n("owners"), "owner")}, ${n("emailed")} e-mailed${failed}`;
  }
  if (action === "meeting.spin_team" && str(detail.team)) return clip(`Picked ${str(detail.team)}`);
  if (action === "meeting.team_review" && str(detail.team)) {
    const followUp = str(detail.followUp) ? `follow-up: ${str(detail.followUp)}` : "no follow-up";
    return clip(`${str(detail.team)}, ${followUp}${detail.isUpdate === true ? " (recorded again)" : ""}`);
  }
  if ((action.startsWith("coe.") || action === "action_item.update") && str(detail.summary)) {
    return clip(`${str(detail.summary)}${typeof detail.version === "number" ? ` · version ${detail.version}` : ""}`);
  }
  if (detail.reason === "foreign origin")
    return str(detail.origin) ? clip(`Sent from another site: ${str(detail.origin)}`) : "Sent without saying from where (no Origin or Referer)";
  // Anything else: its simple values, "key: value", without the email (shown under "who").
  const parts = Object.entries(detail)
    .filter(([key, value]) => key !== "email" && (typeof value === "string" || typeof value === "number" || typeof value === "boolean"))
    .map(([key, value]) => `${key}: ${String(value)}`);
  return parts.length ? clip(parts.join(", ")) : undefined;
}

/**
 * An audit row worded for the admin page. Who: the actor's name; without one, "Signed out" for a
 * refused request (with the email it tried, when it was a sign-in) and "System" for a change made
 * outside the web app (the command line, the demo seed).
 */
export function describeAuditEvent(row: AuditRow): AuditEventView {
  const emailTried = row.actorName === null && row.outcome === "refused" ? str(row.detail?.email) : undefined;
  const statusText = row.status !== null ? describeRefusal(row.status, row.action) : undefined;
  const detail = describeDetail(row.action, row.detail);
  return {
    id: row.id,
    atMs: row.createdAt.getTime(),
    who: row.actorName ?? (row.outcome === "refused" ? "Signed out" : "System"),
    ...(emailTried ? { emailTried: clip(emailTried) } : {}),
    what: describeAction(row.action),
    ...(row.entityType === "coe" && row.entityId !== null ? { coe: { id: row.entityId, ...(row.coeTitle ? { title: row.coeTitle } : {}) } } : {}),
    outcome: row.outcome,
    ...(row.status !== null ? { status: row.status } : {}),
    ...(statusText ? { statusText } : {}),
    count: row.count,
    ...(row.clientAddress ? { clientAddress: row.clientAddress } : {}),
    ...(detail ? { detail } : {}),
  };
}
