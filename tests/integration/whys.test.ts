import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { importCoe } from "~/data/coe-import.server";
import { getWhyRows } from "~/data/whys.server";
import { sectionVersionOf } from "~/data/section-versions.server";
import { buildWhyTree } from "~/domain/whys/tree";
import { action as editAction } from "~/routes/coes.$coeId.edit/route";
import type { Db } from "../../db/client";
import { actionItems, coes, lessonWhyLinks, whyNodes } from "../../db/schema";
import { revisionCount } from "../factories";
import { postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertUser, sessionCookieFor } from "../setup/users";

type Answer = {
  ok?: true;
  nodeId?: number;
  trashId?: number;
  removed?: number;
  version?: number;
  errors?: Record<string, string>;
  conflict?: { currentVersion: number };
};

const whys = {
  text: "3% of API calls failed for 45 minutes",
  children: [
    { text: "One host returned 500s", children: [{ text: "Its EBS volume was impaired", rootCause: true, children: [] }] },
    { text: "Health checks kept the host in service", children: [{ text: "The template's health check was wrong", rootCause: true, children: [] }] },
  ],
};

async function setup(db: Db) {
  const author = await insertUser(db, "author");
  const imported = await importCoe(
    db,
    {
      schemaVersion: 1,
      title: "API errors",
      severity: 2,
      team: "Storage",
      whys,
      lessons: [{ text: "Check the volume", whyPath: "0.0.0" }],
      actionItems: [{ title: "Fix the template", horizon: "mid", owner: null, promisedDate: null, whyPath: "0.1.0" }],
    },
    { actorId: author.id },
  );
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  const coeId = imported.coeId;
  const cookie = await sessionCookieFor(author.id);
  const version = () => sectionVersionOf(db, coeId, "whys");
  const idOf = async (text: string) => (await db.select({ id: whyNodes.id }).from(whyNodes).where(eq(whyNodes.text, text)))[0]!.id;
  /** Posts as the tree editor does (via=script) and returns the status and the answer. */
  const op = async (intent: string, fields: Record<string, string | number>, base?: number, who = cookie) => {
    base ??= await version();
    const r = await editAction(
      routeArgs(
        `http://t/coes/${coeId}/edit`,
        { coeId: String(coeId) },
        postForm(`http://t/coes/${coeId}/edit`, { intent, baseVersion: base, via: "script", ...fields }, who),
      ),
    );
    return { status: returnedStatus(r), data: returnedData<Answer>(r) };
  };
  const outline = async () => {
    const lines: string[] = [];
    const walk = (n: NonNullable<ReturnType<typeof buildWhyTree>>, depth: number) => {
      lines.push(`${"  ".repeat(depth)}${n.text}${n.isRootCause ? " *" : ""}`);
      n.children.forEach((c) => walk(c, depth + 1));
    };
    walk(buildWhyTree(await getWhyRows(db, coeId))!, 0);
    return lines;
  };
  return { coeId, author, cookie, version, idOf, op, outline };
}

describe("five-whys operations through the edit page", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("adds children and siblings, edits, marks root causes — coalesced into one revision — and persists", async () => {
    const { op, idOf, outline, coeId } = await setup(db);
    const before = await revisionCount(db, coeId);
    const child = await op("add-why", { parentId: await idOf("3% of API calls failed for 45 minutes"), text: "Nobody was paged for 30 minutes" });
    expect(child).toMatchObject({ status: 200, data: { ok: true } });
    const sibling = await op("add-sibling-why", { siblingId: await idOf("One host returned 500s"), text: "The load balancer favoured the failing host" });
    expect(sibling.status).toBe(200);
    expect((await op("edit-why", { id: child.data.nodeId!, text: "No engineer was engaged for 30 minutes", evidence: "pager log" })).status).toBe(200);
    expect((await op("set-root-cause", { id: child.data.nodeId!, isRootCause: "true" })).status).toBe(200);
    expect(await outline()).toEqual([
      "3% of API calls failed for 45 minutes",
      "  One host returned 500s",
      "    Its EBS volume was impaired *",
      "  The load balancer favoured the failing host",
      "  Health checks kept the host in service",
      "    The template's health check was wrong *",
      "  No engineer was engaged for 30 minutes *",
    ]);
    const [node] = await db.select().from(whyNodes).where(eq(whyNodes.id, child.data.nodeId!));
    expect(node!.evidence).toBe("pager log");
    // Quick successive edits by one author coalesce into one revision (it holds the latest tree).
    expect(await revisionCount(db, coeId)).toBe(before + 1);
  });

  it("refuses empty text and a second problem statement with field errors, writing nothing", async () => {
    const { op, idOf, version } = await setup(db);
    const v = await version();
    expect(await op("add-why", { parentId: await idOf("One host returned 500s"), text: "   " })).toMatchObject({
      status: 400,
      data: { errors: { text: "Say why — the text is required" } },
    });
    expect(await op("add-why", { parentId: "", text: "Another root" })).toMatchObject({
      status: 400,
      data: { errors: { parentId: expect.stringMatching(/already has a problem statement/) } },
    });
    expect(await version()).toBe(v);
  });

  it("rejects moving a node under itself or its own answers, and moves it elsewhere", async () => {
    const { op, idOf, outline, version } = await setup(db);
    const v = await version();
    const cycle = await op("restructure-why", {
      id: await idOf("One host returned 500s"),
      how: "move",
      parentId: await idOf("Its EBS volume was impaired"),
      position: 0,
    });
    expect(cycle.status).toBe(400);
    expect(Object.values(cycle.data.errors!)[0]).toMatch(/cannot move under itself/);
    expect(await version()).toBe(v);
    expect(
      (
        await op("restructure-why", {
          id: await idOf("Its EBS volume was impaired"),
          how: "move",
          parentId: await idOf("Health checks kept the host in service"),
          position: 0,
        })
      ).status,
    ).toBe(200);
    expect((await op("restructure-why", { id: await idOf("Health checks kept the host in service"), how: "up" })).status).toBe(200);
    expect(await outline()).toEqual([
      "3% of API calls failed for 45 minutes",
      "  Health checks kept the host in service",
      "    Its EBS volume was impaired *",
      "    The template's health check was wrong *",
      "  One host returned 500s",
    ]);
  });

  it("a stale write answers 409 with the current version and changes nothing", async () => {
    const { op, idOf, version, outline } = await setup(db);
    const base = await version();
    expect((await op("restructure-why", { id: await idOf("Health checks kept the host in service"), how: "up" }, base)).status).toBe(200);
    const snapshot = await outline();
    const stale = await op("restructure-why", { id: await idOf("Health checks kept the host in service"), how: "down" }, base);
    expect(stale).toMatchObject({ status: 409, data: { conflict: { currentVersion: base + 1 } } });
    expect(await outline()).toEqual(snapshot);
  });

  it("delete removes the subtree and undo restores it with its lesson and action-item links", async () => {
    const { op, idOf, outline } = await setup(db);
    const before = await outline();
    const evidenceNode = await idOf("Its EBS volume was impaired");
    const templateNode = await idOf("The template's health check was wrong");
    const del = await op("delete-why", { id: await idOf("One host returned 500s") });
    expect(del).toMatchObject({ status: 200, data: { ok: true, removed: 2 } });
    const del2 = await op("delete-why", { id: await idOf("Health checks kept the host in service") });
    expect(await outline()).toEqual(["3% of API calls failed for 45 minutes"]);
    expect(await db.select().from(lessonWhyLinks)).toHaveLength(0);
    expect((await db.select().from(actionItems))[0]!.whyNodeId).toBeNull();

    // Undo is last-in, first-out: each subtree returns to the place it left.
    expect((await op("undo-delete-why", { trashId: del2.data.trashId! })).status).toBe(200);
    expect((await op("undo-delete-why", { trashId: del.data.trashId! })).status).toBe(200);
    expect(await outline()).toEqual(before);
    expect(await db.select().from(lessonWhyLinks)).toEqual([expect.objectContaining({ whyNodeId: evidenceNode })]);
    expect((await db.select().from(actionItems))[0]!.whyNodeId).toBe(templateNode);
    expect((await op("undo-delete-why", { trashId: del.data.trashId! })).status).toBe(400);
    expect((await op("delete-why", { id: await idOf("3% of API calls failed for 45 minutes") })).status).toBe(400);
  });

  it("a lesson or action item added from a why is linked to it", async () => {
    const { op, idOf, coeId } = await setup(db);
    const node = await idOf("Health checks kept the host in service");
    const lesson = await op("add-lesson-from-why", { whyId: node, text: "Health checks must exercise the real dependency" });
    expect(lesson.status).toBe(200);
    expect(await db.select().from(lessonWhyLinks).where(eq(lessonWhyLinks.whyNodeId, node))).toHaveLength(1);
    const item = await op("add-action-item-from-why", { whyId: node, title: "Deep health checks in the template", horizon: "long" });
    expect(item.status).toBe(200);
    expect(
      (await db.select().from(actionItems).where(eq(actionItems.coeId, coeId))).find((i) => i.title === "Deep health checks in the template"),
    ).toMatchObject({ whyNodeId: node, horizon: "long" });
  });

  it("a node id from another COE is refused and nothing changes", async () => {
    const { op, version, idOf } = await setup(db);
    const other = await importCoe(db, {
      schemaVersion: 1,
      title: "Other",
      severity: 3,
      team: "Storage",
      whys: { text: "Other root", children: [{ text: "Other child", children: [] }] },
    });
    if (!other.ok) throw new Error();
    const foreign = await idOf("Other child");
    const v = await version();
    // The node a form is about (id) is a 404 when it is not this COE's; a node it refers to is a 400 naming the field.
    for (const [intent, fields, status, field] of [
      ["edit-why", { id: foreign, text: "hijacked" }, 404, undefined],
      ["delete-why", { id: foreign }, 404, undefined],
      ["set-root-cause", { id: foreign, isRootCause: "true" }, 404, undefined],
      ["restructure-why", { id: foreign, how: "up" }, 404, undefined],
      ["add-why", { parentId: foreign, text: "x" }, 400, "parentId"],
      ["add-sibling-why", { siblingId: foreign, text: "x" }, 400, "siblingId"],
      ["restructure-why", { id: await idOf("One host returned 500s"), how: "move", parentId: foreign, position: 0 }, 400, "parentId"],
      ["add-lesson-from-why", { whyId: foreign, text: "x" }, 400, "whyId"],
      ["add-action-item-from-why", { whyId: foreign, title: "x", horizon: "short" }, 400, "whyId"],
    ] as const) {
      const r = await op(intent, fields);
      expect(r.status, intent).toBe(status);
      if (field) expect(r.data.errors, intent).toHaveProperty(field);
    }
    expect(await version()).toBe(v);
    const [untouched] = await db.select().from(whyNodes).where(eq(whyNodes.id, foreign));
    expect(untouched!.text).toBe("Other child");
  });

  it("members and other authors get 403 on every tree intent", async () => {
    const { idOf, outline } = await setup(db);
    const before = await outline();
    for (const role of ["member", "author", "reviewer"] as const) {
      const cookie = await sessionCookieFor((await insertUser(db, role)).id);
      const res = await thrownStatus(
        editAction(
          routeArgs(
            "http://t/coes/1/edit",
            { coeId: String((await db.select().from(coes))[0]!.id) },
            postForm("http://t/x", { intent: "delete-why", baseVersion: 1, id: await idOf("One host returned 500s") }, cookie),
          ),
        ),
      );
      expect(res.status).toBe(403);
    }
    expect(await outline()).toEqual(before);
  });
});
