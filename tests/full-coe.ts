/**
 * A COE with every column of every content table set to a value other than its default, written
 * straight to the tables (not through import, which could only fill what it knows about).
 * Two variants differ in every compared column, so "change everything" is one call.
 * When a column is added to a content table, `columnsLeftAtDefault` names it until it is set here.
 */
import { eq, inArray } from "drizzle-orm";
import { withTransaction, type Db } from "../db/client";
import {
  actionItemDateChanges,
  actionItems,
  coeSectionVersions,
  coeServices,
  coeTags,
  coeTenets,
  coes,
  dependencies,
  lessonWhyLinks,
  lessons,
  tenets,
  timelineEntries,
  users,
  whyNodes,
} from "../db/schema";
import { namedIds } from "../app/data/catalogue.server";
import { plainTextToDoc } from "../app/domain/coe/plain-text-doc";

export type Variant = 0 | 1;

export const FULL_COE_PEOPLE = ["owner-a@example.com", "owner-b@example.com", "planner@example.com"] as const;
const TENETS = ["Customer obsession", "Insist on the highest standards", "Bias for action"] as const;

async function personId(tx: Db, email: string): Promise<number> {
  const [found] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (found) return found.id;
  const [created] = await tx
    .insert(users)
    .values({ email, name: email.split("@")[0]!, role: "author", passwordHash: "x" })
    .returning({ id: users.id });
  return created!.id;
}

async function tenetId(tx: Db, title: string, position: number): Promise<number> {
  const [found] = await tx.select({ id: tenets.id }).from(tenets).where(eq(tenets.title, title));
  if (found) return found.id;
  const [created] = await tx
    .insert(tenets)
    .values({ title, body: `${title}, explained`, position })
    .returning({ id: tenets.id });
  return created!.id;
}

/** `n` rows for variant 0, `n + 1` for variant 1: so positions differ as well as contents. */
const count = (variant: Variant, n: number) => n + variant;

/** The COE row's content columns for a variant. */
async function coeColumns(tx: Db, v: Variant) {
  const named = namedIds(tx);
  const t = (s: string) => (v ? `${s}, changed` : s);
  const doc = (s: string) => plainTextToDoc(`${t(s)}\n\nA second paragraph${v ? " (changed)" : ""}.`);
  return {
    title: t("Every column filled"),
    severity: v ? 4 : 2,
    status: v ? ("in_review" as const) : ("changes_requested" as const),
    teamId: await named.team(v ? "Payments" : "Storage"),
    eventId: await named.event(v ? "Outage B" : "Outage A"),
    impactSummary: doc("Impact summary"),
    customerRca: doc("Customer RCA"),
    impactStartedAt: v ? "2026-01-02T09:00:00+01:00" : "2026-01-01T10:00:00Z",
    impactEndedAt: v ? "2026-01-02T11:30:00+01:00" : "2026-01-01T10:45:00Z",
    affected: t("12,000 uploads"),
    errorRate: v ? "7%" : "12%",
    regions: v ? ["us-east-1", "eu-west-1", "ap-south-1"] : ["eu-west-1", "us-east-1"],
    detectionFastEnough: doc("Fast enough"),
    detectionMetricsReflectedCustomers: doc("Metrics reflected customers"),
    detectionSimilarEventsDetectable: doc("Similar events detectable"),
    closeoutFixesValidated: !v,
    closeoutDataPreserved: !v,
    closeoutFollowupsAssigned: !v,
  };
}

/** Writes a variant's content rows for `coeId` (its own rows must not exist yet), through the transaction `tx`. */
async function insertContent(tx: Db, coeId: number, v: Variant) {
  const t = (s: string) => (v ? `${s}, changed` : s);
  const named = namedIds(tx);
  const [ownerA, ownerB, planner] = (await sequence(FULL_COE_PEOPLE, (email) => personId(tx, email))) as [number, number, number];

  for (const [position, name] of ["Object store", "Block store", "CDN", "Queue"].slice(v, v + count(v, 2)).entries())
    await tx.insert(coeServices).values({ coeId, serviceId: await named.service(name), position });
  for (const [position, name] of ["capacity", "deployment", "configuration", "dependency"].slice(v, v + count(v, 2)).entries())
    await tx.insert(coeTags).values({ coeId, tagId: await named.tag(name), position });
  const tenetIds = await sequence(TENETS, (title, i) => tenetId(tx, title, i + 1));
  for (const id of tenetIds.slice(v, v + count(v, 1))) await tx.insert(coeTenets).values({ coeId, tenetId: id });

  const kinds = ["impact_start", "detected", "mitigated", "resolved"] as const;
  for (let i = 0; i < count(v, 2); i++) {
    const at = `2026-01-0${1 + v}T1${i}:0${v}:00Z`;
    await tx
      .insert(timelineEntries)
      .values({ coeId, at, atMs: Date.parse(at), kind: kinds[i + v]!, text: t(`Entry ${i}`), link: `https://status.example.com/${v}/${i}` });
  }

  // A tree of four (variant 0) or five nodes, with every column set somewhere.
  const node = async (parentId: number | null, position: number, text: string, extra: { isRootCause?: boolean; evidence?: string; category?: string } = {}) => {
    const [row] = await tx
      .insert(whyNodes)
      .values({
        coeId,
        parentId,
        position,
        text: t(text),
        isRootCause: extra.isRootCause ?? false,
        evidence: extra.evidence ?? null,
        categoryId: extra.category === undefined ? null : await namedIds(tx).category(extra.category),
      })
      .returning({ id: whyNodes.id });
    return row!.id;
  };
  const root = await node(null, 0, "Uploads were rejected");
  const a = await node(root, 0, "The disk filled up", { isRootCause: v === 1, evidence: t("disk graph"), category: v ? "process" : "capacity" });
  const b = await node(root, 1, "Nobody was paged", { isRootCause: true, category: v ? "tooling" : "monitoring" });
  const c = v
    ? await node(root, 2, "The runbook was out of date", { isRootCause: true })
    : await node(a, 0, "Cleanup was paused", { isRootCause: true, evidence: "cron log" });
  const whys = v ? [c, b, a] : [a, b, c];

  const lessonIds = await sequence(
    Array.from({ length: count(v, 2) }, (_, i) => i),
    async (i) => {
      const [row] = await tx
        .insert(lessons)
        .values({ coeId, position: i, text: plainTextToDoc(t(`Lesson ${i}`)) })
        .returning({ id: lessons.id });
      return row!.id;
    },
  );
  // The first lesson flows from three whys: the case a revision with one whyPath per lesson lost.
  const links: [number, number][] = v
    ? [
        [lessonIds[0]!, whys[0]!],
        [lessonIds[2]!, whys[1]!],
      ]
    : [
        [lessonIds[0]!, a],
        [lessonIds[0]!, b],
        [lessonIds[0]!, c],
        [lessonIds[1]!, b],
      ];
  for (const [lessonId, whyNodeId] of links) await tx.insert(lessonWhyLinks).values({ lessonId, whyNodeId });

  const items = [
    // Shared by both variants' first item, so a restore updates it in place.
    { title: "Alarm on disk usage", horizon: "short" as const, status: v ? ("in_progress" as const) : ("validated" as const) },
    { title: t("Automate cleanup"), horizon: "mid" as const, status: "cancelled" as const },
    { title: t("Review runbooks yearly"), horizon: "long" as const, status: "implemented" as const },
  ].slice(0, count(v, 2));
  for (const [position, item] of items.entries()) {
    const [row] = await tx
      .insert(actionItems)
      .values({
        coeId,
        position,
        ...item,
        ownerId: position === 0 ? (v ? ownerB : ownerA) : ownerB,
        originalPromisedDate: `2026-0${2 + v}-0${1 + position}`,
        promisedDate: `2026-0${3 + v}-1${position}`,
        validationNote: t(`Replayed the traffic ${position}`),
        validatedById: item.status === "validated" ? planner : null,
        cancelReason: item.status === "cancelled" ? t("Superseded") : v ? "Not cancelled, but noted" : null,
        scaling: v ? "centralized_change" : "education",
        isCustomerFacing: position === 0 ? !v : true,
        trackerUrl: `https://tracker.example.com/${v}-${position}`,
        lessonId: lessonIds[(position + v) % lessonIds.length]!,
        whyNodeId: whys[position]!,
        version: 3,
        implementedAt: new Date("2026-02-01T00:00:00Z"),
        validatedAt: new Date("2026-02-02T00:00:00Z"),
      })
      .returning({ id: actionItems.id });
    for (let i = 0; i < count(v, 2) - position; i++)
      await tx.insert(actionItemDateChanges).values({
        actionItemId: row!.id,
        changedById: i === 0 ? planner : v ? ownerA : ownerB,
        fromDate: i === 0 ? null : `2026-0${2 + v}-0${i}`,
        toDate: `2026-0${3 + v}-1${i}`,
        reason: t(i === 0 ? "First promise" : `Re-planned ${i}`),
        createdAt: new Date(Date.UTC(2026, 0, 10 + i + 5 * v, 9, 30, 15, 250)),
      });
  }

  const tri = ["yes", "no"] as const;
  for (let i = 0; i < count(v, 2); i++)
    await tx.insert(dependencies).values({
      coeId,
      position: i,
      name: t(`Dependency ${i}`),
      performedAsPromised: tri[(i + v) % 2]!,
      implementationValidated: tri[(i + v + 1) % 2]!,
      failureMode: v ? "novel" : "should_have_planned",
      notes: plainTextToDoc(t(`Notes ${i}`)),
    });
}

/** `make` for each element in turn (not all at once: they write through one transaction, in order). */
async function sequence<T, R>(list: readonly T[], make: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const [i, item] of list.entries()) out.push(await make(item, i));
  return out;
}

/** A new COE with every column filled (variant 0 unless said). */
export function insertFullCoe(db: Db, variant: Variant = 0): Promise<number> {
  return withTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(coes)
      .values({ ...(await coeColumns(tx, variant)), version: 5, submittedAt: new Date("2026-01-03T00:00:00Z") })
      .returning({ id: coes.id });
    const coeId = row!.id;
    await tx.insert(coeSectionVersions).values({ coeId, section: "header", version: 2 });
    await insertContent(tx, coeId, variant);
    return coeId;
  });
}

/** Replaces a COE's whole content with a variant's, straight in the tables (no revision, no version change). */
export function overwriteWithFullCoe(db: Db, coeId: number, variant: Variant): Promise<void> {
  return withTransaction(db, async (tx) => {
    const items = await tx.select({ id: actionItems.id }).from(actionItems).where(eq(actionItems.coeId, coeId));
    const itemIds = items.map((r) => r.id);
    if (itemIds.length) await tx.delete(actionItemDateChanges).where(inArray(actionItemDateChanges.actionItemId, itemIds));
    for (const table of [actionItems, lessons, whyNodes, timelineEntries, dependencies, coeServices, coeTags, coeTenets])
      await tx.delete(table).where(eq(table.coeId, coeId));
    await tx
      .update(coes)
      .set(await coeColumns(tx, variant))
      .where(eq(coes.id, coeId));
    await insertContent(tx, coeId, variant);
  });
}
