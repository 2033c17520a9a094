import { describe, expect, it } from "vitest";
import { buildWhyTree } from "~/domain/whys/tree";
import { whyOutlineHtml } from "./why-outline";

const row = (id: number, parentId: number | null, text: string, extra: { isRootCause?: boolean; evidence?: string } = {}) => ({
  id,
  parentId,
  position: id,
  text,
  isRootCause: false,
  evidence: null,
  ...extra,
});

describe("whyOutlineHtml", () => {
  it("nests answers with their anchors, root-cause badge and evidence", () => {
    const tree = buildWhyTree([row(1, null, "Checkout failed"), row(2, 1, "Pool too small", { isRootCause: true, evidence: "graph" }), row(3, 1, "No alarm")])!;
    expect(whyOutlineHtml(tree)).toBe(
      '<li id="why-1"><span>Checkout failed</span><ul>' +
        '<li id="why-2" class="root-cause"><span>Pool too small<span class="badge root-cause-badge">Root cause</span><span class="evidence">Evidence: graph</span></span></li>' +
        '<li id="why-3"><span>No alarm</span></li></ul></li>',
    );
  });

  it("escapes an author's text and evidence", () => {
    const hostile = `</span></li><script>alert(1)</script><img src=x onerror="alert(2)">'&`;
    const html = whyOutlineHtml(buildWhyTree([row(1, null, hostile, { evidence: hostile })])!);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;/span&gt;&lt;/li&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&#x27;&amp;");
  });
});
