import { describe, expect, it } from "vitest";
import { escapeHtml } from "~/components/ui/escape-html";
import { coeListRowsHtml } from "./coe-list-rows";

const row = { id: 7, title: "Disk full", severity: 2, status: "in_review" as const, teamName: "Storage", updatedMs: Date.parse("2024-12-30T22:14:52.800Z") };

describe("coeListRowsHtml", () => {
  it("writes the row React wrote: link, severity, state, team and a UTC time the browser can move to its zone", () => {
    expect(coeListRowsHtml([row])).toBe(
      '<tr><td><a href="/coes/7" data-app-link="">Disk full</a></td><td><span class="sev sev-2">Sev 2</span></td>' +
        '<td><span class="badge status-in_review">In review</span></td><td>Storage</td>' +
        '<td><time datetime="2024-12-30T22:14:52.800Z" title="2024-12-30 22:14 UTC" data-utc-ms="1735596892800">2024-12-30 22:14 UTC</time></td></tr>',
    );
    expect(coeListRowsHtml([])).toBe("");
  });

  it("escapes everything a hostile author or admin controls, in text and in attributes", () => {
    const hostile = `<img src=x onerror=alert(1)>"'&</td></tr><script>alert(2)</script>`;
    const html = coeListRowsHtml([{ ...row, title: hostile, teamName: hostile }]);
    expect(html).not.toMatch(/<img|<script|<\/td><\/tr><script/);
    expect(html.split(escapeHtml(hostile))).toHaveLength(3);
    expect(escapeHtml(`a"b'c<d>e&f`)).toBe("a&quot;b&#x27;c&lt;d&gt;e&amp;f");
  });
});
