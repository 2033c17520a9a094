import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

import {
  ROLES,
  COE_STATUSES,
  TIMELINE_KINDS,
  HORIZONS,
  ACTION_STATUSES,
  SCALING_MECHANISMS,
  TRI_STATES,
  FAILURE_MODES,
  COMMENT_ANCHORS,
  REVIEW_DECISIONS,
  MEETING_STATUSES,
  MEETING_OUTCOMES,
  LOGIN_OUTCOMES,
  AUDIT_OUTCOMES,
} from "../app/domain/enums";
import type { DocJSON } from "../app/domain/enums";

export * from "../app/domain/enums";

/** `column IN ('a','b')` for a CHECK constraint; the values are our own constants, never user input. */
function oneOf(column: AnySQLiteColumn, values: readonly string[]) {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(", "))})`;
}
function oneOfOrNull(column: AnySQLiteColumn, values: readonly string[]) {
  return sql`${column} is null or ${oneOf(column, values)}`;
}

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`);
const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch() * 1000)`);
const bool = (name: string) => integer(name, { mode: "boolean" }).notNull().default(false);

// ─── People ──────────────────────────────────────────────────────────────────────────────

export const teams = sqliteTable("teams", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull().default("member"),
    passwordHash: text("password_hash").notNull(),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [check("users_role_check", oneOf(t.role, ROLES)), index("users_team_idx").on(t.teamId)],
);

/** Revocable sessions. `id` is the SHA-256 of the cookie token, so a leaked DB cannot be replayed. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Sign-in attempts, for throttling. A row is written (as `pending`) before the password is
 * checked, in the same transaction that decided the attempt may go ahead, so N concurrent
 * guesses count N. `device` is set when the browser showed a device cookie earned by signing in
 * to this email before (such a client is keyed by its device, not its address).
 */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    clientAddress: text("client_address").notNull(),
    device: text("device"),
    outcome: text("outcome", { enum: LOGIN_OUTCOMES }).notNull().default("pending"),
    createdAt: createdAt(),
  },
  (t) => [
    check("login_attempts_outcome_check", oneOf(t.outcome, LOGIN_OUTCOMES)),
    index("login_attempts_email_idx").on(t.email, t.createdAt),
    index("login_attempts_client_idx").on(t.clientAddress, t.createdAt),
  ],
);

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/** Organisation-wide settings (meeting weekday and time zone, …) as key → JSON value. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
});

// ─── Catalogue ───────────────────────────────────────────────────────────────────────────

export const services = sqliteTable(
  "services",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull().unique(),
    teamId: integer("team_id").references(() => teams.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("services_team_idx").on(t.teamId)],
);

/** One event (outage) can have several COEs, one per team that has lessons. */
export const events = sqliteTable("events", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  createdAt: createdAt(),
});

export const tags = sqliteTable("tags", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
});

export const tenets = sqliteTable("tenets", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  body: text("body").notNull().default(""),
  position: integer("position").notNull().default(0),
  createdAt: createdAt(),
});

// ─── The COE document ────────────────────────────────────────────────────────────────────

export const coes = sqliteTable(
  "coes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    severity: integer("severity").notNull(),
    status: text("status", { enum: COE_STATUSES }).notNull().default("draft"),
    teamId: integer("team_id")
      .notNull()
      .references(() => teams.id),
    eventId: integer("event_id").references(() => events.id, { onDelete: "set null" }),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    impactSummary: text("impact_summary", { mode: "json" }).$type<DocJSON>(),
    customerRca: text("customer_rca", { mode: "json" }).$type<DocJSON>(),
    // Customer impact figures (SPEC §2.3). Instants are kept as written (ISO 8601 with zone).
    impactStartedAt: text("impact_started_at"),
    impactEndedAt: text("impact_ended_at"),
    affected: text("affected"),
    errorRate: text("error_rate"),
    regions: text("regions", { mode: "json" })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    // Detection and observability questions (SPEC §2.6).
    detectionFastEnough: text("detection_fast_enough", { mode: "json" }).$type<DocJSON>(),
    detectionMetricsReflectedCustomers: text("detection_metrics_reflected_customers", { mode: "json" }).$type<DocJSON>(),
    detectionSimilarEventsDetectable: text("detection_similar_events_detectable", { mode: "json" }).$type<DocJSON>(),
    // Close-out checklist (SPEC §2.11).
    closeoutFixesValidated: bool("closeout_fixes_validated"),
    closeoutDataPreserved: bool("closeout_data_preserved"),
    closeoutFollowupsAssigned: bool("closeout_followups_assigned"),
    /** Counts every saved change (revisions are numbered by it). */
    version: integer("version").notNull().default(1),
    /** Optimistic locks per section ("header", "timeline", "whys", …): a write names the version of the section it read. */
    sectionVersions: text("section_versions", { mode: "json" })
      .$type<Record<string, number>>()
      .notNull()
      .default(sql`'{}'`),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("coes_status_check", oneOf(t.status, COE_STATUSES)),
    check("coes_severity_check", sql`${t.severity} between 1 and 5`),
    check("coes_version_check", sql`${t.version} >= 1`),
    index("coes_updated_idx").on(t.updatedAt),
    index("coes_created_idx").on(t.createdAt, t.id),
    index("coes_title_idx").on(t.title, t.id),
    index("coes_status_updated_idx").on(t.status, t.updatedAt),
    // The review queue sorted by severity (status = ? order by severity, updated_at desc, id desc): read in index order, no sort.
    index("coes_status_severity_idx").on(t.status, t.severity, sql`updated_at desc`, sql`id desc`),
    index("coes_team_updated_idx").on(t.teamId, t.updatedAt),
    index("coes_severity_updated_idx").on(t.severity, t.updatedAt),
    index("coes_event_idx").on(t.eventId),
  ],
);

/** Who may edit a COE: its creator plus co-authors. */
export const coeAuthors = sqliteTable(
  "coe_authors",
  {
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.coeId, t.userId] }), index("coe_authors_user_idx").on(t.userId)],
);

export const coeServices = sqliteTable(
  "coe_services",
  {
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    serviceId: integer("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.coeId, t.serviceId] }), index("coe_services_service_idx").on(t.serviceId)],
);

export const coeTags = sqliteTable(
  "coe_tags",
  {
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.coeId, t.tagId] }), index("coe_tags_tag_idx").on(t.tagId)],
);

export const coeTenets = sqliteTable(
  "coe_tenets",
  {
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    tenetId: integer("tenet_id")
      .notNull()
      .references(() => tenets.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.coeId, t.tenetId] }), index("coe_tenets_tenet_idx").on(t.tenetId)],
);

export const timelineEntries = sqliteTable(
  "timeline_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    /** As written (ISO 8601 with zone), so the author's offset survives; `atMs` orders and measures. */
    at: text("at").notNull(),
    atMs: integer("at_ms").notNull(),
    kind: text("kind", { enum: TIMELINE_KINDS }).notNull(),
    text: text("text").notNull(),
    link: text("link"),
    createdAt: createdAt(),
  },
  (t) => [check("timeline_kind_check", oneOf(t.kind, TIMELINE_KINDS)), index("timeline_coe_at_idx").on(t.coeId, t.atMs)],
);

/** The five-whys tree as an adjacency list; siblings ordered by `position`. */
export const whyNodes = sqliteTable(
  "why_nodes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    parentId: integer("parent_id").references((): AnySQLiteColumn => whyNodes.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    text: text("text").notNull(),
    isRootCause: bool("is_root_cause"),
    evidence: text("evidence"),
    /** Root-cause category for cross-COE trends (SPEC §5); free text for now. */
    category: text("category"),
    createdAt: createdAt(),
  },
  (t) => [
    index("why_nodes_coe_parent_idx").on(t.coeId, t.parentId, t.position),
    uniqueIndex("why_nodes_one_root_idx")
      .on(t.coeId)
      .where(sql`parent_id is null`),
  ],
);

export const lessons = sqliteTable(
  "lessons",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    /** Rich text (TipTap JSON), like the other narrative fields. */
    text: text("text", { mode: "json" }).$type<DocJSON>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("lessons_coe_idx").on(t.coeId, t.position)],
);

export const lessonWhyLinks = sqliteTable(
  "lesson_why_links",
  {
    lessonId: integer("lesson_id")
      .notNull()
      .references(() => lessons.id, { onDelete: "cascade" }),
    whyNodeId: integer("why_node_id")
      .notNull()
      .references(() => whyNodes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.lessonId, t.whyNodeId] }), index("lesson_why_links_why_idx").on(t.whyNodeId)],
);

export const actionItems = sqliteTable(
  "action_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    title: text("title").notNull(),
    horizon: text("horizon", { enum: HORIZONS }).notNull(),
    ownerId: integer("owner_id").references(() => users.id, { onDelete: "set null" }),
    /** The first promise ever made; never overwritten, so re-planning cannot hide slip. */
    originalPromisedDate: text("original_promised_date"),
    promisedDate: text("promised_date"),
    status: text("status", { enum: ACTION_STATUSES }).notNull().default("open"),
    validationNote: text("validation_note"),
    cancelReason: text("cancel_reason"),
    scaling: text("scaling", { enum: SCALING_MECHANISMS }),
    isCustomerFacing: bool("is_customer_facing"),
    trackerUrl: text("tracker_url"),
    lessonId: integer("lesson_id").references(() => lessons.id, { onDelete: "set null" }),
    whyNodeId: integer("why_node_id").references(() => whyNodes.id, { onDelete: "set null" }),
    /** Per-item lock for owners updating their items outside the COE editor. */
    version: integer("version").notNull().default(1),
    implementedAt: integer("implemented_at", { mode: "timestamp_ms" }),
    validatedAt: integer("validated_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("action_items_horizon_check", oneOf(t.horizon, HORIZONS)),
    check("action_items_status_check", oneOf(t.status, ACTION_STATUSES)),
    check("action_items_scaling_check", oneOfOrNull(t.scaling, SCALING_MECHANISMS)),
    check("action_items_cancel_reason_check", sql`${t.status} <> 'cancelled' or length(coalesce(${t.cancelReason}, '')) > 0`),
    index("action_items_coe_idx").on(t.coeId, t.position),
    index("action_items_owner_status_idx").on(t.ownerId, t.status, t.promisedDate),
    index("action_items_status_promised_idx").on(t.status, t.promisedDate),
  ],
);

/** Every change of a promised date, with who, when and why (SPEC §4). */
export const actionItemDateChanges = sqliteTable(
  "action_item_date_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actionItemId: integer("action_item_id")
      .notNull()
      .references(() => actionItems.id, { onDelete: "cascade" }),
    changedById: integer("changed_by_id").references(() => users.id, { onDelete: "set null" }),
    fromDate: text("from_date"),
    toDate: text("to_date"),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("action_item_date_changes_item_idx").on(t.actionItemId, t.createdAt)],
);

export const dependencies = sqliteTable(
  "dependencies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    name: text("name").notNull(),
    performedAsPromised: text("performed_as_promised", { enum: TRI_STATES }).notNull().default("unknown"),
    implementationValidated: text("implementation_validated", { enum: TRI_STATES }).notNull().default("unknown"),
    failureMode: text("failure_mode", { enum: FAILURE_MODES }),
    /** Rich text (TipTap JSON): what happened with it, and what would reduce the blast radius. */
    notes: text("notes", { mode: "json" }).$type<DocJSON>(),
  },
  (t) => [
    check("dependencies_performed_check", oneOf(t.performedAsPromised, TRI_STATES)),
    check("dependencies_validated_check", oneOf(t.implementationValidated, TRI_STATES)),
    check("dependencies_failure_mode_check", oneOfOrNull(t.failureMode, FAILURE_MODES)),
    index("dependencies_coe_idx").on(t.coeId, t.position),
  ],
);

// ─── Review ──────────────────────────────────────────────────────────────────────────────

/** Threaded comments anchored to the COE, a section, or one part (why node, item, entry, lesson). */
export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    parentId: integer("parent_id").references((): AnySQLiteColumn => comments.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    anchorType: text("anchor_type", { enum: COMMENT_ANCHORS }).notNull().default("coe"),
    anchorId: integer("anchor_id"),
    anchorSection: text("anchor_section"),
    body: text("body").notNull(),
    resolvedAt: integer("resolved_at", { mode: "timestamp_ms" }),
    resolvedById: integer("resolved_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("comments_anchor_check", oneOf(t.anchorType, COMMENT_ANCHORS)),
    index("comments_coe_idx").on(t.coeId, t.createdAt),
    index("comments_parent_idx").on(t.parentId),
  ],
);

export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Local calendar date of the meeting (YYYY-MM-DD) in the organisation's zone. */
    scheduledFor: text("scheduled_for").notNull().unique(),
    status: text("status", { enum: MEETING_STATUSES }).notNull().default("planned"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    notes: text("notes"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [check("meetings_status_check", oneOf(t.status, MEETING_STATUSES))],
);

export const meetingItems = sqliteTable(
  "meeting_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    outcome: text("outcome", { enum: MEETING_OUTCOMES }),
    outcomeNote: text("outcome_note"),
    presentedAt: integer("presented_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    check("meeting_items_outcome_check", oneOfOrNull(t.outcome, MEETING_OUTCOMES)),
    uniqueIndex("meeting_items_meeting_coe_idx").on(t.meetingId, t.coeId),
    index("meeting_items_coe_idx").on(t.coeId),
  ],
);

export const meetingAttendees = sqliteTable(
  "meeting_attendees",
  {
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);

export const reviewDecisions = sqliteTable(
  "review_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    reviewerId: integer("reviewer_id").references(() => users.id, { onDelete: "set null" }),
    decision: text("decision", { enum: REVIEW_DECISIONS }).notNull(),
    note: text("note"),
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [check("review_decisions_decision_check", oneOf(t.decision, REVIEW_DECISIONS)), index("review_decisions_coe_idx").on(t.coeId, t.createdAt)],
);

// ─── History ─────────────────────────────────────────────────────────────────────────────

/** One row per saved change: the whole COE as an interchange document after the change. */
export const revisions = sqliteTable(
  "revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    coeId: integer("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    coeVersion: integer("coe_version").notNull(),
    section: text("section").notNull(),
    summary: text("summary").notNull(),
    snapshot: text("snapshot", { mode: "json" }).$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("revisions_coe_idx").on(t.coeId, t.id)],
);

/**
 * Who did what, and what was refused. `outcome` is `done` for a change, `refused` for a request
 * turned away (403, 409, 429, a forged origin), with its HTTP `status`. The same refusal repeated
 * by the same client within a minute folds into one row whose `count` grows, so a flood of
 * refused requests cannot flood the table.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: integer("entity_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull().default("done"),
    status: integer("status"),
    clientAddress: text("client_address"),
    count: integer("count").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    check("audit_events_outcome_check", oneOf(t.outcome, AUDIT_OUTCOMES)),
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_created_idx").on(t.createdAt),
    index("audit_events_actor_idx").on(t.actorId, t.createdAt),
  ],
);
