import { describe, expect, it } from "vitest";
import { parseRichField, richFieldInfo, rowFieldKey } from "./rich-fields";

describe("parseRichField", () => {
  it("names narrative sections and rows' fields by their key", () => {
    expect(parseRichField("impact-summary")).toEqual({ kind: "coe", key: "impact-summary" });
    expect(parseRichField("lesson-12")).toEqual({ kind: "lesson", key: "lesson-12", id: 12 });
    expect(parseRichField(rowFieldKey("dependency", 3))).toEqual({ kind: "dependency", key: "dependency-3", id: 3 });
  });

  it("refuses anything else", () => {
    for (const key of [
      "",
      "lesson",
      "lesson-",
      "lesson-0",
      "lesson-01",
      "lesson--1",
      "lesson-1.5",
      "lesson-1 ",
      "lessons-1",
      "timeline",
      "header",
      "constructor",
      "__proto__",
      "lesson-99999999999999999",
      "action-item-1",
    ])
      expect(parseRichField(key), key).toBeUndefined();
  });

  it("locks each field with its section and says what it needs", () => {
    expect(richFieldInfo(parseRichField("detection-metrics")!).lock).toBe("detection");
    expect(richFieldInfo(parseRichField("lesson-1")!)).toMatchObject({ lock: "lessons", emptyMessage: expect.stringMatching(/needs some text/) });
    expect(richFieldInfo(parseRichField("dependency-1")!)).toMatchObject({ lock: "dependencies", emptyMessage: undefined });
  });
});
