import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { plainTextToDoc } from "~/domain/coe/plain-text-doc";
import { dropAllDrafts, dropDrafts, findDrafts, keepDraft } from "./draft-store";

/** A Storage over a Map, ordered by insertion like browsers' localStorage. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
  };
}

let store: Storage;
beforeEach(() => {
  store = memoryStorage();
  vi.stubGlobal("window", { localStorage: store });
});
afterEach(() => vi.unstubAllGlobals());

const doc = plainTextToDoc;

describe("the draft store", () => {
  it("keeps one draft per field: a newer base version replaces the older", () => {
    expect(keepDraft({ coeId: 1, section: "lesson-1", baseVersion: 3, doc: doc("old") })).toBe(true);
    keepDraft({ coeId: 1, section: "lesson-1", baseVersion: 4, doc: doc("new") });
    keepDraft({ coeId: 1, section: "lesson-12", baseVersion: 1, doc: doc("another lesson") });
    expect(findDrafts(1, "lesson-1").map((d) => [d.baseVersion, d.doc])).toEqual([[4, doc("new")]]);
    expect(findDrafts(1, "lesson-12")).toHaveLength(1);
  });

  it("removes unreadable drafts without skipping the one after them", () => {
    store.setItem("coe-draft:1:impact-summary:1", "{not json");
    store.setItem("coe-draft:1:impact-summary:2", JSON.stringify({ coeId: 1, section: "impact-summary", baseVersion: 2, doc: doc("kept") }));
    expect(findDrafts(1, "impact-summary").map((d) => d.baseVersion)).toEqual([2]);
    expect(store.getItem("coe-draft:1:impact-summary:1")).toBeNull();
  });

  it("drops a field's drafts, readable or not, and all drafts on sign-out", () => {
    store.setItem("coe-draft:1:customer-rca:1", "{not json");
    store.setItem("coe-draft:1:customer-rca:2", "{not json either");
    keepDraft({ coeId: 2, section: "customer-rca", baseVersion: 1, doc: doc("other COE") });
    store.setItem("unrelated", "x");
    dropDrafts(1, "customer-rca");
    expect([...Array(store.length).keys()].map((i) => store.key(i))).toEqual(["coe-draft:2:customer-rca:1", "unrelated"]);
    dropAllDrafts();
    expect(store.length).toBe(1);
  });
});
