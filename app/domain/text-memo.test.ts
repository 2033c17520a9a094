import { describe, expect, it } from "vitest";
import { memoByText } from "./text-memo";

describe("memoByText", () => {
  it("computes a text once and answers the same value again", () => {
    let calls = 0;
    const length = memoByText((t) => (calls++, t.length));
    expect([length("abc"), length("abc"), length("de"), length("abc")]).toEqual([3, 3, 2, 3]);
    expect(calls).toBe(2);
  });

  it("remembers falsy answers too", () => {
    let calls = 0;
    const empty = memoByText((t) => (calls++, t === "" ? undefined : false));
    empty("");
    empty("");
    empty("x");
    empty("x");
    expect(calls).toBe(2);
  });

  it("keeps what fits its budget: the oldest are computed again, the recent are not", () => {
    const seen: string[] = [];
    const id = memoByText((t) => (seen.push(t), t), 4 * 65);
    for (const t of ["a", "b", "c", "d", "e"]) id(t);
    seen.length = 0;
    id("e");
    id("d");
    expect(seen).toEqual([]);
    id("a");
    expect(seen).toEqual(["a"]);
  });
});
