// The tables of the engine this process runs on (see engine-kind.ts). Both engines' tables come
// from one definition (tables/define.ts) and are typed alike, so data code is written once for both.
// drizzle-kit reads this file too: each config picks the engine (drizzle.config.ts, drizzle.pg.config.ts).
import { engineKind } from "./engine-kind";
import { pgTables, sqliteTables } from "./tables/engines";

export * from "../app/domain/enums";

export const {
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
} = engineKind() === "pg" ? pgTables : sqliteTables;
