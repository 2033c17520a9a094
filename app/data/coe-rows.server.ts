import { asc, eq, sql } from "drizzle-orm";
import {
  actionItems,
  coeAuthors,
  coeServices,
  coeTags,
  coes,
  dependencies,
  events,
  lessonWhyLinks,
  lessons,
  services,
  tags,
  teams,
  timelineEntries,
  users,
  whyNodes,
} from "../../db/schema";
import { perConnection } from "./per-connection.server";

/**
 * Every row of one COE, by part, in reading order: the queries behind both the pages (getCoe)
 * and the interchange export (which also runs inside every import and every saved change).
 * Prepared once per connection (named: PostgreSQL keeps a named statement per connection).
 */
export const coeRows = perConnection((db) => {
  const coeId = sql.placeholder("coeId");
  return {
    coe: db
      .select({ coe: coes, team: teams.name, event: events.name })
      .from(coes)
      .innerJoin(teams, eq(teams.id, coes.teamId))
      .leftJoin(events, eq(events.id, coes.eventId))
      .where(eq(coes.id, coeId))
      .prepare("coe_rows_coe"),
    services: db
      .select({ name: services.name })
      .from(coeServices)
      .innerJoin(services, eq(services.id, coeServices.serviceId))
      .where(eq(coeServices.coeId, coeId))
      .orderBy(asc(coeServices.position), asc(services.id))
      .prepare("coe_rows_services"),
    tags: db
      .select({ name: tags.name })
      .from(coeTags)
      .innerJoin(tags, eq(tags.id, coeTags.tagId))
      .where(eq(coeTags.coeId, coeId))
      .orderBy(asc(coeTags.position), asc(tags.id))
      .prepare("coe_rows_tags"),
    authors: db
      .select({ id: users.id, name: users.name })
      .from(coeAuthors)
      .innerJoin(users, eq(users.id, coeAuthors.userId))
      .where(eq(coeAuthors.coeId, coeId))
      .orderBy(asc(coeAuthors.createdAt))
      .prepare("coe_rows_authors"),
    timeline: db.select().from(timelineEntries).where(eq(timelineEntries.coeId, coeId)).orderBy(asc(timelineEntries.atMs), asc(timelineEntries.id)).prepare("coe_rows_timeline"),
    whyNodes: db.select().from(whyNodes).where(eq(whyNodes.coeId, coeId)).orderBy(asc(whyNodes.position), asc(whyNodes.id)).prepare("coe_rows_whyNodes"),
    lessons: db.select().from(lessons).where(eq(lessons.coeId, coeId)).orderBy(asc(lessons.position), asc(lessons.id)).prepare("coe_rows_lessons"),
    lessonWhyLinks: db
      .select({ lessonId: lessonWhyLinks.lessonId, whyNodeId: lessonWhyLinks.whyNodeId })
      .from(lessonWhyLinks)
      .innerJoin(lessons, eq(lessons.id, lessonWhyLinks.lessonId))
      .where(eq(lessons.coeId, coeId))
      .prepare("coe_rows_lessonWhyLinks"),
    actionItems: db
      .select({ item: actionItems, ownerEmail: users.email, ownerName: users.name })
      .from(actionItems)
      .leftJoin(users, eq(users.id, actionItems.ownerId))
      .where(eq(actionItems.coeId, coeId))
      .orderBy(asc(actionItems.position), asc(actionItems.id))
      .prepare("coe_rows_actionItems"),
    dependencies: db.select().from(dependencies).where(eq(dependencies.coeId, coeId)).orderBy(asc(dependencies.position), asc(dependencies.id)).prepare("coe_rows_dependencies"),
  };
});
