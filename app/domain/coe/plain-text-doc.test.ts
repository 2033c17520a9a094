import { describe, expect, it } from "vitest";
import { docToPlainText, plainTextToDoc } from "./plain-text-doc";

describe("plainTextToDoc", () => {
  it("splits paragraphs on blank lines", () => {
    expect(plainTextToDoc("First paragraph.\n\nSecond one.")).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "First paragraph." }] },
        { type: "paragraph", content: [{ type: "text", text: "Second one." }] },
      ],
    });
  });

  it("turns single newlines into hard breaks", () => {
    expect(plainTextToDoc("line one\nline two").content).toEqual([
      { type: "paragraph", content: [{ type: "text", text: "line one" }, { type: "hardBreak" }, { type: "text", text: "line two" }] },
    ]);
  });

  it("treats several blank lines, whitespace-only lines and CRLF as one separator", () => {
    expect(plainTextToDoc("a\r\n\r\n  \n\n\nb").content).toHaveLength(2);
    expect(plainTextToDoc("\n\na\n\n").content).toEqual([{ type: "paragraph", content: [{ type: "text", text: "a" }] }]);
  });

  it("keeps indentation at the start of a paragraph", () => {
    expect(plainTextToDoc("a\n\n  indented").content?.[1]).toEqual({ type: "paragraph", content: [{ type: "text", text: "  indented" }] });
  });

  it("gives empty text one empty paragraph", () => {
    const empty = { type: "doc", content: [{ type: "paragraph" }] };
    expect(plainTextToDoc("")).toEqual(empty);
    expect(plainTextToDoc(" \n\n \n")).toEqual(empty);
  });
});

describe("docToPlainText", () => {
  it.each(["", "one", "one\ntwo", "one\n\ntwo\nthree\n\nfour", "  indented\n\nx"])("inverts plainTextToDoc for %j", (text) => {
    expect(docToPlainText(plainTextToDoc(text))).toBe(text);
  });

  it("is stable when applied to its own output", () => {
    const messy = "a\r\n\r\n\r\nb  \n c\n\n\n";
    const once = docToPlainText(plainTextToDoc(messy));
    expect(plainTextToDoc(once)).toEqual(plainTextToDoc(messy));
  });

  it("flattens headings, marks, lists and quotes", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Impact" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Bold", marks: [{ type: "bold" }] },
            { type: "text", text: " and plain" },
          ],
        },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "first" }] }] },
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "second" }] }] },
          ],
        },
        {
          type: "orderedList",
          attrs: { start: 3 },
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "third" }] }] }],
        },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "quoted" }] }] },
        { type: "horizontalRule" },
      ],
    };
    expect(docToPlainText(doc)).toBe("Impact\n\nBold and plain\n\n- first\n\n- second\n\n3. third\n\nquoted\n\n---");
  });

  it("indents the continuation lines of a list item", () => {
    const item = {
      type: "listItem",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "a" }] },
        { type: "paragraph", content: [{ type: "text", text: "b" }] },
      ],
    };
    expect(docToPlainText({ type: "doc", content: [{ type: "bulletList", content: [item] }] })).toBe("- a\n  b");
  });

  it("survives unknown nodes and missing content", () => {
    expect(docToPlainText({ type: "doc" })).toBe("");
    expect(docToPlainText({ type: "doc", content: [{ type: "mention", attrs: { id: 1 } }, { type: "image" }] })).toBe("\n\n");
  });
});
