import { describe, expect, it } from "vitest";
import type { CoeStatus, Role } from "../enums";
import { actionItemRights } from "./rights";

const OWNER = 1;
const AUTHOR = 2;
const someone = (role: Role, id = 9) => ({ id, role });
const coe = (status: CoeStatus) => ({ status, authorIds: [AUTHOR] });
const item = { ownerId: OWNER };

describe("actionItemRights", () => {
  it.each([
    // who, COE status, editDocument, progress, validate, reassign
    ["owner (member)", someone("member", OWNER), "approved", false, true, true, false],
    ["owner (member)", someone("member", OWNER), "draft", false, true, true, false],
    ["author", someone("author", AUTHOR), "draft", true, true, true, true],
    ["author", someone("author", AUTHOR), "approved", false, false, false, false],
    ["other author", someone("author"), "draft", false, false, false, false],
    ["reviewer", someone("reviewer"), "approved", false, false, true, true],
    ["admin", someone("admin"), "approved", false, false, true, true],
    ["admin", someone("admin"), "in_review", true, true, true, true],
    ["member", someone("member"), "draft", false, false, false, false],
    ["member", someone("member"), "closed", false, false, false, false],
  ] as const)("%s on a %s COE", (_, actor, status, editDocument, progress, validate, reassign) => {
    expect(actionItemRights(actor, item, coe(status as CoeStatus))).toEqual({ editDocument, progress, validate, reassign });
  });
  it("an unassigned item has no owner rights for anyone", () => {
    expect(actionItemRights(someone("member", OWNER), { ownerId: null }, coe("approved")).progress).toBe(false);
  });
});
