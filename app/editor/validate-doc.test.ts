import { readFileSync } from "node:fs";
import { getSchema } from "@tiptap/core";
import { Slice } from "@tiptap/pm/model";
import type { StarterKitOptions } from "@tiptap/starter-kit";
import { describe, expect, it } from "vitest";
import { plainTextToDoc } from "~/domain/coe/plain-text-doc";
import type { DocJSON } from "~/domain/enums";
import { activeContentIn, assertInert, XSS_DOCS, XSS_HTML } from "../../tests/fixtures/xss-corpus";
import { ATTRIBUTE_RULES, extensions, normalizePasted, RICH_TEXT_LIMITS } from "./extensions";
import { renderRichText } from "./render.server";
import { docHasWords } from "~/domain/coe/plain-text-doc";
import { validateRichText } from "./validate-doc";
import { mergeScaffold } from "~/domain/coe/merge-scaffold";

const doc = (...content: unknown[]) => ({ type: "doc", content });
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (t: string, marks?: unknown[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const item = (...content: unknown[]) => ({ type: "listItem", content });
const link = (attrs: Record<string, unknown>) => ({ type: "link", attrs });
const nested = (blockquotes: number) => {
  let node: unknown = p(text("deep"));
  for (let i = 0; i < blockquotes; i++) node = { type: "blockquote", content: [node] };
  return doc(node);
};

/** Every node, mark and attribute value the editor can produce. */
const EVERYTHING = doc(
  { type: "heading", attrs: { level: 2 }, content: [text("What customers saw")] },
  { type: "heading", attrs: { level: 3 }, content: [text("In Europe")] },
  p(
    text("plain "),
    text("bold", [{ type: "bold" }]),
    text("italic", [{ type: "italic" }]),
    text("underline", [{ type: "underline" }]),
    text("strike", [{ type: "strike" }]),
    text("code", [{ type: "code" }]),
    text("all", [{ type: "bold" }, { type: "italic" }, { type: "underline" }, { type: "strike" }]),
    { type: "hardBreak" },
    text("https", [link({ href: "https://status.example.com", target: null, rel: "noopener noreferrer nofollow", class: null, title: null })]),
    text("http", [link({ href: "http://example.com", target: "_blank" })]),
    text("mail", [link({ href: "mailto:oncall@example.com", title: "Write to on-call" })]),
  ),
  { type: "bulletList", content: [item(p(text("one"))), item(p(text("two")), { type: "bulletList", content: [item(p(text("nested")))] })] },
  { type: "orderedList", attrs: { start: 3, type: null }, content: [item(p(text("three")))] },
  { type: "orderedList", attrs: { start: 1, type: "a" }, content: [item(p(text("a")))] },
  { type: "blockquote", content: [p(text("“I could not sign in.” — a customer"))] },
  { type: "codeBlock", attrs: { language: null }, content: [text("ERROR invalid_signature")] },
  { type: "codeBlock", attrs: { language: "c++" }, content: [text("int main() {}")] },
  { type: "codeBlock", attrs: { language: "c#" } },
  { type: "codeBlock" },
  { type: "horizontalRule" },
  { type: "paragraph" },
  p(text("Ünïcödé 🚀 text")),
  {
    type: "table",
    content: [
      {
        type: "tableRow",
        content: [
          { type: "tableHeader", attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [p(text("Region"))] },
          { type: "tableHeader", content: [p(text("Errors"))] },
        ],
      },
      {
        type: "tableRow",
        content: [{ type: "tableCell", attrs: { colspan: 2, rowspan: 1, colwidth: [120, null], align: "center" }, content: [p(text("merged"))] }],
      },
      {
        type: "tableRow",
        content: [
          { type: "tableCell", content: [p(text("eu-west-1"))] },
          { type: "tableCell", attrs: { align: "right" }, content: [p(text("3%"))] },
        ],
      },
    ],
  },
);

describe("validateRichText accepts what the editor writes", () => {
  it("accepts every node, mark and attribute, returning the same document", () => {
    const before = structuredClone(EVERYTHING);
    const result = validateRichText(EVERYTHING);
    expect(result).toEqual({ ok: true, doc: EVERYTHING });
    expect(result.ok && result.doc).toBe(EVERYTHING);
    expect(EVERYTHING).toEqual(before);
  });

  it("accepts the documents of the interchange fixture", () => {
    const coe = JSON.parse(readFileSync(new URL("../../tests/fixtures/rich-text.coe.json", import.meta.url), "utf8")) as Record<string, unknown>;
    const docs = Object.values(coe).filter((v): v is DocJSON => typeof v === "object" && v !== null && (v as DocJSON).type === "doc");
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) expect(validateRichText(d)).toEqual({ ok: true, doc: d });
  });

  it("accepts what the no-JavaScript textarea produces, including an empty one", () => {
    for (const t of ["", "One paragraph.", "Line one\nline two\n\nSecond paragraph"]) expect(validateRichText(plainTextToDoc(t)).ok).toBe(true);
  });

  it("accepts a document exactly at the depth limit", () => {
    // doc › 27 blockquotes › paragraph › text = 30 levels
    expect(validateRichText(nested(27)).ok).toBe(true);
    expect(validateRichText(nested(28))).toMatchObject({ ok: false, message: expect.stringContaining("Nested too deeply (more than 30 levels)") });
  });

  it("accepts a document just under the size limit", () => {
    const base = JSON.stringify(doc(p(text("")))).length;
    const justUnder = doc(p(text("a".repeat(RICH_TEXT_LIMITS.maxBytes - base))));
    expect(new TextEncoder().encode(JSON.stringify(justUnder)).length).toBe(RICH_TEXT_LIMITS.maxBytes);
    expect(validateRichText(justUnder).ok).toBe(true);
  });
});

type Rejection = [name: string, input: unknown, message: string | RegExp, path?: string];

const REJECTIONS: Rejection[] = [
  ["a string", "hello", 'A rich-text document must be a JSON object with "type": "doc" (got "hello")'],
  ["null", null, 'A rich-text document must be a JSON object with "type": "doc" (got null)'],
  ["a list", [doc(p(text("x")))], 'A rich-text document must be a JSON object with "type": "doc" (got a list)'],
  ["a paragraph at the top", p(text("x")), 'A rich-text document must have "type": "doc" (got "paragraph")'],
  ["no type", { content: [] }, 'A rich-text document must have "type": "doc" (got nothing)'],
  ["too large", doc(p(text("a".repeat(233_900)))), "The text is too large (234 KB; the limit is 200 KB)"],
  // 100 001 × "é" is 100 001 UTF-16 units but 200 002 UTF-8 bytes.
  ["too large in UTF-8 bytes", doc(p(text("é".repeat(100_001)))), "The text is too large (201 KB; the limit is 200 KB)"],
  ["too many values", { type: "doc", content: Array.from({ length: 250_000 }, () => 0) }, "The text is too large (more than 200 KB)"],
  // doc › 28 blockquotes › paragraph › text: the text is the 31st level.
  [
    "one level too deep",
    nested(28),
    `Nested too deeply (more than 30 levels) (${"content[0]" + ".content[0]".repeat(29)})`,
    "content[0]" + ".content[0]".repeat(29),
  ],
  ["100 000 levels deep", nested(100_000), "Nested too deeply (more than 30 levels)"],
  [
    "deep inside an attribute",
    doc({ type: "paragraph", attrs: { a: JSON.parse("[".repeat(5000) + "]".repeat(5000)) } }),
    "Nested too deeply (more than 30 levels)",
  ],
  ["an unknown node type", doc(p(text("a")), p(text("b")), { type: "script", content: [text("x")] }), 'Unknown node type "script" at content[2]', "content[2]"],
  [
    "an image",
    doc(p({ type: "image", attrs: { src: "https://example.com/x.png" } })),
    'Unknown node type "image" at content[0].content[0]',
    "content[0].content[0]",
  ],
  ["a mark used as a node", doc({ type: "bold" }), 'Unknown node type "bold" at content[0]'],
  [
    "an unknown mark type",
    doc(p(text("x", [{ type: "textStyle", attrs: { color: "red" } }]))),
    'Unknown mark type "textStyle" at content[0].content[0].marks[0]',
    "content[0].content[0].marks[0]",
  ],
  [
    "a javascript: link",
    doc(p(text("ok "), text("x", [link({ href: "javascript:alert(1)" })]))),
    "Links may only use http, https or mailto (content[0].content[1])",
    "content[0].content[1]",
  ],
  ["a data: link", doc(p(text("x", [link({ href: "data:text/html,<script>" })]))), "Links may only use http, https or mailto (content[0].content[0])"],
  ["a relative link", doc(p(text("x", [link({ href: "/admin" })]))), "Links may only use http, https or mailto (content[0].content[0])"],
  ["a link without href", doc(p(text("x", [{ type: "link" }]))), "Links may only use http, https or mailto (content[0].content[0])"],
  [
    "a link target other than _blank",
    doc(p(text("x", [link({ href: "https://e.com", target: "_parent" })]))),
    'A link\'s target may only be _blank or empty (got "_parent") (content[0].content[0])',
  ],
  [
    "a link class",
    doc(p(text("x", [link({ href: "https://e.com", class: "overlay" })]))),
    'Links cannot carry a class (got "overlay") (content[0].content[0])',
  ],
  ["heading level 1", doc({ type: "heading", attrs: { level: 1 }, content: [text("x")] }), "Heading level must be 2 or 3 (got 1) (content[0])", "content[0]"],
  ["heading level as text", doc({ type: "heading", attrs: { level: "2" }, content: [text("x")] }), 'Heading level must be 2 or 3 (got "2") (content[0])'],
  [
    "heading level with a payload",
    doc({ type: "heading", attrs: { level: "1 onmouseover=alert(1)" } }),
    'Heading level must be 2 or 3 (got "1 onmouseover=alert(1)") (content[0])',
  ],
  ["heading without level", doc({ type: "heading", content: [text("x")] }), "Heading level must be 2 or 3 (got nothing) (content[0])"],
  [
    "code block language with markup",
    doc({ type: "codeBlock", attrs: { language: '"><img src=x>' } }),
    /^A code block's language must be up to 30 letters, digits, \+, # or - \(got .*\) \(content\[0\]\)$/,
  ],
  ["code block language too long", doc({ type: "codeBlock", attrs: { language: "a".repeat(31) } }), /code block's language/],
  [
    "list start not whole",
    doc({ type: "orderedList", attrs: { start: 1.5 }, content: [item(p(text("x")))] }),
    "A numbered list must start at a whole number (got 1.5) (content[0])",
  ],
  [
    "list type with a payload",
    doc({ type: "orderedList", attrs: { type: '1" onclick="x' }, content: [item(p(text("x")))] }),
    /^A numbered list's type must be 1, a, A, i or I/,
  ],
  [
    "an undeclared attribute",
    doc({ type: "paragraph", attrs: { onclick: "alert(1)" }, content: [text("x")] }),
    'A paragraph has no attribute "onclick" (content[0])',
    "content[0]",
  ],
  ["an undeclared mark attribute", doc(p(text("x", [{ type: "bold", attrs: { style: "x" } }]))), 'A bold has no attribute "style" (content[0].content[0])'],
  ["attributes on the doc", { type: "doc", attrs: { onload: "x" }, content: [p()] }, 'A doc has no attribute "onload"'],
  [
    "a __proto__ attribute",
    JSON.parse('{"type":"doc","content":[{"type":"paragraph","attrs":{"__proto__":{"x":1}}}]}'),
    'A paragraph has no attribute "__proto__" (content[0])',
  ],
  ["attrs that are not an object", doc({ type: "paragraph", attrs: ["x"] }), '"attrs" must be an object (got a list) (content[0].attrs)'],
  ["an unknown property", doc({ type: "paragraph", onclick: "x" }), 'Unknown property "onclick" on a paragraph node (content[0])'],
  ["empty text", doc(p(text(""))), "A text node cannot be empty (content[0].content[0])"],
  ["text that is not a string", doc(p({ type: "text", text: 42 })), "Text must be a string (got 42) (content[0].content[0])"],
  ["text on a paragraph", doc({ type: "paragraph", text: "x" }), "A paragraph node cannot carry text; put it in a text node (content[0])"],
  ["content in a text node", doc(p({ type: "text", text: "x", content: [] })), "A text node cannot have content (content[0].content[0])"],
  ["content that is not a list", { type: "doc", content: "<p>x</p>" }, '"content" must be a list (got "<p>x</p>")'],
  [
    "a paragraph directly in a bullet list",
    doc({ type: "bulletList", content: [p(text("x"))] }),
    "A bulletList cannot contain a paragraph here (content[0].content[0])",
    "content[0].content[0]",
  ],
  ["an empty bullet list", doc({ type: "bulletList", content: [] }), "A bulletList is incomplete: it needs a listItem (content[0])"],
  [
    "a list item starting with a heading",
    doc({ type: "bulletList", content: [item({ type: "heading", attrs: { level: 2 } })] }),
    "A listItem cannot contain a heading here (content[0].content[0].content[0])",
  ],
  ["text directly in the doc", doc(text("x")), "The document cannot contain text here (content[0])"],
  ["an empty document", { type: "doc", content: [] }, "The document is incomplete: it needs a paragraph"],
  ["a doc inside a doc", doc(doc(p())), "The document cannot contain a doc here (content[0])"],
  [
    "bold inside a code block",
    doc({ type: "codeBlock", content: [text("x", [{ type: "bold" }])] }),
    'Formatting "bold" is not allowed inside a codeBlock (content[0].content[0])',
  ],
  ["the same mark twice", doc(p(text("x", [{ type: "bold" }, { type: "bold" }]))), "Repeated or conflicting formatting (bold, bold) (content[0].content[0])"],
  [
    "two links on one text",
    doc(p(text("x", [link({ href: "https://a.com" }), link({ href: "https://b.com" })]))),
    "Repeated or conflicting formatting (link, link) (content[0].content[0])",
  ],
  ["content in a leaf", doc(p({ type: "hardBreak", content: [text("x")] })), "A hardBreak cannot contain anything (content[0].content[0])"],
];

describe("validateRichText refuses, saying why", () => {
  it.each(REJECTIONS)("%s", (_name, input, message, path) => {
    const result = validateRichText(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    if (typeof message === "string") expect(result.message).toBe(message);
    else expect(result.message).toMatch(message);
    if (path) expect(result.path).toBe(path);
  });

  it("refuses a merge in progress: a document that still contains the merge-by-hand marker line", () => {
    const merging = mergeScaffold(plainTextToDoc("Mine."), plainTextToDoc("Theirs."));
    const result = validateRichText(merging);
    expect(result).toEqual({ ok: false, message: expect.stringContaining("delete that line first") });
    // The same two texts without the marker are ordinary content.
    expect(validateRichText({ ...merging, content: merging.content!.filter((_, i) => i !== 1) }).ok).toBe(true);
  });

  it("refuses cyclic and non-JSON values without throwing", () => {
    const cyclic: Record<string, unknown> = { type: "doc", content: [] };
    (cyclic.content as unknown[]).push(cyclic);
    expect(validateRichText(cyclic)).toEqual({ ok: false, message: "Nested too deeply (more than 30 levels)" });
    expect(validateRichText(doc(p(text("x", [link({ href: "https://e.com", title: 1n })]))))).toEqual({
      ok: false,
      message: "A rich-text document must be plain JSON",
    });
    expect(validateRichText(new Map([["type", "doc"]]))).toMatchObject({ ok: false });
  });

  it("refuses a 100 000-level document quickly and without recursion", () => {
    const start = performance.now();
    expect(validateRichText(nested(100_000)).ok).toBe(false);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe("the shared extension list", () => {
  const schema = getSchema(extensions);

  it("has exactly the nodes and marks the sections need: no images, no raw HTML", () => {
    expect(Object.keys(schema.nodes).sort()).toEqual(
      [
        "blockquote",
        "bulletList",
        "codeBlock",
        "doc",
        "hardBreak",
        "heading",
        "horizontalRule",
        "listItem",
        "orderedList",
        "paragraph",
        "table",
        "tableCell",
        "tableHeader",
        "tableRow",
        "text",
      ].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(["bold", "code", "italic", "link", "strike", "underline"]);
  });

  it("gives every declared attribute a rule in the validator", () => {
    const declared = [...Object.values(schema.nodes), ...Object.values(schema.marks)].flatMap((type) =>
      Object.keys(type.spec.attrs ?? {}).map((attr) => `${type.name}.${attr}`),
    );
    const ruled = Object.entries(ATTRIBUTE_RULES).flatMap(([type, rules]) => Object.keys(rules).map((attr) => `${type}.${attr}`));
    expect(declared.filter((a) => !ruled.includes(a))).toEqual([]);
  });

  it("configures links: only http, https and mailto, no new tab, rel set, not opened on click", () => {
    const options = (extensions[0]!.options as StarterKitOptions).link;
    if (!options) throw new Error("links are configured");
    const ctx = { defaultValidate: () => true, protocols: [], defaultProtocol: "https" };
    for (const ok of ["https://example.com", "http://example.com", "mailto:a@example.com", "HTTPS://EXAMPLE.COM"])
      expect(options.isAllowedUri!(ok, ctx)).toBe(true);
    for (const bad of ["javascript:alert(1)", " java\tscript:x", "data:text/html,x", "vbscript:x", "ftp://example.com", "/relative", "tel:123"])
      expect(options.isAllowedUri!(bad, ctx)).toBe(false);
    expect(options.shouldAutoLink!("example.com")).toBe(true);
    expect(options.shouldAutoLink!("ftp://example.com")).toBe(false);
    expect(options).toMatchObject({ autolink: true, openOnClick: false, HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null } });
    expect(renderRichText(doc(p(text("x", [link({ href: "https://e.com" })]))) as DocJSON)).toBe(
      '<p><a rel="noopener noreferrer nofollow" href="https://e.com">x</a></p>',
    );
  });

  it("coerces pasted attributes the server would refuse, keeping the text", () => {
    const pasted = Slice.fromJSON(schema, {
      content: [
        p(
          text("copied", [link({ href: "https://e.com", target: "_top", class: "external-link", rel: "nofollow ugc", title: "t" })]),
          text("unsafe", [link({ href: "javascript:alert(1)" }), { type: "bold" }]),
        ),
        { type: "orderedList", attrs: { start: Number.NaN, type: "disc" }, content: [item(p(text("x")))] },
        { type: "codeBlock", attrs: { language: "c." }, content: [text("x")] },
        { type: "heading", attrs: { level: 3 }, content: [text("h")] },
      ],
      openStart: 1,
      openEnd: 0,
    });
    const normalized = normalizePasted(pasted);
    expect(normalized.openStart).toBe(1);
    expect(normalized.toJSON()!.content).toEqual([
      p(text("copied", [link({ href: "https://e.com", target: null, rel: "nofollow ugc", class: null, title: "t" })]), text("unsafe", [{ type: "bold" }])),
      { type: "orderedList", attrs: { start: 1, type: null }, content: [item(p(text("x")))] },
      { type: "codeBlock", attrs: { language: null }, content: [text("x")] },
      { type: "heading", attrs: { level: 3 }, content: [text("h")] },
    ]);
    expect(validateRichText({ type: "doc", content: normalized.toJSON()!.content }).ok).toBe(true);
  });

  it("coerces a pasted table cell's odd spans and widths, keeping the text", () => {
    const pasted = Slice.fromJSON(schema, {
      content: [
        {
          type: "table",
          content: [
            {
              type: "tableRow",
              content: [{ type: "tableCell", attrs: { colspan: 0, rowspan: 1000, colwidth: [-5], align: "justify" }, content: [p(text("cell"))] }],
            },
          ],
        },
      ],
      openStart: 0,
      openEnd: 0,
    });
    const cell = normalizePasted(pasted).toJSON()!.content[0].content[0].content[0];
    expect(cell).toEqual({ type: "tableCell", attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [p(text("cell"))] });
  });

  it("refuses tables with bad spans, attributes of their own, or no rows", () => {
    const table = (cellAttrs: object, tableAttrs?: object) =>
      doc({
        type: "table",
        ...(tableAttrs ? { attrs: tableAttrs } : {}),
        content: [{ type: "tableRow", content: [{ type: "tableCell", attrs: cellAttrs, content: [p(text("x"))] }] }],
      });
    expect(validateRichText(table({ colspan: 0 }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/colspan must be a whole number from 1 to 100/),
    });
    expect(validateRichText(table({ rowspan: "2" }))).toMatchObject({ ok: false, message: expect.stringMatching(/rowspan/) });
    expect(validateRichText(table({ colwidth: ["100px"] }))).toMatchObject({ ok: false, message: expect.stringMatching(/column widths/) });
    expect(validateRichText(table({ align: "javascript:x" }))).toMatchObject({ ok: false, message: expect.stringMatching(/alignment/) });
    expect(validateRichText(table({}, { style: "position:fixed" }))).toMatchObject({ ok: false, message: expect.stringMatching(/has no attribute "style"/) });
    expect(validateRichText(doc({ type: "table", content: [] }))).toMatchObject({ ok: false });
    expect(validateRichText(doc({ type: "tableRow", content: [{ type: "tableCell", content: [p(text("x"))] }] }))).toMatchObject({ ok: false });
  });

  it("renders headings 2 and 3 only", () => {
    expect(renderRichText(doc({ type: "heading", attrs: { level: 3 }, content: [text("x")] }) as DocJSON)).toBe("<h3>x</h3>");
    // Stored before the limit (or posted around it): shown as the highest allowed level.
    expect(renderRichText(doc({ type: "heading", attrs: { level: 1 }, content: [text("x")] }) as DocJSON)).toBe("<h2>x</h2>");
  });

  it("exports the limits", () => {
    expect(RICH_TEXT_LIMITS).toEqual({ maxBytes: 200_000, maxDepth: 30 });
  });
});

describe("docHasWords", () => {
  it.each<[string, DocJSON | null | undefined, boolean]>([
    ["null", null, true],
    ["undefined", undefined, true],
    ["the editor's empty doc", { type: "doc", content: [{ type: "paragraph" }] }, true],
    [
      "empty paragraphs and a rule",
      { type: "doc", content: [{ type: "paragraph" }, { type: "horizontalRule" }, { type: "paragraph", content: [{ type: "hardBreak" }] }] },
      true,
    ],
    ["only spaces", plainTextToDoc("   \n \t "), true],
    ["a word", plainTextToDoc("word"), false],
    [
      "a word deep in a list",
      {
        type: "doc",
        content: [{ type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }] }] }],
      },
      false,
    ],
  ])("%s → %s", (_name, input, expected) => {
    expect(!docHasWords(input)).toBe(expected);
  });
});

// ─── XSS ───────────────────────────────────────────────────────────────────────────────────

describe("assertInert", () => {
  it.each([
    "",
    "<p>plain</p>",
    "<h2>x</h2><h3>y</h3><hr/><p>a<br/>b</p>",
    '<p><a rel="noopener noreferrer nofollow" href="https://e.com" target="_blank">x</a></p>',
    '<p><a href="mailto:a@e.com">x</a></p>',
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1) onerror=x</p>",
    '<pre><code class="language-&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">x</code></pre>',
    '<p><a href="https://e.com/&quot; onmouseover=&quot;x" title="&quot;&gt;&lt;script&gt;">x</a></p>',
  ])("accepts inert HTML: %s", (html) => {
    expect(activeContentIn(html)).toEqual([]);
    expect(() => assertInert(html)).not.toThrow();
  });

  it.each<[string, RegExp]>([
    ["<script>x</script>", /<script/],
    ["<p>a</p><SCRIPT >x</SCRIPT>", /<script/],
    ['<p onclick="x">a</p>', /event handler onclick/],
    ["<p ONMOUSEOVER=x>a</p>", /event handler onmouseover/],
    ['<a href="javascript:x">a</a>', /href="javascript:x"/],
    ['<a href=" JaVa&#x53;cript&colon;x">a</a>', /href=/],
    ['<a href="java&#9;script:x">a</a>', /href=/],
    ['<a href="data:text/html,x">a</a>', /href=/],
    ["<a href='vbscript:x'>a</a>", /href=/],
    ['<iframe srcdoc="x"></iframe>', /forbidden element <iframe>/],
    ['<object data="x"></object>', /forbidden element <object>/],
    ['<embed src="x">', /forbidden element <embed>/],
    ["<style>*{}</style>", /forbidden element <style>/],
    ["<svg></svg>", /forbidden element <svg>/],
    ["<math></math>", /forbidden element <math>/],
    ['<img src="x">', /forbidden element <img>/],
    ["<marquee>x</marquee>", /unexpected element <marquee>/],
    ['<p style="x:expression(1)">a</p>', /style attribute/],
    ["<p>a < b</p>", /not a well-formed tag/],
  ])("finds active content: %s", (html, problem) => {
    expect(activeContentIn(html).join("\n")).toMatch(problem);
    expect(() => assertInert(html)).toThrow(/not inert/);
  });
});

describe("the XSS corpus", () => {
  const named = [
    ...XSS_HTML.map(({ name, html }) => ({ name, payload: html })),
    ...XSS_DOCS.filter((d) => !/deep|huge|many/.test(d.name)).map(({ name, doc }) => ({ name, payload: JSON.stringify(doc) })),
  ];

  it("has at least 60 pasted payloads and unique names", () => {
    expect(XSS_HTML.length).toBeGreaterThanOrEqual(60);
    const names = [...XSS_HTML, ...XSS_DOCS].map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("names itself in every payload, so a browser test can tell which one ran", () => {
    for (const { name, payload } of named) {
      const decoded = payload + [...payload.matchAll(/base64,([A-Za-z0-9+/=]+)/g)].map((m) => atob(m[1]!)).join("");
      expect(decoded, name).toContain(`__xss('${name}')`);
    }
  });
});

// Which hostile documents the validator accepts; each must still render inert. Listed so that a
// change in what gets through is a visible test change.
const ACCEPTED_DOCS = [
  "doc-link-href-breaks-attribute",
  "doc-link-href-script-in-query",
  "doc-link-mailto-body",
  "doc-link-title-breaks-attribute",
  "doc-text-script",
  "doc-text-img-onerror",
  "doc-text-closing-tags",
  "doc-text-template-injection",
  "doc-heading-text-svg",
  "doc-code-block-script",
  "doc-code-mark-script",
];

describe("hostile documents posted directly", () => {
  it.each(XSS_DOCS)("$name is refused, or accepted and rendered inert", ({ name, doc: input }) => {
    const result = validateRichText(input);
    expect(result.ok, result.ok ? "accepted" : result.message).toBe(ACCEPTED_DOCS.includes(name));
    if (result.ok) {
      const html = renderRichText(result.doc);
      expect(html).not.toBe("");
      assertInert(html);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toContain("__xss('" + name + "')</script>");
    } else {
      expect(result.message.length).toBeGreaterThan(0);
    }
  });

  it.each(XSS_DOCS.filter((d) => !ACCEPTED_DOCS.includes(d.name)))("$name renders inert even if it were stored (renderer's own defence)", ({ doc: input }) => {
    assertInert(renderRichText(input as DocJSON));
  });
});

/** Rendered HTML back to the text a reader sees, without whitespace (paragraph splits differ). */
function visibleText(html: string): string {
  const decoded = html
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[e]!);
  return decoded.replace(/\s+/g, "");
}

describe("pasted as plain text (the no-JavaScript textarea, or paste without formatting)", () => {
  it.each(XSS_HTML)("$name is kept as visible, escaped text", ({ html }) => {
    const d = plainTextToDoc(html);
    const result = validateRichText(d);
    expect(result.ok, result.ok ? "" : result.message).toBe(true);
    const rendered = renderRichText(d);
    assertInert(rendered);
    expect(rendered.match(/<\/?([a-z0-9]+)/gi)?.every((tag) => /^<\/?(p|br)$/i.test(tag))).toBe(true);
    expect(visibleText(rendered)).toBe(html.replace(/\s+/g, ""));
  });
});
