import { describe, expect, it } from "vitest";
import type { TrendsData } from "~/domain/trends/charts";
import { parseTrendsQuery, trendsPeriod } from "~/domain/trends/period";
import { el, join, text } from "./markup";
import { trendChartsMarkup } from "./trend-charts";

describe("chart markup", () => {
  it("escapes every text and attribute value, and writes numbers to two decimals", () => {
    const hostile = `"><script>alert('x')</script>&`;
    expect(el("text", { "aria-label": hostile, x: 30.210000000000008, download: true, hidden: false, id: undefined }, text(hostile))).toBe(
      `<text aria-label="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;" x="30.21" download>&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</text>`,
    );
    expect(join([text("a"), null, false, undefined, el("b", {})])).toBe("a<b></b>");
  });

  it("draws a hostile category name as words, in the chart, its tip, its label and its table", () => {
    const name = `<img src=x onerror="alert(1)">`;
    const query = parseTrendsQuery(new URLSearchParams("from=2026-01&to=2026-03"));
    const figures: TrendsData = {
      period: trendsPeriod(query, new Date("2026-03-10T00:00:00Z")),
      coeCount: 2,
      bySeverity: [{ month: "2026-02", severity: 2, n: 2 }],
      durations: [],
      quarters: { current: "2026-Q1", previous: "2025-Q4", rows: [] },
      actionItems: [],
      slip: [],
      categories: [{ id: 1, name, n: 2 }],
      rcas: [],
    };
    const markup = trendChartsMarkup(query, figures);
    expect(markup).not.toContain("<img");
    expect(markup).toContain(`aria-label="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;: 2 COEs"`);
    expect(markup).toContain(`<th scope="row">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</th>`);
    expect(markup).toContain(`<a href="/coes?severity=2&amp;from=2026-02&amp;to=2026-02" aria-label="February 2026, Sev 2: 2 COEs" class="chart-mark">`);
  });
});
