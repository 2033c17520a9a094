import { describe, expect, it } from "vitest";
import { canCreateCoe, canEditCoe, canReview, canUpdateActionItem } from "./permissions";

const admin = { id: 1, role: "admin" as const };
const reviewer = { id: 2, role: "reviewer" as const };
const author = { id: 3, role: "author" as const };
const member = { id: 4, role: "member" as const };
const draft = { status: "draft" as const, authorIds: [3] };

describe("permissions", () => {
  it("lets authors and admins create COEs", () => {
    expect([admin, reviewer, author, member].map(canCreateCoe)).toEqual([true, false, true, false]);
  });
  it("lets a COE's authors and admins edit it while it is editable", () => {
    expect([admin, reviewer, author, member].map((a) => canEditCoe(a, draft))).toEqual([true, false, true, false]);
    expect(canEditCoe({ id: 9, role: "author" }, draft)).toBe(false);
    expect(canEditCoe(author, { ...draft, status: "changes_requested" })).toBe(true);
    expect(canEditCoe(author, { ...draft, status: "approved" })).toBe(false);
    expect(canEditCoe(admin, { ...draft, status: "closed" })).toBe(false);
  });
  it("lets owners update their own action items even when they cannot edit the COE", () => {
    expect(canUpdateActionItem(member, { ownerId: 4 }, { ...draft, status: "approved" })).toBe(true);
    expect(canUpdateActionItem(member, { ownerId: 5 }, draft)).toBe(false);
  });
  it("lets reviewers and admins review", () => {
    expect([admin, reviewer, author, member].map(canReview)).toEqual([true, true, false, false]);
  });
});
