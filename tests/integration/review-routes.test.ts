import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { sectionVersionOf } from "~/data/section-versions.server";
import type { CommentResult } from "~/server/comment-intents.server";
import type { ReviewResult } from "~/routes/coes.$coeId._index/review-action.server";
import { action as coeAction, loader as coeLoader } from "~/routes/coes.$coeId._index/route";
import type { Db } from "../../db/client";
import { coeTransitions, coes, comments } from "../../db/schema";
import { insertCoe } from "../factories";
import { postForm, returnedData, returnedStatus, routeArgs } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertUser, sessionCookieFor } from "../setup/users";

/* Issue 11 through the COE page's action: who may decide and comment, what a refusal says, and that a refused request writes nothing. */

const href = (coeId: number) => `http://t/coes/${coeId}`;
const post = (coeId: number, fields: Record<string, string | number>, cookie: string) =>
  coeAction(routeArgs(href(coeId), { coeId: String(coeId) }, postForm(href(coeId), fields, cookie)));

async function seen(db: Db, coeId: number) {
  const [row] = await db.select({ version: coes.version }).from(coes).where(eq(coes.id, coeId));
  return { statusVersion: await sectionVersionOf(db, coeId, "status"), coeVersion: row!.version };
}

describe("the COE page's review and comment forms", () => {
  let db: Db;
  let cookies: Record<"author" | "reviewer" | "member", string>;
  let ids: Record<"author" | "reviewer" | "member", number>;
  beforeEach(async () => {
    db = await freshDb();
    const people = { author: await insertUser(db, "author"), reviewer: await insertUser(db, "reviewer"), member: await insertUser(db, "member") };
    ids = { author: people.author.id, reviewer: people.reviewer.id, member: people.member.id };
    cookies = { author: await sessionCookieFor(ids.author), reviewer: await sessionCookieFor(ids.reviewer), member: await sessionCookieFor(ids.member) };
  });

  it("a member's or an author's approval is a 403 and writes nothing", async () => {
    const coeId = await insertCoe(db, { status: "in_review" }, { actorId: ids.author });
    for (const who of ["member", "author"] as const) {
      const result = await post(coeId, { intent: "transition", transition: "approve", ...(await seen(db, coeId)) }, cookies[who]);
      expect(returnedStatus(result), who).toBe(403);
      expect(returnedData<ReviewResult>(result).message).toMatch(/Only reviewers/);
    }
    expect(await db.select().from(coeTransitions)).toEqual([]);
  });

  it("an incomplete submit answers 422 with each missing part linked to the place to fix it", async () => {
    const coeId = await insertCoe(db, { status: "draft", impactSummary: undefined }, { actorId: ids.author });
    const result = await post(coeId, { intent: "transition", transition: "submit", ...(await seen(db, coeId)) }, cookies.author);
    expect(returnedStatus(result)).toBe(422);
    expect(returnedData<ReviewResult>(result).missing).toContainEqual(expect.objectContaining({ href: `/coes/${coeId}/edit#impact-summary` }));
  });

  it("approving over unresolved comments needs the confirmation; a stale page is a 409", async () => {
    const coeId = await insertCoe(db, { status: "in_review" }, { actorId: ids.author });
    const added = await post(coeId, { intent: "add-comment", anchor: "coe", body: "One question" }, cookies.member);
    expect(returnedData<CommentResult>(added).ok).toBe(true);
    const before = await seen(db, coeId);
    const unconfirmed = await post(coeId, { intent: "transition", transition: "approve", ...before }, cookies.reviewer);
    expect(returnedStatus(unconfirmed)).toBe(400);
    expect(returnedData<ReviewResult>(unconfirmed).errors).toHaveProperty("confirmUnresolved");
    const stale = await post(
      coeId,
      { intent: "transition", transition: "approve", confirmUnresolved: "yes", ...before, coeVersion: before.coeVersion + 5 },
      cookies.reviewer,
    );
    expect(returnedStatus(stale)).toBe(409);
    const approved = await post(coeId, { intent: "transition", transition: "approve", confirmUnresolved: "yes", ...before }, cookies.reviewer);
    expect(returnedStatus(approved)).toBe(200);
    const [row] = await db.select({ status: coes.status }).from(coes).where(eq(coes.id, coeId));
    expect(row!.status).toBe("approved");
  });

  it("a request for changes names open comments by their checkboxes", async () => {
    const coeId = await insertCoe(db, { status: "in_review" }, { actorId: ids.author });
    const none = await post(coeId, { intent: "transition", transition: "request_changes", ...(await seen(db, coeId)) }, cookies.reviewer);
    expect(returnedStatus(none)).toBe(400);
    expect(returnedData<ReviewResult>(none).errors).toHaveProperty("commentIds");
    await post(coeId, { intent: "add-comment", anchor: "section:timeline", body: "When did paging start?" }, cookies.reviewer);
    const [c] = await db.select({ id: comments.id }).from(comments).where(eq(comments.coeId, coeId));
    const named = await post(
      coeId,
      { intent: "transition", transition: "request_changes", [`comment-${c!.id}`]: "on", ...(await seen(db, coeId)) },
      cookies.reviewer,
    );
    expect(returnedStatus(named)).toBe(200);
  });

  it("comment forms: field errors for a bad anchor or body, 403 for someone else's comment, and the page lists what was written", async () => {
    const coeId = await insertCoe(db, { status: "in_review" }, { actorId: ids.author });
    const badAnchor = await post(coeId, { intent: "add-comment", anchor: "why_node:999999", body: "On nothing" }, cookies.member);
    expect(returnedStatus(badAnchor)).toBe(400);
    expect(returnedData<CommentResult>(badAnchor).errors).toHaveProperty("anchorId");
    const empty = await post(coeId, { intent: "add-comment", anchor: "coe", body: "   " }, cookies.member);
    expect(returnedData<CommentResult>(empty).errors).toHaveProperty("body");
    const added = returnedData<CommentResult>(await post(coeId, { intent: "add-comment", anchor: "coe", body: "Mine" }, cookies.member));
    const [row] = await db.select({ updatedAt: comments.updatedAt }).from(comments).where(eq(comments.id, added.commentId!));
    const hijack = await post(
      coeId,
      { intent: "edit-comment", commentId: added.commentId!, base: row!.updatedAt.getTime(), body: "Not yours" },
      cookies.reviewer,
    );
    expect(returnedStatus(hijack)).toBe(403);
    const page = await coeLoader(routeArgs(href(coeId), { coeId: String(coeId) }, { headers: { Cookie: cookies.author } }));
    expect(page.comments.threads.map((t) => t.spans.map((s) => s.text).join(""))).toEqual(["Mine"]);
    expect(page.review.available).toEqual(["withdraw"]);
  });
});
