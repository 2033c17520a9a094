import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, signInAs } from "./support";

const nav = (page: Page) => page.getByRole("navigation", { name: "Sections" });
const entry = (page: Page, id: string) => nav(page).locator(`li[data-section="${id}"]`);
const current = (page: Page) => nav(page).locator("a[aria-current]");

test.beforeEach(async ({ context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
});

test("the section navigation shows each section's state, marks the one in view, and is reached and used by keyboard", async ({ page }) => {
  // The edit page is the largest page axe checks: it alone takes seconds on a busy machine.
  test.setTimeout(60_000);
  // "Alex Author" is a registered person: naming them in the timeline is a blameless-language note.
  const id = await importTestCoe({
    title: "Half written",
    impactSummary: "About 3% of API calls failed for 45 minutes.",
    timeline: [{ at: "2026-03-02T08:00:00Z", kind: "impact_start", text: "Alex Author pushed the bad config" }],
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/coes/${id}/edit`);
  await hydrated(page);

  await expect(nav(page).getByRole("link")).toHaveCount(11);
  for (const written of ["header", "impact-summary", "timeline"]) await expect(entry(page, written)).toHaveAttribute("data-written", "true");
  for (const empty of ["customer-impact", "five-whys", "lessons", "action-items", "customer-rca", "closeout"])
    await expect(entry(page, empty)).toHaveAttribute("data-written", "false");
  await expect(entry(page, "timeline")).toHaveAttribute("data-notes", "1");
  await expect(entry(page, "timeline")).toContainText("1 note");
  await expect(entry(page, "timeline").getByRole("link")).toHaveAccessibleName("Timeline: written, 1 blameless note");
  await expect(entry(page, "lessons").getByRole("link")).toHaveAccessibleName("Lessons learned: empty");
  await expect(current(page)).toHaveText(/^Header/);
  // Sticky: still on screen after scrolling far down.
  await page.mouse.wheel(0, 4000);
  await expect(nav(page).getByRole("link", { name: /^Close-out checklist/ })).toBeInViewport();
  await expectNoAxeViolations(page);

  // By keyboard: the links are in the tab order right after the page's header buttons; Enter jumps and marks the section.
  await page.getByRole("link", { name: "View", exact: true }).focus();
  await page.keyboard.press("Tab");
  await expect(nav(page).getByRole("link", { name: /^Header/ })).toBeFocused();
  for (let i = 0; i < 8; i++) await page.keyboard.press("Tab");
  await expect(nav(page).getByRole("link", { name: /^Action items/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#action-items$/);
  await expect(current(page)).toHaveText(/^Action items/);
  await expect(page.getByRole("heading", { name: "Action items", level: 2 })).toBeInViewport();
});

test("on a narrow screen the navigation is a menu that names the section in view and closes after a choice", async ({ page }) => {
  const id = await importTestCoe({ title: "Narrow" });
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`/coes/${id}`);
  await hydrated(page);
  const links = nav(page).getByRole("link");
  await expect(links.first()).toBeHidden();
  await nav(page).getByText("Sections").click();
  await expect(links).toHaveCount(13); // 11 sections, then Review and Comments
  await expect(links.first()).toBeVisible();
  await nav(page)
    .getByRole("link", { name: /^Lessons learned/ })
    .click();
  await expect(links.first()).toBeHidden();
  await expect(nav(page).locator("summary")).toContainText("Lessons learned");
  await expect(page.getByRole("heading", { name: "Lessons learned", level: 2 })).toBeInViewport();
  await expectNoAxeViolations(page);
});

test("a section whose editor is in conflict is marked in the navigation", async ({ page, browser, baseURL }) => {
  // Two browsers and two autosave round trips.
  test.setTimeout(60_000);
  const id = await importTestCoe({ title: "Conflict in the nav", impactSummary: "The original summary." });
  const other = await browser.newContext();
  await signInAs(other, "admin", baseURL!);
  const theirs = await other.newPage();
  for (const p of [page, theirs]) {
    await p.goto(`/coes/${id}/edit`);
    await hydrated(p);
    await expect(p.getByTestId("editor-impact-summary")).toHaveAttribute("contenteditable", "true");
  }
  const typeAtEnd = async (p: Page, text: string) => {
    await p.getByTestId("editor-impact-summary").click();
    await p.keyboard.press("Control+End");
    await p.keyboard.type(text);
  };
  await typeAtEnd(theirs, " Their addition.");
  await expect(theirs.getByTestId("save-status-impact-summary")).toHaveText(/^Saved/);
  await expect(entry(page, "impact-summary")).toHaveAttribute("data-conflict", "false");

  await typeAtEnd(page, " My addition.");
  await expect(page.getByTestId("save-status-impact-summary")).toHaveText("Conflict");
  await expect(entry(page, "impact-summary")).toHaveAttribute("data-conflict", "true");
  await expect(entry(page, "impact-summary")).toContainText("conflict");
  await expect(entry(page, "impact-summary").getByRole("link")).toHaveAccessibleName("Impact summary: written, in conflict");
  await expect(entry(page, "customer-rca")).toHaveAttribute("data-conflict", "false");

  await page.getByRole("button", { name: "Keep mine" }).click();
  await expect(page.getByTestId("save-status-impact-summary")).toHaveText(/^Saved/);
  await expect(entry(page, "impact-summary")).toHaveAttribute("data-conflict", "false");
  await other.close();
});
