import { describe, expect, it } from "vitest";
import type { CommentAnchor } from "./anchors";
import { buildThreads, canEditComment, canResolve, COMMENT_BODY_MAX, commentBodyProblem, unresolvedCounts, type CommentNode, type CommentRow } from "./threads";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 9, minute));

/** `row(id, parentId, minute)`: a comment made at 09:mm on the whole COE, open, by user 7. */
function row(id: number, parentId: number | null, minute: number, fields: Partial<CommentRow> = {}): CommentRow {
  return { id, parentId, authorId: 7, body: `comment ${id}`, anchor: { type: "coe" }, resolvedAt: null, createdAt: at(minute), editedAt: null, ...fields };
}

/** A thread forest as nested ids: [id, [replies…]]. */
type Shape = [number, Shape[]];
const shape = (nodes: CommentNode[]): Shape[] => nodes.map((n) => [n.id, shape(n.replies)]);

describe("buildThreads", () => {
  it.each<[string, CommentRow[], Shape[]]>([
    ["no comments", [], []],
    ["one comment", [row(1, null, 0)], [[1, []]]],
    [
      "top-level comments oldest first, whatever the row order",
      [row(3, null, 5), row(1, null, 9), row(2, null, 1)],
      [
        [2, []],
        [3, []],
        [1, []],
      ],
    ],
    [
      "the same time: lower id first",
      [row(5, null, 1), row(4, null, 1)],
      [
        [4, []],
        [5, []],
      ],
    ],
    [
      "replies under their parent, oldest first",
      [row(1, null, 0), row(4, 1, 9), row(2, 1, 3), row(3, null, 1)],
      [
        [
          1,
          [
            [2, []],
            [4, []],
          ],
        ],
        [3, []],
      ],
    ],
    ["replies to replies, any depth", [row(1, null, 0), row(2, 1, 1), row(3, 2, 2), row(4, 3, 3)], [[1, [[2, [[3, [[4, []]]]]]]]]],
    [
      "a reply whose parent is missing becomes top level, in time order",
      [row(1, null, 0), row(2, 99, 5), row(3, null, 9), row(4, 2, 6)],
      [
        [1, []],
        [2, [[4, []]]],
        [3, []],
      ],
    ],
    ["a reply older than its parent still sits under it", [row(1, null, 5), row(2, 1, 0)], [[1, [[2, []]]]]],
    ["a comment that is its own parent is top level", [row(1, 1, 0)], [[1, []]]],
    [
      "a parent loop is broken at its oldest comment",
      [row(1, 2, 4), row(2, 3, 2), row(3, 1, 3), row(4, 1, 5), row(5, null, 0)],
      [
        [5, []],
        [
          2,
          [
            [
              1,
              [
                [3, []],
                [4, []],
              ],
            ],
          ],
        ],
      ],
    ],
  ])("%s", (_, rows, expected) => expect(shape(buildThreads(rows))).toEqual(expected));

  it("keeps every row exactly once", () => {
    const rows = [row(1, 2, 4), row(2, 1, 2), row(3, null, 3), row(4, 3, 5), row(5, 77, 1), row(6, 5, 0)];
    const ids: number[] = [];
    const walk = (nodes: CommentNode[]) => {
      for (const n of nodes) {
        ids.push(n.id);
        walk(n.replies);
      }
    };
    walk(buildThreads(rows));
    expect(ids.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each<[string, CommentRow[], boolean[]]>([
    ["an unresolved root is open", [row(1, null, 0)], [true]],
    ["a resolved root is closed", [row(1, null, 0, { resolvedAt: at(9) })], [false]],
    ["a resolved reply does not close the thread", [row(1, null, 0), row(2, 1, 1, { resolvedAt: at(9) })], [true]],
    ["an unresolved reply does not reopen it", [row(1, null, 0, { resolvedAt: at(9) }), row(2, 1, 1)], [false]],
    ["an orphan reply is judged as a root", [row(2, 99, 1, { resolvedAt: at(9) }), row(3, 98, 2)], [false, true]],
  ])("%s", (_, rows, open) => expect(buildThreads(rows).map((t) => t.isOpen)).toEqual(open));

  it("keeps the rows' fields", () => {
    const only = row(1, null, 0, { body: "Why all regions?", authorId: null, editedAt: at(3) });
    expect(buildThreads([only])).toEqual([{ ...only, replies: [], isOpen: true }]);
  });
});

describe("unresolvedCounts", () => {
  const why12: CommentAnchor = { type: "why_node", id: 12, label: "Config pushed" };
  const impact: CommentAnchor = { type: "section", section: "impact-summary", quote: "3%" };
  const gone: CommentAnchor = { type: "lesson", id: null, label: "Old lesson" };

  it.each<[string, CommentRow[], number, [string, number][]]>([
    ["no comments", [], 0, []],
    ["one open thread on the COE", [row(1, null, 0)], 1, [["coe", 1]]],
    ["replies are not counted", [row(1, null, 0), row(2, 1, 1), row(3, 2, 2)], 1, [["coe", 1]]],
    ["resolved threads are not counted", [row(1, null, 0, { resolvedAt: at(5) }), row(2, 1, 1)], 0, []],
    [
      "grouped by anchor",
      [row(1, null, 0, { anchor: why12 }), row(2, null, 1, { anchor: why12 }), row(3, null, 2, { anchor: impact }), row(4, null, 3, { anchor: gone })],
      4,
      [
        ["why_node:12", 2],
        ["section:impact-summary", 1],
        ["lesson:deleted", 1],
      ],
    ],
    [
      "a reply is counted under its root's anchor, not its own",
      [row(1, null, 0, { anchor: why12 }), row(2, 1, 1, { anchor: impact })],
      1,
      [["why_node:12", 1]],
    ],
    ["an orphan reply counts as a thread", [row(2, 99, 1, { anchor: impact })], 1, [["section:impact-summary", 1]]],
  ])("%s", (_, rows, total, byAnchor) => expect(unresolvedCounts(rows)).toEqual({ total, byAnchor: new Map(byAnchor) }));
});

describe("canEditComment", () => {
  it.each<[string, { id: number; role: string }, number | null, boolean]>([
    ["the author", { id: 7, role: "member" }, 7, true],
    ["the author who is an admin", { id: 7, role: "admin" }, 7, true],
    ["someone else", { id: 8, role: "member" }, 7, false],
    ["an admin who did not write it", { id: 1, role: "admin" }, 7, false],
    ["a reviewer who did not write it", { id: 2, role: "reviewer" }, 7, false],
    ["anyone, when the author's account is gone", { id: 7, role: "admin" }, null, false],
  ])("%s → %s", (_, actor, authorId, expected) => expect(canEditComment(actor, row(1, null, 0, { authorId }))).toBe(expected));
});

describe("canResolve", () => {
  const coeAuthorIds = [3, 4];
  it.each<[string, { id: number; role: string }, number | null, boolean]>([
    ["the thread's author, a member", { id: 7, role: "member" }, 7, true],
    ["a COE author", { id: 3, role: "author" }, 7, true],
    ["a member listed as a COE author", { id: 4, role: "member" }, 7, true],
    ["a reviewer", { id: 2, role: "reviewer" }, 7, true],
    ["an admin", { id: 1, role: "admin" }, 7, true],
    ["another member", { id: 8, role: "member" }, 7, false],
    ["an author of other COEs", { id: 9, role: "author" }, 7, false],
    ["a reviewer, when the thread's author is gone", { id: 2, role: "reviewer" }, null, true],
    ["a member, when the thread's author is gone", { id: 8, role: "member" }, null, false],
    ["a COE author, when the thread's author is gone", { id: 3, role: "author" }, null, true],
  ])("%s → %s", (_, actor, authorId, expected) => expect(canResolve(actor, row(1, null, 0, { authorId }), coeAuthorIds)).toBe(expected));

  it("with no COE authors, only the thread's author, reviewers and admins", () => {
    expect(canResolve({ id: 3, role: "author" }, row(1, null, 0), [])).toBe(false);
    expect(canResolve({ id: 7, role: "member" }, row(1, null, 0), [])).toBe(true);
  });
});

describe("commentBodyProblem", () => {
  it.each<[string, string, RegExp | undefined]>([
    ["a word", "Why all regions?", undefined],
    ["one character", "x", undefined],
    ["exactly the limit", "x".repeat(COMMENT_BODY_MAX), undefined],
    ["the limit once trimmed", `  ${"x".repeat(COMMENT_BODY_MAX)}\n`, undefined],
    ["naming people is fine in a comment", "@ana, you ran the deploy: what did you see?", undefined],
    ["empty", "", /Write something first/],
    ["only blanks", " \n\t ", /Write something first/],
    ["one over the limit", "x".repeat(COMMENT_BODY_MAX + 1), /The comment is 5,001 characters; the limit is 5,000 \(1 too many\)/],
  ])("%s", (_, body, problem) => {
    const result = commentBodyProblem(body);
    if (problem) expect(result).toMatch(problem);
    else expect(result).toBeUndefined();
  });
});
