import { expect, test, type Page } from "@playwright/test";
import { hydrated, importTestCoe, signInAs } from "./support";

// A tree wider than a printed page: five answers side by side under the problem, each with one more level.
const wideTree = {
  text: "Checkout failed for 4% of orders for 35 minutes",
  children: Array.from({ length: 5 }, (_, i) => ({
    text: `Contributing factor ${i + 1}, with a long enough answer to wrap`,
    children: [{ text: `Why ${i + 1}.1`, rootCause: i === 0, children: [] }],
  })),
};

/** Elements of `selector` a reader of the printed page would see. */
const visibleCount = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden").length);

test.beforeEach(async ({ context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
});

for (const view of ["reading view", "edit page"] as const) {
  test(`printing the ${view}: no navigation or buttons, the tree fitted to the page width, a page break before each section, external links written out`, async ({
    page,
  }) => {
    const id = await importTestCoe({
      title: "A COE to print",
      whys: wideTree,
      timeline: [{ at: "2026-03-02T08:00:00Z", kind: "impact_start", text: "Errors began", link: "https://status.example.com/incidents/42" }],
    });
    // About an A4 page's printable width at 96 dpi.
    await page.setViewportSize({ width: 680, height: 1000 });
    await page.goto(view === "reading view" ? `/coes/${id}` : `/coes/${id}/edit`);
    await hydrated(page);
    await page.emulateMedia({ media: "print" });

    expect(await visibleCount(page, "nav, .section-nav, .site-header, .skip-link")).toBe(0);
    expect(await visibleCount(page, "button, .button, [role=toolbar]")).toBe(0);

    // The reading view draws the tree as an SVG image, the editor inline: both must fit.
    const picture = page.locator(".why-figure img, svg.why-svg").first();
    await picture.evaluate((el) => (el instanceof HTMLImageElement ? el.decode() : undefined));
    const fit = await picture.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const natural = el instanceof HTMLImageElement ? el.naturalWidth : (el as SVGSVGElement).viewBox.baseVal.width || Number(el.getAttribute("width"));
      return { right: box.right, width: box.width, natural, page: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth };
    });
    expect(fit.scroll).toBeLessThanOrEqual(fit.page);
    expect(fit.right).toBeLessThanOrEqual(fit.page);
    if (view === "reading view") {
      // The reading view's figure is the printed tree: scaled down to the page, not cut.
      expect(fit.natural, "the test tree is wider than the page").toBeGreaterThan(fit.page);
      expect(fit.width).toBeGreaterThan(fit.page * 0.6);
    }

    const breaks = await page.locator("article.coe > section").evaluateAll((els) => els.map((el) => getComputedStyle(el).breakBefore));
    expect(breaks.length).toBeGreaterThan(5);
    expect(breaks.slice(1).every((b) => b === "page")).toBe(true);

    const link = page.locator("table.timeline a[href^='https://status.example.com']");
    expect(await link.evaluate((a) => getComputedStyle(a, "::after").content)).toContain("https://status.example.com/incidents/42");
  });
}

test("printing the edit page shows the COE's content, not its editing: no empty “Add …” forms, no Edit disclosures, no counters", async ({ page }) => {
  const id = await importTestCoe({
    title: "An edit page to print",
    whys: wideTree,
    timeline: [{ at: "2026-03-02T08:00:00Z", kind: "impact_start", text: "Errors began at the edge" }],
    dependencies: [{ name: "Payments gateway", notes: "Retried twice, then failed over." }],
    lessons: [{ text: "Retries need a budget", whyPath: "0.0" }],
    actionItems: [{ title: "Add a retry budget to the client", horizon: "short", owner: null, promisedDate: "2026-04-01", whyPath: "0.0" }],
  });
  await page.setViewportSize({ width: 680, height: 1000 });
  await page.goto(`/coes/${id}/edit`);
  await hydrated(page);
  // On screen the edit page has forms that add rows, and Edit disclosures on each row.
  expect(await visibleCount(page, "form[data-adds]")).toBeGreaterThanOrEqual(4);
  expect(await visibleCount(page, "details.edit-disclosure")).toBeGreaterThanOrEqual(4);
  await page.emulateMedia({ media: "print" });

  expect(await visibleCount(page, "form[data-adds]")).toBe(0);
  const headings = await page
    .locator("h2, h3")
    .evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).map((el) => el.textContent?.trim() ?? ""));
  expect(headings.filter((h) => /^Add /.test(h))).toEqual([]);
  expect(await visibleCount(page, "details.edit-disclosure, summary")).toBe(0);
  expect(await visibleCount(page, ".char-counter, [role=toolbar], .why-panel, .save-model, .why-inline-editor, .why-focus-ring")).toBe(0);
  // Tables lose their Actions column (its controls do not print).
  expect(await page.locator("th").evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).map((el) => el.textContent))).not.toContain(
    "Actions",
  );
  // No empty field of a form that adds is left on the page.
  expect(await visibleCount(page, "form[data-adds] input, form[data-adds] textarea, form[data-adds] select")).toBe(0);

  // The content stays: every section heading, the timeline, the tree, dependencies, lessons and action items.
  for (const h of ["Header", "Timeline", "Five whys", "Dependencies", "Lessons learned", "Action items", "Close-out checklist"]) expect(headings).toContain(h);
  for (const text of ["Errors began at the edge", "Payments gateway", "Retries need a budget", "Add a retry budget to the client"]) {
    await expect(page.locator("main").getByText(text).first()).toBeVisible();
  }
  await expect(page.locator("svg.why-svg")).toBeVisible();
});
