import { describe, expect, it } from "vitest";
import { renderRichText } from "./render.server";

const para = (text: string, marks?: { type: string; attrs?: Record<string, unknown> }[]) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text, ...(marks ? { marks } : {}) }] }],
});

describe("renderRichText", () => {
  it("renders paragraphs and marks", () => {
    expect(renderRichText(para("hi", [{ type: "bold" }]))).toBe("<p><strong>hi</strong></p>");
  });
  it("escapes text", () => {
    expect(renderRichText(para("<script>alert(1)</script>"))).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  });
  it("keeps http links and drops script links in any spelling", () => {
    expect(renderRichText(para("ok", [{ type: "link", attrs: { href: "https://example.com" } }]))).toContain('href="https://example.com"');
    for (const href of ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>", "vbscript:x"]) {
      const html = renderRichText(para("bad", [{ type: "link", attrs: { href } }]));
      expect(html).toBe("<p>bad</p>");
    }
  });
  it("renders tables with header cells and merged cells", () => {
    const cell = (type: string, t: string, attrs?: Record<string, unknown>) => ({
      type,
      ...(attrs ? { attrs } : {}),
      content: [{ type: "paragraph", content: [{ type: "text", text: t }] }],
    });
    const html = renderRichText({
      type: "doc",
      content: [
        {
          type: "table",
          content: [
            { type: "tableRow", content: [cell("tableHeader", "Region"), cell("tableHeader", "Errors")] },
            { type: "tableRow", content: [cell("tableCell", "all", { colspan: 2 })] },
          ],
        },
      ],
    });
    expect(html).toMatch(
      /^<table[^>]*><colgroup>.*<\/colgroup><tbody><tr><th><p>Region<\/p><\/th><th><p>Errors<\/p><\/th><\/tr><tr><td colspan="2"><p>all<\/p><\/td><\/tr><\/tbody><\/table>$/,
    );
  });
  it("renders nothing for empty or unplaceable documents", () => {
    expect(renderRichText(null)).toBe("");
    expect(renderRichText({ type: "doc", content: [] })).toBe("");
  });
});

describe("renderRichText with documents outside the schema", () => {
  it("renders nothing rather than unknown node types", () => {
    expect(renderRichText({ type: "doc", content: [{ type: "script", content: [{ type: "text", text: "alert(1)" }] }] })).toBe("");
  });
});
