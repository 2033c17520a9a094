import { describe, expect, it } from "vitest";
import { hasMergeMarker, MERGE_MARKER, mergeScaffold } from "./merge-scaffold";

const para = (...texts: { text: string; marks?: { type: string }[] }[]) => ({ type: "paragraph", content: texts.map((t) => ({ type: "text", ...t })) });
const doc = (...content: object[]) => ({ type: "doc", content }) as never;

describe("merge scaffold", () => {
  it("puts both texts around the marker, and the result is recognised as a merge in progress", () => {
    const merged = mergeScaffold(doc(para({ text: "Mine." })), doc(para({ text: "Theirs." })));
    expect(merged.content?.map((n) => n.content?.[0]?.text)).toEqual(["Mine.", MERGE_MARKER, "Theirs."]);
    expect(hasMergeMarker(merged)).toBe(true);
  });

  it("finds the marker with its bold mark removed, inside a list, or split across marks", () => {
    expect(hasMergeMarker(doc(para({ text: MERGE_MARKER })))).toBe(true);
    expect(hasMergeMarker(doc({ type: "bulletList", content: [{ type: "listItem", content: [para({ text: `x ${MERGE_MARKER}` })] }] }))).toBe(true);
    expect(hasMergeMarker(doc(para({ text: "──── Their version (merge ", marks: [{ type: "bold" }] }, { text: "by hand, then delete this line) ────" })))).toBe(
      true,
    );
  });

  it("does not flag ordinary text, empty documents or odd values", () => {
    expect(hasMergeMarker(doc(para({ text: "Their version was better; we merged by hand." })))).toBe(false);
    expect(hasMergeMarker(doc())).toBe(false);
    expect(hasMergeMarker(null)).toBe(false);
    expect(hasMergeMarker("text")).toBe(false);
  });
});
