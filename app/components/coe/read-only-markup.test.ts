import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "~/components/ui/escape-html";
import { Facts } from "~/components/ui/facts";
import { incidentMetrics } from "~/domain/coe/incident-metrics";
import { ActionItemList, type ActionItemRow } from "./action-item-list";
import { MetricsPanel } from "./metrics-panel";
import { SectionNav, sectionLinksHtml } from "./section-nav";
import { TimelineTable, type TimelineRow } from "./timeline-table";

// The read-only parts of the COE page are written as escaped strings; everything an author types must stay text.
const HOSTILE = `<img src=x onerror=alert(1)>"'&</td></tr><script>alert(2)</script>`;
const isInert = (html: string) => !/<(img|script)\b|href="\s*javascript:/i.test(html);
const render = <P extends object>(type: (props: P) => ReactNode, props: P) => renderToStaticMarkup(createElement(type, props));
/** The `<td>`s of each body row, without the editing view's controls column. */
const readOnlyCells = (html: string) =>
  [...html.matchAll(/<tr[^>]*id="[^"]+"[^>]*>(.*?)<\/tr>/g)].map((m) => m[1]!.replace(/<td class="card-actions">.*?<\/td>$/, ""));

const at = Date.parse("2024-03-01T09:40:00.000Z");
const entry: TimelineRow = { id: 3, at: "2024-03-01T09:40:00.000Z", atMs: at, kind: "detected", text: HOSTILE, link: "javascript:alert(3)" };
const item: ActionItemRow = {
  id: 9,
  title: HOSTILE,
  horizon: "mid",
  ownerName: HOSTILE,
  originalPromisedDate: "2024-03-10",
  promisedDate: "2024-03-20",
  status: "validated",
  validationNote: HOSTILE,
  cancelReason: null,
  scaling: "centralized_change",
  isCustomerFacing: true,
  trackerUrl: "JaVaScRiPt:alert(4)",
  whyNodeId: 5,
  lessonId: 2,
};

describe("the timeline as strings", () => {
  it("keeps the author's text as text and drops a link that is not http(s)", () => {
    const html = render(TimelineTable, { entries: [entry] });
    expect(isInert(html)).toBe(true);
    expect(html).toContain(`<span class="prewrap">${escapeHtml(HOSTILE)}</span>`);
    expect(html).toContain(
      '<tr id="timeline-3" class="kind-detected"><td class="nowrap" data-label="When"><time datetime="2024-03-01T09:40:00.000Z" title="2024-03-01 09:40 UTC" data-utc-ms="1709286000000">2024-03-01 09:40 UTC</time></td>',
    );
    expect(html).not.toContain(">link</a>");
    expect(render(TimelineTable, { entries: [{ ...entry, link: "https://status.example.com/1?a=1&b=2" }] })).toContain(
      ' <a href="https://status.example.com/1?a=1&amp;b=2" rel="noreferrer noopener">link</a>',
    );
  });

  it("writes the same cells in the reading view and, beside its controls, in the editing view", () => {
    const entries = [entry, { ...entry, id: 4, kind: "mitigated" as const, text: "Rolled back", link: "https://example.com" }];
    const reading = render(TimelineTable, { entries });
    const editing = render(TimelineTable, { entries, actions: () => createElement("button", { type: "button" }, "Edit") });
    expect(readOnlyCells(reading)).toHaveLength(2);
    expect(readOnlyCells(editing)).toEqual(readOnlyCells(reading));
    expect(editing).toContain('<th scope="col" class="actions-col">Actions</th>');
    expect(render(TimelineTable, { entries: [] })).toBe('<p class="empty">No timeline entries yet.</p>');
  });
});

describe("the action items as strings", () => {
  const whyById = new Map([[5, { id: 5, text: HOSTILE }]]);
  const lessons = [{ id: 1 }, { id: 2 }];

  it("escapes every text an author controls and drops a tracker link that is not http(s), in any spelling", () => {
    const html = render(ActionItemList, { items: [item], whyById, lessons });
    expect(isInert(html)).toBe(true);
    expect(html.split(escapeHtml(HOSTILE))).toHaveLength(5); // title, owner, validation note, the why it comes from
    expect(html).toContain('<a href="#why-5" class="from-why">From why: ');
    expect(html).toContain('<a href="#lesson-2" class="from-lesson">From lesson 2</a>');
    expect(html).toContain(
      '<time datetime="2024-03-20">2024-03-20</time><div class="small muted">originally <time datetime="2024-03-10">2024-03-10</time></div>',
    );
    expect(html).not.toContain("Tracker");
  });

  it("writes the same cells with and without the editing view's controls, and says who is missing", () => {
    const items = [
      item,
      { ...item, id: 10, ownerName: null, status: "cancelled" as const, cancelReason: "Superseded", trackerUrl: "https://tracker.example.com/T-1" },
    ];
    const reading = render(ActionItemList, { items, whyById, lessons });
    const editing = render(ActionItemList, { items, whyById, lessons, actions: () => createElement("button", { type: "button" }, "Edit") });
    expect(readOnlyCells(editing)).toEqual(readOnlyCells(reading));
    expect(reading).toContain('<td data-label="Owner"><span class="muted">Unassigned</span></td>');
    expect(reading).toContain('<div class="small">Superseded</div>');
    expect(reading).toContain('<div><a href="https://tracker.example.com/T-1" rel="noreferrer noopener">Tracker</a></div>');
  });
});

describe("the other read-only parts", () => {
  it("section links name their state, notes and conflicts", () => {
    const html = sectionLinksHtml(
      [
        { id: "timeline", label: "Timeline", isWritten: true, notes: 2 },
        { id: "five-whys", label: "Five whys", isWritten: false, notes: 0 },
      ],
      new Set(["five-whys"]),
    );
    expect(html).toContain(
      '<li data-section="timeline" data-written="true" data-notes="2" data-conflict="false"><a href="#timeline" aria-label="Timeline: written, 2 blameless notes">',
    );
    expect(html).toContain('<span class="badge section-notes" title="Blameless-language notes">2 notes</span>');
    expect(html).toContain(
      'aria-label="Five whys: empty, in conflict"><span class="section-name">Five whys</span><span class="badge section-conflict">conflict</span>',
    );
  });

  it("the page's own parts follow the sections, with their count when there is one", () => {
    const html = renderToStaticMarkup(
      createElement(SectionNav, {
        states: [{ id: "timeline", label: "Timeline", isWritten: true, notes: 0 }],
        also: [
          { id: "review", label: "Review" },
          { id: "comments", label: "Comments", badge: `2 open ${HOSTILE}` },
        ],
      }),
    );
    expect(html).toMatch(
      /data-section="timeline".*<li class="page-link"><a href="#review" aria-label="Review">.*<li class="page-link"><a href="#comments" aria-label="Comments: 2 open /,
    );
    expect(isInert(html)).toBe(true);
  });

  it("facts escape their text and show a dash for nothing", () => {
    const html = render(Facts, {
      facts: [
        ["Team", HOSTILE],
        ["Tags", ""],
        ["Impact started", { html: "<time>t</time>" }],
      ],
    });
    expect(isInert(html)).toBe(true);
    expect(html).toBe(
      `<dl class="facts"><div><dt>Team</dt><dd>${escapeHtml(HOSTILE)}</dd></div><div><dt>Tags</dt><dd>—</dd></div><div><dt>Impact started</dt><dd><time>t</time></dd></div></dl>`,
    );
  });

  it("metrics give durations, say what is missing, and name the impact start they are measured from", () => {
    const html = render(MetricsPanel, { metrics: incidentMetrics([{ kind: "detected", atMs: at + 600_000 }], "2024-03-01T09:40:00.000Z") });
    expect(html).toContain('<div data-metric="timeToDetect"><dt>Time to detect</dt><dd>10 min</dd></div>');
    expect(html).toContain('<div data-metric="timeToMitigate"><dt>Time to mitigate</dt><dd><span aria-hidden="true">—</span> <span class="muted small">needs');
    expect(html).toContain('Measured from impact start, <time datetime="2024-03-01T09:40:00.000Z"');
    expect(render(MetricsPanel, { metrics: incidentMetrics([]) })).toContain("Impact start not recorded");
  });

  it("escapeHtml escapes all five characters and leaves other text as it is", () => {
    expect(escapeHtml(`a"b'c<d>e&f`)).toBe("a&quot;b&#x27;c&lt;d&gt;e&amp;f");
    expect(escapeHtml("plain words, 100% – “quoted”")).toBe("plain words, 100% – “quoted”");
    expect(escapeHtml(42)).toBe("42");
  });
});
