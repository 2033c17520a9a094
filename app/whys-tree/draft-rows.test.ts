import { describe, expect, it } from "vitest";
import { buildWhyTree, flattenWhyTree } from "~/domain/whys/tree";
import { whyRow } from "../../tests/why-rows";
import { DRAFT_ID, isDraft, isProblemStatement, rowsWithDraft } from "./draft-rows";
import { withoutIds } from "./use-collapsed";

const nodes = flattenWhyTree(buildWhyTree([whyRow(1, null, 0), whyRow(2, 1, 0), whyRow(3, 1, 1)]));
const draft = (rows: ReturnType<typeof rowsWithDraft>) => rows.find((r) => r.id === DRAFT_ID);

describe("rowsWithDraft", () => {
  it("leaves the rows as they are while nothing new is typed", () => {
    expect(rowsWithDraft(nodes, undefined)).toHaveLength(3);
    expect(rowsWithDraft(nodes, { kind: "edit", id: 2, text: "changed" }).map((r) => r.text)).toEqual(["n1", "n2", "n3"]);
  });

  it("places a new child last under its parent, a new sibling just after its sibling, and the problem statement alone", () => {
    expect(draft(rowsWithDraft(nodes, { kind: "add-child", parentId: 2, text: "why" }))).toMatchObject({ parentId: 2, position: Number.MAX_SAFE_INTEGER });
    expect(draft(rowsWithDraft(nodes, { kind: "add-sibling", siblingId: 2, text: "why" }))).toMatchObject({ parentId: 1, position: 0.5 });
    expect(rowsWithDraft([], { kind: "add-child", parentId: null, text: "" })).toEqual([
      { id: DRAFT_ID, parentId: null, position: 0, text: " ", isRootCause: false, evidence: null },
    ]);
  });

  it("tells a draft and the problem statement apart from an edit", () => {
    expect([isDraft(undefined), isDraft({ kind: "edit", id: 1, text: "" }), isDraft({ kind: "add-sibling", siblingId: 2, text: "" })]).toEqual([
      false,
      false,
      true,
    ]);
    expect([isProblemStatement({ kind: "add-child", parentId: null, text: "" }), isProblemStatement({ kind: "add-child", parentId: 1, text: "" })]).toEqual([
      true,
      false,
    ]);
  });
});

describe("withoutIds", () => {
  it("removes the ids, and returns the same set when none of them is in it (so nothing re-renders)", () => {
    const set = new Set([1, 2, 3]);
    expect([...withoutIds(set, [2, 9])]).toEqual([1, 3]);
    expect(withoutIds(set, [7, 8])).toBe(set);
  });
});
