import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";
import { AgendaList, type AgendaListItem } from "./agenda-list";
import { Wheel } from "./wheel";

const items: AgendaListItem[] = [
  { coeId: 7, title: "Checkout outage", href: "/coes/7", severity: 1, team: "Payments", presented: true, outcome: "Approved" },
  { coeId: 3, title: "Search <slow>", href: "/coes/3", severity: 3, team: "Search", presented: false, outcome: null },
  { coeId: 9, title: "DNS", href: "/coes/9", severity: 2, team: "Platform", presented: true, outcome: null },
];

/** The list as the server sends it (before hydration: no handles, plain forms), inside a router as the route renders it. */
function renderList(props: Partial<Parameters<typeof AgendaList>[0]> = {}) {
  const Stub = createRoutesStub([{ path: "/meetings/1", Component: () => createElement(AgendaList, { items, canReorder: true, onMove: () => {}, ...props }) }]);
  return renderToStaticMarkup(createElement(Stub, { initialEntries: ["/meetings/1"] }));
}

describe("the agenda as the server renders it", () => {
  it("lists each COE in order with its link, severity, team and presented badge", () => {
    const html = renderList();
    const titles = [...html.matchAll(/<a [^>]*class="agenda-title"[^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
    expect(titles).toEqual(["Checkout outage", "Search &lt;slow&gt;", "DNS"]);
    expect(html).toContain('<ol class="agenda-list">');
    expect(html).toContain('href="/coes/7"');
    expect(html).toContain('<span class="sev sev-1">Sev 1</span><span>Payments</span><span class="badge agenda-presented">Presented: Approved</span>');
    expect(html).toContain('<span class="badge agenda-presented">Presented</span>');
    expect(html).toContain('role="status" aria-live="polite"');
  });

  it("moves with plain forms that post intent=move, coeId and toIndex, and no Move up on the first nor Move down on the last", () => {
    const html = renderList();
    const forms = [...html.matchAll(/<form [^>]*method="post"[^>]*>(.*?)<\/form>/g)].map((m) => m[1]!);
    const fields = forms.map((f) => [...f.matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => `${m[1]}=${m[2]}`).join("&"));
    expect(fields).toEqual([
      "intent=move&coeId=7&toIndex=1",
      "intent=move&coeId=3&toIndex=0",
      "intent=move&coeId=3&toIndex=2",
      "intent=move&coeId=9&toIndex=1",
    ]);
    expect(forms.map((f) => /aria-label="([^"]+)"/.exec(f)?.[1])).toEqual([
      "Move down: Checkout outage",
      "Move up: Search &lt;slow&gt;",
      "Move down: Search &lt;slow&gt;",
      "Move up: DNS",
    ]);
    expect(forms.every((f) => f.includes('<button type="submit"'))).toBe(true);
    // The drag handles need script: none before hydration.
    expect(html).not.toContain("agenda-handle");
  });

  it("shows no reordering controls without permission, but the route's own actions still", () => {
    const html = renderList({ canReorder: false, renderActions: (item) => createElement("button", { type: "button" }, `Remove ${item.coeId}`) });
    expect(html).not.toContain("<form");
    expect(html).not.toContain("Move up");
    expect(html).toContain('<button type="button">Remove 7</button>');
    expect(renderList({ canReorder: false })).not.toContain("agenda-actions");
  });

  it("says when there is nothing on the agenda", () => {
    expect(renderList({ items: [] })).toContain('<p class="empty">No COEs on this agenda yet.</p>');
  });
});

describe("the wheel as the server renders it", () => {
  const candidates = [
    { id: 3, label: "Search <slow>" },
    { id: 9, label: "A very long title about DNS resolvers timing out across three regions" },
    { id: 11, label: "Checkout" },
  ];
  const render = (props: Partial<Parameters<typeof Wheel>[0]> = {}) =>
    renderToStaticMarkup(createElement(Wheel, { candidates, pickedId: null, spinKey: 0, spinning: false, ...props }));

  it("draws a labelled image of the wheel, one segment per candidate, and the route's form", () => {
    const html = render({ form: createElement("form", { method: "post" }, createElement("button", null, "Spin")) });
    expect(html).toContain(
      'role="img" aria-label="A wheel of 3 candidates: Search &lt;slow&gt;, A very long title about DNS resolvers timing out across three regions, Checkout"',
    );
    expect(html).toContain('viewBox="0 0 320 336"');
    expect(html.match(/<path d="M 160 176 L/g)).toHaveLength(3);
    expect(html).toMatch(/<text[^>]*>A very long[^<]*…<\/text>/);
    expect(html).toContain('<form method="post"><button>Spin</button></form>');
    expect(html).toContain('<p class="wheel-status" role="status" aria-live="polite"></p>');
    expect(html).toContain("transform:rotate(0deg)");
  });

  it("shows a pick made before the page loaded where it stopped, and says so", () => {
    const html = render({ pickedId: 9 });
    expect(html).toContain("transform:rotate(180deg)"); // the middle of segment 1 of 3 (120°–240°) under the pointer
    expect(html).toContain('aria-live="polite">Picked: A very long title about DNS resolvers timing out across three regions</p>');
  });

  it("says it is spinning while the server picks", () => {
    expect(render({ spinning: true })).toContain('aria-live="polite">Spinning…</p>');
  });

  it("says when everyone has presented, with no wheel and no Spin button", () => {
    const html = render({ candidates: [], form: createElement("button", null, "Spin") });
    expect(html).toContain('<p class="empty">Every COE on the agenda has been presented.</p>');
    expect(html).not.toContain("<svg");
    expect(html).not.toContain("Spin</button>");
  });

  it("says what it was given to say when spun for teams and none is left", () => {
    const html = render({ candidates: [], emptyMessage: "Every team with open work has been reviewed in this meeting." });
    expect(html).toContain('<p class="empty">Every team with open work has been reviewed in this meeting.</p>');
  });
});
