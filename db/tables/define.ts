import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

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
  REMINDER_KINDS,
} from "../../app/domain/enums";
import type { DocJSON } from "../../app/domain/enums";
import type { ColumnKit } from "./column-kit";

/** `column IN ('a','b')` for a CHECK constraint; the values are our own constants, never user input. */
function oneOf(column: AnyPgColumn, values: readonly string[]) {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(", "))})`;
}
function oneOfOrNull(column: AnyPgColumn, values: readonly string[]) {
  return sql`${column} is null or ${oneOf(column, values)}`;
}

/**
 * Every table, written once for both engines: `k` builds each column the way its engine stores it
 * (see column-kit.ts), so the SQLite and PostgreSQL schemas have the same tables, columns,
 * constraints and indexes. The result is typed as PostgreSQL's (the stricter builder API); the
 * SQLite kit produces the same shape at run time.
 */
export function defineTables(k: ColumnKit) {
  // ─── People ──────────────────────────────────────────────────────────────────────────────

  const teams = k.table("teams", {
    id: k.id(),
    name: k.text("name").notNull().unique(),
    createdAt: k.createdAt(),
  });

  const users = k.table(
    "users",
    {
      id: k.id(),
      email: k.text("email").notNull().unique(),
      name: k.text("name").notNull(),
      role: k.text("role", { enum: ROLES }).notNull().default("member"),
      passwordHash: k.text("password_hash").notNull(),
      teamId: k.int("team_id").references(() => teams.id, { onDelete: "set null" }),
      disabledAt: k.instant("disabled_at"),
      createdAt: k.createdAt(),
    },
    (t) => [k.check("users_role_check", oneOf(t.role, ROLES)), k.index("users_team_idx").on(t.teamId)],
  );

  /** Revocable sessions. `id` is the SHA-256 of the cookie token, so a leaked DB cannot be replayed. */
  /** The owning user; the row goes when the user does. */
  const ofUser = () =>
    k
      .int("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" });

  const sessions = k.table(
    "sessions",
    {
      id: k.text("id").primaryKey(),
      userId: ofUser(),
      expiresAt: k.instant("expires_at").notNull(),
      createdAt: k.createdAt(),
    },
    (t) => [k.index("sessions_user_idx").on(t.userId), k.index("sessions_expires_idx").on(t.expiresAt)],
  );

  /**
   * Sign-in attempts, for throttling. A row is written (as `pending`) before the password is
   * checked, in the same transaction that decided the attempt may go ahead, so N concurrent
   * guesses count N. `device` is set when the browser showed a device cookie earned by signing in
   * to this email before (such a client is keyed by its device, not its address).
   */
  const loginAttempts = k.table(
    "login_attempts",
    {
      id: k.id(),
      email: k.text("email").notNull(),
      clientAddress: k.text("client_address").notNull(),
      device: k.text("device"),
      outcome: k.text("outcome", { enum: LOGIN_OUTCOMES }).notNull().default("pending"),
      createdAt: k.createdAt(),
    },
    (t) => [
      k.check("login_attempts_outcome_check", oneOf(t.outcome, LOGIN_OUTCOMES)),
      k.index("login_attempts_email_idx").on(t.email, t.createdAt),
      k.index("login_attempts_client_idx").on(t.clientAddress, t.createdAt),
    ],
  );

  const apiTokens = k.table(
    "api_tokens",
    {
      id: k.id(),
      userId: ofUser(),
      name: k.text("name").notNull(),
      tokenHash: k.text("token_hash").notNull().unique(),
      lastUsedAt: k.instant("last_used_at"),
      revokedAt: k.instant("revoked_at"),
      createdAt: k.createdAt(),
    },
    (t) => [k.index("api_tokens_user_idx").on(t.userId)],
  );

  /** Organisation-wide settings (meeting weekday and time zone, …) as key → JSON value. */
  const settings = k.table("settings", {
    key: k.text("key").primaryKey(),
    value: k.json("value").notNull(),
  });

  // ─── Catalogue ───────────────────────────────────────────────────────────────────────────

  const services = k.table(
    "services",
    {
      id: k.id(),
      name: k.text("name").notNull().unique(),
      teamId: k.int("team_id").references(() => teams.id, { onDelete: "set null" }),
      createdAt: k.createdAt(),
    },
    (t) => [k.index("services_team_idx").on(t.teamId)],
  );

  /** One event (outage) can have several COEs, one per team that has lessons. */
  const events = k.table("events", {
    id: k.id(),
    name: k.text("name").notNull().unique(),
    createdAt: k.createdAt(),
  });

  const tags = k.table("tags", {
    id: k.id(),
    name: k.text("name").notNull().unique(),
  });

  const tenets = k.table("tenets", {
    id: k.id(),
    title: k.text("title").notNull(),
    body: k.text("body").notNull().default(""),
    position: k.int("position").notNull().default(0),
    /** A retired tenet stays cited where it was, but is no longer offered to authors. */
    retiredAt: k.instant("retired_at"),
    createdAt: k.createdAt(),
  });

  /**
   * The managed taxonomy of root causes (SPEC §5): admins add, rename, merge and retire; why
   * nodes marked as root causes point at one. A retired category stays on the nodes that carry it.
   */
  const rootCauseCategories = k.table("root_cause_categories", {
    id: k.id(),
    name: k.text("name").notNull().unique(),
    description: k.text("description").notNull().default(""),
    retiredAt: k.instant("retired_at"),
    createdAt: k.createdAt(),
  });

  // ─── The COE document ────────────────────────────────────────────────────────────────────

  const coes = k.table(
    "coes",
    {
      id: k.id(),
      title: k.text("title").notNull(),
      severity: k.int("severity").notNull(),
      status: k.text("status", { enum: COE_STATUSES }).notNull().default("draft"),
      teamId: k
        .int("team_id")
        .notNull()
        .references(() => teams.id),
      eventId: k.int("event_id").references(() => events.id, { onDelete: "set null" }),
      createdById: k.int("created_by_id").references(() => users.id, { onDelete: "set null" }),
      impactSummary: k.json("impact_summary").$type<DocJSON>(),
      customerRca: k.json("customer_rca").$type<DocJSON>(),
      // Customer impact figures (SPEC §2.3). Instants are kept as written (ISO 8601 with zone).
      impactStartedAt: k.text("impact_started_at"),
      impactEndedAt: k.text("impact_ended_at"),
      affected: k.text("affected"),
      errorRate: k.text("error_rate"),
      regions: k.json("regions").$type<string[]>().notNull().default(k.emptyList()),
      // Detection and observability questions (SPEC §2.6).
      detectionFastEnough: k.json("detection_fast_enough").$type<DocJSON>(),
      detectionMetricsReflectedCustomers: k.json("detection_metrics_reflected_customers").$type<DocJSON>(),
      detectionSimilarEventsDetectable: k.json("detection_similar_events_detectable").$type<DocJSON>(),
      // Close-out checklist (SPEC §2.11).
      closeoutFixesValidated: k.bool("closeout_fixes_validated"),
      closeoutDataPreserved: k.bool("closeout_data_preserved"),
      closeoutFollowupsAssigned: k.bool("closeout_followups_assigned"),
      /** Counts every saved change (revisions are numbered by it). */
      version: k.int("version").notNull().default(1),
      /**
       * When the customer RCA is (or was) due, while it is still unwritten; null once written or
       * while impact start is unknown. Derived (impact start, timeline, customer RCA), kept by every
       * write in its transaction, so "late RCAs" is one indexed range instead of a scan of every COE.
       */
      rcaOwedAt: k.instant("rca_owed_at"),
      // When the customer RCA is due (impact start + 7 days; null while impact start is unknown), and
      // when a write first gave words to an RCA that was owed (null when unwritten, or written before
      // it was owed, or imported): together they tell an RCA written on time from one written late.
      rcaDueAt: k.instant("rca_due_at"),
      rcaWrittenAt: k.instant("rca_written_at"),
      submittedAt: k.instant("submitted_at"),
      approvedAt: k.instant("approved_at"),
      closedAt: k.instant("closed_at"),
      createdAt: k.createdAt(),
      updatedAt: k.updatedAt(),
    },
    (t) => [
      k.check("coes_status_check", oneOf(t.status, COE_STATUSES)),
      k.check("coes_severity_check", sql`${t.severity} between 1 and 5`),
      k.check("coes_version_check", sql`${t.version} >= 1`),
      k.index("coes_updated_idx").on(t.updatedAt),
      k.index("coes_created_idx").on(t.createdAt, t.id),
      k.index("coes_title_idx").on(t.title, t.id),
      k.index("coes_status_updated_idx").on(t.status, t.updatedAt),
      // The review queue sorted by severity (status = ? order by severity, updated_at desc, id desc): read in index order, no sort.
      k.index("coes_status_severity_idx").on(t.status, t.severity, sql`updated_at desc`, sql`id desc`),
      k.index("coes_team_updated_idx").on(t.teamId, t.updatedAt),
      k.index("coes_severity_updated_idx").on(t.severity, t.updatedAt),
      k.index("coes_event_idx").on(t.eventId),
      k.index("coes_rca_owed_idx").on(t.rcaOwedAt),
      // Search's incident-date filter: a range over the stored text, which starts with its day.
      k.index("coes_impact_started_idx").on(t.impactStartedAt),
    ],
  );

  /** The owning COE; the row goes when the COE does. */
  const ofCoe = () =>
    k
      .int("coe_id")
      .notNull()
      .references(() => coes.id, { onDelete: "cascade" });

  /** Optimistic locks per section ("header", "timeline", "whys", …): a write names the version of the section it read. A missing row is version 0. */
  const coeSectionVersions = k.table(
    "coe_section_versions",
    {
      coeId: ofCoe(),
      section: k.text("section").notNull(),
      version: k.int("version").notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.coeId, t.section] }), k.check("coe_section_versions_version_check", sql`${t.version} >= 1`)],
  );

  /** Who may edit a COE: its creator plus co-authors. */
  const coeAuthors = k.table(
    "coe_authors",
    {
      coeId: ofCoe(),
      userId: ofUser(),
      createdAt: k.createdAt(),
    },
    (t) => [k.primaryKey({ columns: [t.coeId, t.userId] }), k.index("coe_authors_user_idx").on(t.userId)],
  );

  const coeServices = k.table(
    "coe_services",
    {
      coeId: ofCoe(),
      serviceId: k
        .int("service_id")
        .notNull()
        .references(() => services.id, { onDelete: "cascade" }),
      position: k.int("position").notNull().default(0),
    },
    (t) => [k.primaryKey({ columns: [t.coeId, t.serviceId] }), k.index("coe_services_service_idx").on(t.serviceId)],
  );

  const coeTags = k.table(
    "coe_tags",
    {
      coeId: ofCoe(),
      tagId: k
        .int("tag_id")
        .notNull()
        .references(() => tags.id, { onDelete: "cascade" }),
      position: k.int("position").notNull().default(0),
    },
    (t) => [k.primaryKey({ columns: [t.coeId, t.tagId] }), k.index("coe_tags_tag_idx").on(t.tagId)],
  );

  const coeTenets = k.table(
    "coe_tenets",
    {
      coeId: ofCoe(),
      tenetId: k
        .int("tenet_id")
        .notNull()
        .references(() => tenets.id, { onDelete: "cascade" }),
    },
    (t) => [k.primaryKey({ columns: [t.coeId, t.tenetId] }), k.index("coe_tenets_tenet_idx").on(t.tenetId)],
  );

  const timelineEntries = k.table(
    "timeline_entries",
    {
      id: k.id(),
      coeId: ofCoe(),
      /** As written (ISO 8601 with zone), so the author's offset survives; `atMs` orders and measures. */
      at: k.text("at").notNull(),
      atMs: k.bigint("at_ms").notNull(),
      kind: k.text("kind", { enum: TIMELINE_KINDS }).notNull(),
      text: k.text("text").notNull(),
      link: k.text("link"),
      createdAt: k.createdAt(),
    },
    (t) => [k.check("timeline_kind_check", oneOf(t.kind, TIMELINE_KINDS)), k.index("timeline_coe_at_idx").on(t.coeId, t.atMs)],
  );

  /** The five-whys tree as an adjacency list; siblings ordered by `position`. */
  const whyNodes = k.table(
    "why_nodes",
    {
      id: k.id(),
      coeId: ofCoe(),
      parentId: k.int("parent_id").references((): AnyPgColumn => whyNodes.id, { onDelete: "cascade" }),
      position: k.int("position").notNull().default(0),
      text: k.text("text").notNull(),
      isRootCause: k.bool("is_root_cause"),
      evidence: k.text("evidence"),
      /** Root-cause category for cross-COE trends (SPEC §5), from the managed taxonomy. */
      categoryId: k.int("category_id").references(() => rootCauseCategories.id, { onDelete: "set null" }),
      createdAt: k.createdAt(),
    },
    (t) => [
      k.index("why_nodes_coe_parent_idx").on(t.coeId, t.parentId, t.position),
      k.index("why_nodes_category_idx").on(t.categoryId),
      k
        .uniqueIndex("why_nodes_one_root_idx")
        .on(t.coeId)
        .where(sql`parent_id is null`),
    ],
  );

  /**
   * The distinctive words of a COE's five whys and lessons (derived, rewritten with every change):
   * "similar COEs" finds the COEs that share them through the term index.
   */
  const coeKeywords = k.table(
    "coe_keywords",
    {
      coeId: ofCoe(),
      term: k.text("term").notNull(),
      weight: k.int("weight").notNull(),
    },
    (t) => [k.primaryKey({ columns: [t.coeId, t.term] }), k.index("coe_keywords_term_idx").on(t.term)],
  );

  const lessons = k.table(
    "lessons",
    {
      id: k.id(),
      coeId: ofCoe(),
      position: k.int("position").notNull().default(0),
      /** Rich text (TipTap JSON), like the other narrative fields. */
      text: k.json("text").$type<DocJSON>().notNull(),
      createdAt: k.createdAt(),
    },
    (t) => [k.index("lessons_coe_idx").on(t.coeId, t.position)],
  );

  const lessonWhyLinks = k.table(
    "lesson_why_links",
    {
      lessonId: k
        .int("lesson_id")
        .notNull()
        .references(() => lessons.id, { onDelete: "cascade" }),
      whyNodeId: k
        .int("why_node_id")
        .notNull()
        .references(() => whyNodes.id, { onDelete: "cascade" }),
    },
    (t) => [k.primaryKey({ columns: [t.lessonId, t.whyNodeId] }), k.index("lesson_why_links_why_idx").on(t.whyNodeId)],
  );

  const actionItems = k.table(
    "action_items",
    {
      id: k.id(),
      coeId: ofCoe(),
      position: k.int("position").notNull().default(0),
      title: k.text("title").notNull(),
      horizon: k.text("horizon", { enum: HORIZONS }).notNull(),
      ownerId: k.int("owner_id").references(() => users.id, { onDelete: "set null" }),
      /** The first promise ever made; never overwritten, so re-planning cannot hide slip. */
      originalPromisedDate: k.text("original_promised_date"),
      promisedDate: k.text("promised_date"),
      status: k.text("status", { enum: ACTION_STATUSES }).notNull().default("open"),
      validationNote: k.text("validation_note"),
      cancelReason: k.text("cancel_reason"),
      scaling: k.text("scaling", { enum: SCALING_MECHANISMS }),
      isCustomerFacing: k.bool("is_customer_facing"),
      trackerUrl: k.text("tracker_url"),
      lessonId: k.int("lesson_id").references(() => lessons.id, { onDelete: "set null" }),
      whyNodeId: k.int("why_node_id").references(() => whyNodes.id, { onDelete: "set null" }),
      /** Per-item lock for owners updating their items outside the COE editor. */
      version: k.int("version").notNull().default(1),
      implementedAt: k.instant("implemented_at"),
      validatedAt: k.instant("validated_at"),
      /** Who showed it works (SPEC §4: done only when validated); by default someone other than the owner. */
      validatedById: k.int("validated_by_id").references(() => users.id, { onDelete: "set null" }),
      createdAt: k.createdAt(),
      updatedAt: k.updatedAt(),
    },
    (t) => [
      k.check("action_items_horizon_check", oneOf(t.horizon, HORIZONS)),
      k.check("action_items_status_check", oneOf(t.status, ACTION_STATUSES)),
      k.check("action_items_scaling_check", oneOfOrNull(t.scaling, SCALING_MECHANISMS)),
      k.check("action_items_cancel_reason_check", sql`${t.status} <> 'cancelled' or length(coalesce(${t.cancelReason}, '')) > 0`),
      k.index("action_items_coe_idx").on(t.coeId, t.position),
      k.index("action_items_owner_status_idx").on(t.ownerId, t.status, t.promisedDate),
      k.index("action_items_status_promised_idx").on(t.status, t.promisedDate),
    ],
  );

  /** Every change of a promised date, with who, when and why (SPEC §4). */
  const actionItemDateChanges = k.table(
    "action_item_date_changes",
    {
      id: k.id(),
      actionItemId: k
        .int("action_item_id")
        .notNull()
        .references(() => actionItems.id, { onDelete: "cascade" }),
      changedById: k.int("changed_by_id").references(() => users.id, { onDelete: "set null" }),
      fromDate: k.text("from_date"),
      toDate: k.text("to_date"),
      reason: k.text("reason").notNull(),
      createdAt: k.createdAt(),
    },
    // By item (its log), and by time (what changed since the last review meeting).
    (t) => [k.index("action_item_date_changes_item_idx").on(t.actionItemId, t.createdAt), k.index("action_item_date_changes_created_idx").on(t.createdAt)],
  );

  /** Every change of an action item after it exists (status, date, owner, validation, its fields): the item as it was after the change. */
  const actionItemRevisions = k.table(
    "action_item_revisions",
    {
      id: k.id(),
      actionItemId: k
        .int("action_item_id")
        .notNull()
        .references(() => actionItems.id, { onDelete: "cascade" }),
      version: k.int("version").notNull(),
      actorId: k.int("actor_id").references(() => users.id, { onDelete: "set null" }),
      summary: k.text("summary").notNull(),
      snapshot: k.json("snapshot").$type<Record<string, unknown>>().notNull(),
      createdAt: k.createdAt(),
    },
    (t) => [k.index("action_item_revisions_item_idx").on(t.actionItemId, t.id)],
  );

  /**
   * A user's private calendar feed of their action items (SPEC §4): one per user. Only the SHA-256
   * of the secret token is kept (the URL is shown once, when made or rotated); revoking deletes the row.
   */
  const calendarFeeds = k.table("calendar_feeds", {
    id: k.id(),
    userId: ofUser().unique(),
    tokenHash: k.text("token_hash").notNull().unique(),
    createdAt: k.createdAt(),
  });

  /**
   * One row per reminder an owner was sent: an item's overdue or due-soon reminder for one promised
   * date. The key keeps anyone from getting the same reminder twice, even with two instances running.
   */
  const actionItemReminders = k.table(
    "action_item_reminders",
    {
      actionItemId: k
        .int("action_item_id")
        .notNull()
        .references(() => actionItems.id, { onDelete: "cascade" }),
      userId: ofUser(),
      kind: k.text("kind", { enum: REMINDER_KINDS }).notNull(),
      promisedDate: k.text("promised_date").notNull(),
      jobRunPeriod: k.text("job_run_period").notNull(),
      createdAt: k.createdAt(),
    },
    (t) => [
      k.primaryKey({ columns: [t.actionItemId, t.userId, t.kind, t.promisedDate] }),
      k.check("action_item_reminders_kind_check", oneOf(t.kind, REMINDER_KINDS)),
    ],
  );

  /** Scheduled jobs: one row per job and period, claimed by the first instance to insert it, so each period runs once. */
  const jobRuns = k.table(
    "job_runs",
    {
      job: k.text("job").notNull(),
      period: k.text("period").notNull(),
      claimedBy: k.text("claimed_by").notNull(),
      claimedAt: k.createdAt(),
      finishedAt: k.instant("finished_at"),
      result: k.json("result").$type<Record<string, unknown>>(),
    },
    (t) => [k.primaryKey({ columns: [t.job, t.period] })],
  );

  const dependencies = k.table(
    "dependencies",
    {
      id: k.id(),
      coeId: ofCoe(),
      position: k.int("position").notNull().default(0),
      name: k.text("name").notNull(),
      performedAsPromised: k.text("performed_as_promised", { enum: TRI_STATES }).notNull().default("unknown"),
      implementationValidated: k.text("implementation_validated", { enum: TRI_STATES }).notNull().default("unknown"),
      failureMode: k.text("failure_mode", { enum: FAILURE_MODES }),
      /** Rich text (TipTap JSON): what happened with it, and what would reduce the blast radius. */
      notes: k.json("notes").$type<DocJSON>(),
    },
    (t) => [
      k.check("dependencies_performed_check", oneOf(t.performedAsPromised, TRI_STATES)),
      k.check("dependencies_validated_check", oneOf(t.implementationValidated, TRI_STATES)),
      k.check("dependencies_failure_mode_check", oneOfOrNull(t.failureMode, FAILURE_MODES)),
      k.index("dependencies_coe_idx").on(t.coeId, t.position),
    ],
  );

  // ─── Review ──────────────────────────────────────────────────────────────────────────────

  /** Threaded comments anchored to the COE, a section, or one part (why node, item, entry, lesson). */
  const comments = k.table(
    "comments",
    {
      id: k.id(),
      coeId: ofCoe(),
      parentId: k.int("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
      authorId: k.int("author_id").references(() => users.id, { onDelete: "set null" }),
      anchorType: k.text("anchor_type", { enum: COMMENT_ANCHORS }).notNull().default("coe"),
      anchorId: k.int("anchor_id"),
      anchorSection: k.text("anchor_section"),
      /** What the anchored part said when the comment was made, so a deleted part is still named ("on a deleted why: …"). */
      anchorLabel: k.text("anchor_label"),
      /** A text selection in a rich section: the words chosen, and a little context either side to find them again. */
      anchorQuote: k.text("anchor_quote"),
      anchorPrefix: k.text("anchor_prefix"),
      anchorSuffix: k.text("anchor_suffix"),
      body: k.text("body").notNull(),
      editedAt: k.instant("edited_at"),
      resolvedAt: k.instant("resolved_at"),
      resolvedById: k.int("resolved_by_id").references(() => users.id, { onDelete: "set null" }),
      createdAt: k.createdAt(),
      updatedAt: k.updatedAt(),
    },
    (t) => [
      k.check("comments_anchor_check", oneOf(t.anchorType, COMMENT_ANCHORS)),
      k.index("comments_coe_idx").on(t.coeId, t.createdAt),
      k.index("comments_parent_idx").on(t.parentId),
      k.index("comments_anchor_idx").on(t.coeId, t.anchorType, t.anchorId),
    ],
  );

  /** Earlier wordings of an edited comment: the body it had before each edit. */
  const commentEdits = k.table(
    "comment_edits",
    {
      id: k.id(),
      commentId: k
        .int("comment_id")
        .notNull()
        .references(() => comments.id, { onDelete: "cascade" }),
      body: k.text("body").notNull(),
      createdAt: k.createdAt(),
    },
    (t) => [k.index("comment_edits_comment_idx").on(t.commentId, t.id)],
  );

  /** In-app notifications (the bell): a mention in a comment, a decision on one's COE, later action-item reminders. */
  const notifications = k.table(
    "notifications",
    {
      id: k.id(),
      userId: ofUser(),
      kind: k.text("kind").notNull(),
      text: k.text("text").notNull(),
      href: k.text("href").notNull(),
      actorId: k.int("actor_id").references(() => users.id, { onDelete: "set null" }),
      coeId: k.int("coe_id").references(() => coes.id, { onDelete: "cascade" }),
      readAt: k.instant("read_at"),
      createdAt: k.createdAt(),
    },
    (t) => [k.index("notifications_user_idx").on(t.userId, t.readAt, t.id)],
  );

  /** Every move through the review lifecycle: who, when, from, to (SPEC §3). */
  const coeTransitions = k.table(
    "coe_transitions",
    {
      id: k.id(),
      coeId: ofCoe(),
      actorId: k.int("actor_id").references(() => users.id, { onDelete: "set null" }),
      transition: k.text("transition").notNull(),
      fromStatus: k.text("from_status", { enum: COE_STATUSES }).notNull(),
      toStatus: k.text("to_status", { enum: COE_STATUSES }).notNull(),
      note: k.text("note"),
      meetingId: k.int("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
      createdAt: k.createdAt(),
    },
    (t) => [
      k.check("coe_transitions_from_check", oneOf(t.fromStatus, COE_STATUSES)),
      k.check("coe_transitions_to_check", oneOf(t.toStatus, COE_STATUSES)),
      k.index("coe_transitions_coe_idx").on(t.coeId, t.id),
    ],
  );

  const meetings = k.table(
    "meetings",
    {
      id: k.id(),
      /** Local calendar date of the meeting (YYYY-MM-DD) in the organisation's zone. */
      scheduledFor: k.text("scheduled_for").notNull().unique(),
      /** The instant it starts (the schedule's time in its zone on that date). */
      startsAt: k.instant("starts_at"),
      /** The agenda item being presented now, while the meeting runs. */
      currentItemId: k.int("current_item_id"),
      status: k.text("status", { enum: MEETING_STATUSES }).notNull().default("planned"),
      startedAt: k.instant("started_at"),
      endedAt: k.instant("ended_at"),
      notes: k.text("notes"),
      version: k.int("version").notNull().default(1),
      createdAt: k.createdAt(),
    },
    (t) => [k.check("meetings_status_check", oneOf(t.status, MEETING_STATUSES))],
  );

  const meetingItems = k.table(
    "meeting_items",
    {
      id: k.id(),
      meetingId: k
        .int("meeting_id")
        .notNull()
        .references(() => meetings.id, { onDelete: "cascade" }),
      coeId: ofCoe(),
      position: k.int("position").notNull().default(0),
      outcome: k.text("outcome", { enum: MEETING_OUTCOMES }),
      outcomeNote: k.text("outcome_note"),
      /** When its presentation began (the per-item timer counts from here). */
      startedAt: k.instant("started_at"),
      presentedAt: k.instant("presented_at"),
      /** Not presented when the meeting ended: the meeting it was carried over to (kept by the data layer; SQLite cannot add a column with a cascading reference). */
      carriedToMeetingId: k.int("carried_to_meeting_id"),
    },
    (t) => [
      k.check("meeting_items_outcome_check", oneOfOrNull(t.outcome, MEETING_OUTCOMES)),
      k.uniqueIndex("meeting_items_meeting_coe_idx").on(t.meetingId, t.coeId),
      k.index("meeting_items_coe_idx").on(t.coeId),
    ],
  );

  const meetingAttendees = k.table(
    "meeting_attendees",
    {
      meetingId: k
        .int("meeting_id")
        .notNull()
        .references(() => meetings.id, { onDelete: "cascade" }),
      userId: ofUser(),
    },
    (t) => [k.primaryKey({ columns: [t.meetingId, t.userId] })],
  );

  /** A team picked in a weekly meeting to review its action-item figures, with any follow-up. */
  const meetingTeamReviews = k.table(
    "meeting_team_reviews",
    {
      id: k.id(),
      meetingId: k
        .int("meeting_id")
        .notNull()
        .references(() => meetings.id, { onDelete: "cascade" }),
      teamId: k
        .int("team_id")
        .notNull()
        .references(() => teams.id, { onDelete: "cascade" }),
      reviewedById: k.int("reviewed_by_id").references(() => users.id, { onDelete: "set null" }),
      followUp: k.text("follow_up"),
      /** The team's figures when it was reviewed, so the next review can say how they moved. */
      figures: k.json("figures").$type<Record<string, unknown>>(),
      createdAt: k.createdAt(),
    },
    (t) => [
      k.uniqueIndex("meeting_team_reviews_meeting_team_idx").on(t.meetingId, t.teamId),
      k.index("meeting_team_reviews_team_idx").on(t.teamId, t.createdAt),
    ],
  );

  const reviewDecisions = k.table(
    "review_decisions",
    {
      id: k.id(),
      coeId: ofCoe(),
      reviewerId: k.int("reviewer_id").references(() => users.id, { onDelete: "set null" }),
      decision: k.text("decision", { enum: REVIEW_DECISIONS }).notNull(),
      note: k.text("note"),
      /** The open comments a request for changes names (what the authors must address). */
      commentIds: k.json("comment_ids").$type<number[]>().notNull().default(k.emptyList()),
      meetingId: k.int("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
      createdAt: k.createdAt(),
    },
    (t) => [k.check("review_decisions_decision_check", oneOf(t.decision, REVIEW_DECISIONS)), k.index("review_decisions_coe_idx").on(t.coeId, t.createdAt)],
  );

  // ─── History ─────────────────────────────────────────────────────────────────────────────

  /** One row per saved change: the whole COE as an interchange document after the change. */
  const revisions = k.table(
    "revisions",
    {
      id: k.id(),
      coeId: ofCoe(),
      authorId: k.int("author_id").references(() => users.id, { onDelete: "set null" }),
      coeVersion: k.int("coe_version").notNull(),
      section: k.text("section").notNull(),
      summary: k.text("summary").notNull(),
      snapshot: k.json("snapshot").$type<unknown>().notNull(),
      createdAt: k.createdAt(),
    },
    (t) => [k.index("revisions_coe_idx").on(t.coeId, t.id)],
  );

  /**
   * Who did what, and what was refused. `outcome` is `done` for a change, `refused` for a request
   * turned away (403, 409, 429, a forged origin), with its HTTP `status`. The same refusal repeated
   * by the same client within a minute folds into one row whose `count` grows, so a flood of
   * refused requests cannot flood the table.
   */
  const auditEvents = k.table(
    "audit_events",
    {
      id: k.id(),
      actorId: k.int("actor_id").references(() => users.id, { onDelete: "set null" }),
      action: k.text("action").notNull(),
      entityType: k.text("entity_type").notNull(),
      entityId: k.int("entity_id"),
      detail: k.json("detail").$type<Record<string, unknown>>(),
      outcome: k.text("outcome", { enum: AUDIT_OUTCOMES }).notNull().default("done"),
      status: k.int("status"),
      clientAddress: k.text("client_address"),
      count: k.int("count").notNull().default(1),
      createdAt: k.createdAt(),
    },
    (t) => [
      k.check("audit_events_outcome_check", oneOf(t.outcome, AUDIT_OUTCOMES)),
      k.index("audit_events_entity_idx").on(t.entityType, t.entityId),
      k.index("audit_events_created_idx").on(t.createdAt),
      k.index("audit_events_actor_idx").on(t.actorId, t.createdAt),
    ],
  );

  return {
    teams,
    users,
    sessions,
    loginAttempts,
    apiTokens,
    settings,
    services,
    events,
    tags,
    tenets,
    rootCauseCategories,
    coes,
    coeSectionVersions,
    coeAuthors,
    coeServices,
    coeTags,
    coeTenets,
    timelineEntries,
    whyNodes,
    coeKeywords,
    lessons,
    lessonWhyLinks,
    actionItems,
    actionItemDateChanges,
    actionItemRevisions,
    calendarFeeds,
    actionItemReminders,
    jobRuns,
    dependencies,
    comments,
    commentEdits,
    notifications,
    coeTransitions,
    meetings,
    meetingItems,
    meetingAttendees,
    meetingTeamReviews,
    reviewDecisions,
    revisions,
    auditEvents,
  };
}
