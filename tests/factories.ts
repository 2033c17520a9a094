import { mulberry32 } from "../app/domain/random";
import { count, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { ACTION_STATUSES, COE_STATUSES, HORIZONS, SCALING_MECHANISMS, actionItems, revisions } from "../db/schema";
import { importCoe, type ImportOptions } from "../app/data/coe-import.server";
import type { ActionItem, CoeDocument, TimelineEntry } from "../app/domain/coe/interchange";

export const FACTORY_TEAMS = ["Storage", "Payments", "Edge/Networking", "Identity", "Search", "Messaging"] as const;
const SERVICES = ["Object store", "Card authorisation", "CDN", "Sign-in", "Query API", "Queue"] as const;
const SYMPTOMS = ["API calls failed", "requests timed out", "uploads were rejected", "pages loaded slowly", "sign-ins failed"] as const;

const rng = mulberry32;

const MINUTE = 60_000;

/**
 * A valid COE in normal form (what CoeDocumentSchema.parse returns), varied by seed: team, severity,
 * status, a timeline with every anchor, a small whys tree with root causes, lessons and 2–3 action
 * items. Owners are null so no users are needed; pass overrides for anything a test cares about.
 */
export function makeCoe(overrides: Partial<CoeDocument> = {}, seed = 1): CoeDocument {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const teamIndex = seed % FACTORY_TEAMS.length;
  const team = FACTORY_TEAMS[teamIndex]!;
  const symptom = pick(SYMPTOMS);
  const percent = 1 + Math.floor(random() * 20);
  const duration = 20 + Math.floor(random() * 160);
  const start = Date.UTC(2024, 0, 1) + Math.floor(random() * 365) * 24 * 60 * MINUTE + Math.floor(random() * 24 * 60) * MINUTE;
  const iso = (offsetMinutes: number) => new Date(start + offsetMinutes * MINUTE).toISOString().replace(".000Z", "Z");
  const detectAfter = 1 + Math.floor(random() * Math.min(30, duration / 2));

  const timeline: TimelineEntry[] = [
    { at: iso(0), kind: "impact_start", text: `${percent}% of ${symptom}` },
    { at: iso(detectAfter), kind: "detected", text: "Alarm fired" },
    { at: iso(detectAfter + 2), kind: "engaged", text: "On-call engineer engaged" },
    { at: iso(detectAfter + 5), kind: "communication", text: "Status page updated" },
    { at: iso(detectAfter + 6), kind: "mitigation_started", text: "Rollback started" },
    { at: iso(duration), kind: "mitigated", text: "Error rate back to baseline" },
    { at: iso(duration + 30), kind: "resolved", text: "Fix deployed everywhere" },
  ];
  const horizons = HORIZONS.slice(0, 2 + (seed % 2));
  const items: ActionItem[] = horizons.map((horizon, i) => {
    const status = pick(ACTION_STATUSES.filter((s) => s !== "cancelled"));
    return {
      title: `${horizon}-term fix ${i + 1} for ${team}`,
      horizon,
      owner: null,
      promisedDate: new Date(start + (i + 1) * 14 * 24 * 60 * MINUTE).toISOString().slice(0, 10),
      status,
      customerFacing: horizon === "mid",
      scaling: i === 0 ? null : pick(SCALING_MECHANISMS),
      lessonIndex: i % 2,
      whyPath: i === 0 ? "0.0.0" : "0.1",
      ...(status === "validated" ? { validationNote: "Replayed the failing traffic; no errors" } : {}),
    };
  });

  return {
    schemaVersion: 1,
    title: `${percent}% of ${SERVICES[teamIndex]} ${symptom} for ${duration} minutes`,
    severity: 1 + Math.floor(random() * 5),
    status: pick(COE_STATUSES),
    team,
    services: [SERVICES[teamIndex]!],
    tags: [pick(["deployment", "capacity", "configuration", "dependency"])],
    impactSummary: `For ${duration} minutes, ${percent}% of ${symptom}.\n\nCustomers retried and most succeeded.`,
    customerImpact: { startedAt: iso(0), endedAt: iso(duration), errorRate: `${percent}%`, regions: [pick(["us-east-1", "eu-west-1", "ap-south-1"])] },
    timeline,
    whys: {
      text: `${percent}% of ${symptom} for ${duration} minutes`,
      rootCause: false,
      children: [
        {
          text: "A deployment changed a default",
          rootCause: false,
          children: [{ text: "The pipeline has no canary stage for this service", rootCause: true, evidence: "pipeline.yaml", children: [] }],
        },
        { text: `Detection took ${detectAfter} minutes`, rootCause: true, children: [] },
      ],
    },
    detection: { fastEnough: detectAfter > 5 ? "No" : "Yes" },
    dependencies: [],
    lessons: [
      { text: "Every service needs a canary stage", whyPath: "0.0.0" },
      { text: "Alarm on the customer-facing error rate", whyPath: "0.1" },
    ],
    actionItems: items,
    tenets: [],
    closeout: { fixesValidated: false, dataPreserved: false, followupsAssigned: false },
    ...overrides,
  };
}

let nextSeed = 1;

/** Writes a COE through the real import path; throws (with every problem) when the data is invalid. */
export async function insertCoe(db: Db, overrides: Partial<CoeDocument> = {}, opts: ImportOptions & { seed?: number } = {}): Promise<number> {
  const { seed = nextSeed++, ...importOptions } = opts;
  const result = await importCoe(db, makeCoe(overrides, seed), importOptions);
  if (!result.ok) throw new Error(`insertCoe: invalid COE\n${result.errors.map((e) => `${e.path}: ${e.message}`).join("\n")}`);
  return result.coeId;
}

/** How many revisions a COE has: every change makes one. */
export async function revisionCount(db: Db, coeId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(revisions).where(eq(revisions.coeId, coeId));
  return row!.n;
}

/** An action item's row as it is now. */
export const actionItemRow = (db: Db, id: number) =>
  db
    .select()
    .from(actionItems)
    .where(eq(actionItems.id, id))
    .then(([r]) => r!);
