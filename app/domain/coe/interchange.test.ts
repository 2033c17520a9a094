import { describe, expect, it } from "vitest";
import {
  CoeDocumentSchema,
  MAX_JSON_NESTING,
  findExcessNesting,
  formatIssues,
  formatJsonPath,
  parseCoeDocument,
  parseWhyPath,
  resolveWhyPath,
  walkWhys,
  whyPathOf,
} from "./interchange";

const minimal = { schemaVersion: 1, title: "Checkout slow", severity: 3, team: "Payments" };

function problems(input: unknown) {
  const result = parseCoeDocument(input);
  if (result.ok) throw new Error("expected the document to be rejected");
  return Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
}

describe("CoeDocumentSchema normal form", () => {
  it("fills defaults so every section is present", () => {
    expect(CoeDocumentSchema.parse(minimal)).toStrictEqual({
      ...minimal,
      status: "draft",
      services: [],
      tags: [],
      customerImpact: { regions: [] },
      timeline: [],
      whys: null,
      detection: {},
      dependencies: [],
      lessons: [],
      actionItems: [],
      tenets: [],
      closeout: { fixesValidated: false, dataPreserved: false, followupsAssigned: false },
    });
  });

  it("defaults action items and why nodes without adding absent optional fields", () => {
    const doc = CoeDocumentSchema.parse({
      ...minimal,
      whys: { text: "root", children: [{ text: "leaf" }] },
      actionItems: [{ title: " Fix ", horizon: "short", owner: "Someone@Example.COM" }],
      dependencies: [{ name: "DNS" }],
    });
    expect(doc.whys).toStrictEqual({ text: "root", rootCause: false, children: [{ text: "leaf", rootCause: false, children: [] }] });
    expect(doc.actionItems[0]).toStrictEqual({
      title: "Fix",
      horizon: "short",
      owner: "someone@example.com",
      promisedDate: null,
      status: "open",
      customerFacing: false,
      scaling: null,
    });
    expect(doc.dependencies[0]).toStrictEqual({ name: "DNS", performedAsPromised: "unknown", implementationValidated: "unknown" });
  });

  it("sorts the timeline by instant, keeping the order of simultaneous entries", () => {
    const doc = CoeDocumentSchema.parse({
      ...minimal,
      timeline: [
        { at: "2019-07-02T14:00:00Z", kind: "mitigated", text: "c" },
        { at: "2019-07-02T15:30:00+02:00", kind: "detected", text: "b1" },
        { at: "2019-07-02T13:30:00Z", kind: "observation", text: "b2" },
        { at: "2019-07-02T13:00:00Z", kind: "impact_start", text: "a" },
      ],
    });
    expect(doc.timeline.map((e) => e.text)).toEqual(["a", "b1", "b2", "c"]);
    expect(doc.timeline[1]!.at).toBe("2019-07-02T15:30:00+02:00");
  });

  it("accepts and drops the metrics block that export writes", () => {
    expect("metrics" in CoeDocumentSchema.parse({ ...minimal, metrics: { timeToDetectMs: 5 } })).toBe(false);
  });

  it("accepts plain text or a TipTap doc for rich fields", () => {
    const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "hi", marks: [{ type: "bold" }] }] }] };
    expect(CoeDocumentSchema.parse({ ...minimal, impactSummary: "text", customerRca: doc })).toMatchObject({ impactSummary: "text", customerRca: doc });
  });

  it("trims names and titles", () => {
    expect(CoeDocumentSchema.parse({ ...minimal, title: "  T  ", team: " Storage ", services: [" S3 "] })).toMatchObject({
      title: "T",
      team: "Storage",
      services: ["S3"],
    });
  });
});

describe("CoeDocumentSchema validation", () => {
  it("lists every problem by JSON path", () => {
    const found = problems({
      schemaVersion: 2,
      title: "",
      severity: 0,
      team: "Storage",
      surprise: true,
      tags: ["a", "a"],
      timeline: [
        { at: "2019-07-02T13:42:00", kind: "impact_start", text: "no zone" },
        { at: "2019-02-30T13:42:00Z", kind: "later", text: "bad day", link: "ftp://example.com" },
      ],
      customerImpact: { startedAt: "2019-07-02T14:00:00Z", endedAt: "2019-07-02T13:00:00Z" },
      actionItems: [{ title: "x", horizon: "soon", owner: "not-an-email", promisedDate: "2023-02-29", status: "cancelled" }],
    });
    expect(Object.keys(found).sort()).toEqual(
      [
        "$.schemaVersion",
        "$.title",
        "$.severity",
        "$.surprise",
        "$.tags[1]",
        "$.timeline[0].at",
        "$.timeline[1].at",
        "$.timeline[1].kind",
        "$.timeline[1].link",
        "$.customerImpact.endedAt",
        "$.actionItems[0].horizon",
        "$.actionItems[0].owner",
        "$.actionItems[0].promisedDate",
      ].sort(),
    );
  });

  it("reports cross-references that do not resolve even when other fields are wrong", () => {
    const found = problems({
      ...minimal,
      severity: 9,
      whys: { text: "root", children: [{ text: "a", children: [] }] },
      lessons: [{ text: "l", whyPath: "0.1" }],
      actionItems: [{ title: "x", horizon: "mid", lessonIndex: 1, whyPath: "0.0.2" }],
    });
    expect(found).toMatchObject({
      "$.severity": expect.any(String),
      "$.lessons[0].whyPath": "refers to why node 0.1, but node 0 has 1 child",
      "$.actionItems[0].lessonIndex": "refers to lesson 1 but the document has 1 lesson (indices start at 0)",
      "$.actionItems[0].whyPath": "refers to why node 0.0.2, but node 0.0 has 0 children",
    });
  });

  it("refuses a why path when there is no tree", () => {
    expect(problems({ ...minimal, lessons: [{ text: "l", whyPath: "0" }] })).toEqual({
      "$.lessons[0].whyPath": "refers to why node 0 but the document has no whys tree",
    });
  });

  it("requires a reason to cancel", () => {
    expect(problems({ ...minimal, actionItems: [{ title: "x", horizon: "long", status: "cancelled" }] })).toEqual({
      "$.actionItems[0].cancelReason": "is required when status is cancelled",
    });
  });

  it("names the broken node of a rich text doc", () => {
    const found = problems({
      ...minimal,
      impactSummary: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "" },
              { type: "text", text: "x", style: "red" },
            ],
          },
        ],
      },
      customerRca: 42,
    });
    expect(found).toEqual({
      "$.impactSummary.content[0].content[0]": "a text node needs non-empty text",
      "$.impactSummary.content[0].content[1].style": "is not a field of this format",
      "$.customerRca": expect.stringContaining("plain text or a TipTap JSON doc"),
    });
  });

  it("refuses links that are not http(s) or mailto", () => {
    const link = (href: string) => ({ type: "text", text: "x", marks: [{ type: "link", attrs: { href } }] });
    const doc = {
      type: "doc",
      content: [{ type: "paragraph", content: [link("https://ok.example"), link("mailto:a@b.co"), link(" java\tscript:alert(1)"), link("data:text/html,x")] }],
    };
    expect(problems({ ...minimal, customerRca: doc })).toEqual({
      "$.customerRca.content[0].content[2].marks[0].attrs.href": "a link must point to an http(s) or mailto address",
      "$.customerRca.content[0].content[3].marks[0].attrs.href": "a link must point to an http(s) or mailto address",
    });
  });

  it("limits rich text depth, why tree depth and raw nesting", () => {
    let node: object = { type: "text", text: "x" };
    for (let i = 0; i < 60; i++) node = { type: "blockquote", content: [node] };
    expect(Object.values(problems({ ...minimal, impactSummary: { type: "doc", content: [node] } }))).toEqual(["nests deeper than 50 levels"]);

    let why: object = { text: "leaf" };
    for (let i = 0; i < 70; i++) why = { text: `level ${i}`, children: [why] };
    expect(problems({ ...minimal, whys: why })).toEqual({ "$.whys": "is 71 levels deep; the limit is 64" });

    let deep: unknown = "bottom";
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const [error] = Object.values(problems({ ...minimal, detection: deep }));
    expect(error).toBe(`nests deeper than ${MAX_JSON_NESTING} levels`);
  });

  it("rejects null for fields that are omitted when absent", () => {
    expect(Object.keys(problems({ ...minimal, event: null, timeline: [{ at: "2019-07-02T13:42:00Z", kind: "detected", text: "x", link: null }] }))).toEqual([
      "$.event",
      "$.timeline[0].link",
    ]);
  });

  it("rejects what is not an object", () => {
    expect(problems("hello")).toEqual({ $: "Invalid input: expected object, received string" });
  });

  it("accepts instants with seconds optional and a zone, on real days only", () => {
    const at = (value: string) => parseCoeDocument({ ...minimal, timeline: [{ at: value, kind: "detected", text: "x" }] }).ok;
    expect(["2019-07-02T13:42Z", "2019-07-02T13:42:00.5+05:30", "2024-02-29T00:00:00-12:00"].map(at)).toEqual([true, true, true]);
    expect(["2019-07-02 13:42:00Z", "2019-07-02T24:00:00Z", "2023-02-29T00:00:00Z", "2019-07-02T13:42:00+0200"].map(at)).toEqual([false, false, false, false]);
  });
});

describe("why paths", () => {
  const tree = {
    text: "0",
    children: [
      { text: "0.0", children: [] },
      { text: "0.1", children: [{ text: "0.1.0", children: [] }] },
    ],
  };

  it("round-trips between indices and text", () => {
    expect(whyPathOf([])).toBe("0");
    expect(whyPathOf([2, 1])).toBe("0.2.1");
    expect(parseWhyPath("0.2.1")).toEqual([2, 1]);
    expect(parseWhyPath("1.2")).toBeUndefined();
    expect(parseWhyPath("0.01")).toBeUndefined();
  });

  it("resolves paths in a tree", () => {
    expect(resolveWhyPath(tree, "0")?.text).toBe("0");
    expect(resolveWhyPath(tree, "0.1.0")?.text).toBe("0.1.0");
    expect(resolveWhyPath(tree, "0.2")).toBeUndefined();
    expect(resolveWhyPath(null, "0")).toBeUndefined();
  });

  it("walks depth-first with each node's path", () => {
    const seen: string[] = [];
    walkWhys(tree, (node, path, parent) => {
      expect(node.text).toBe(path);
      seen.push(`${parent ?? "-"}>${path}`);
    });
    expect(seen).toEqual(["->0", "0>0.0", "0>0.1", "0.1>0.1.0"]);
  });
});

describe("formatting", () => {
  it("writes JSON paths the way jq does", () => {
    expect(formatJsonPath([])).toBe("$");
    expect(formatJsonPath(["timeline", 2, "at"])).toBe("$.timeline[2].at");
    expect(formatJsonPath(["odd key"])).toBe('$["odd key"]');
  });

  it("formats a raw zod error", () => {
    const result = CoeDocumentSchema.safeParse({ ...minimal, severity: "high" });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatIssues(result.error)).toEqual([{ path: "$.severity", message: "must be a whole number from 1 (worst) to 5" }]);
  });

  it("finds excess nesting without recursion", () => {
    expect(findExcessNesting({ a: [{ b: 1 }] }, 3)).toBeUndefined();
    expect(findExcessNesting({ a: [{ b: {} }] }, 3)).toEqual(["a", 0, "b"]);
  });
});
