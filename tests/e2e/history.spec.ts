import { expect, test, type Page } from "@playwright/test";
import { createCoe, expectNoAxeViolations, hydrated, importTestCoe, signInAs, watchErrors, autosaved } from "./support";

const ORIGINAL = "Queue backlog delayed emails";

async function saveTitle(page: Page, coeId: number, title: string) {
  await page.goto(`/coes/${coeId}/edit`);
  await hydrated(page);
  const header = page.getByRole("form", { name: "Header" });
  await header.getByLabel("Title").fill(title);
  await autosaved(header);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

test("two people's header edits are two versions: compare them, restore the older, axe-clean", async ({ page, context, browser, baseURL }, info) => {
  const id = await importTestCoe({ title: ORIGINAL, impactSummary: "For two hours, password-reset emails arrived late." });
  await signInAs(context, "author", baseURL!);
  const adminContext = await browser.newContext();
  await signInAs(adminContext, "admin", baseURL!);
  const admin = await adminContext.newPage();
  const errors = watchErrors(page);

  await saveTitle(page, id, "Queue backlog delayed emails by 2 hours");
  await saveTitle(admin, id, "Queue backlog delayed password-reset emails by 2 hours");

  // The reading view links to the history.
  await page.goto(`/coes/${id}`);
  await page.getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL(new RegExp(`/coes/${id}/history$`));
  await hydrated(page);
  const rows = page.locator("table.history-table tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("Edited the header");
  await expect(rows.nth(0)).toContainText(/admin/i);
  await expect(rows.nth(1)).toContainText(/author/i);
  await expect(rows.nth(2)).toContainText("Imported");

  // By default: the version before against the newest — the admin's change to the author's title.
  const diff = page.locator(".diff");
  await expect(diff.getByRole("heading", { name: "Changes from version 2 to version 3" })).toBeVisible();
  await expect(diff.locator("del")).toContainText(["Title: Queue backlog delayed emails by 2 hours"]);
  await expect(diff.locator("ins").last()).toContainText("Title: Queue backlog delayed password-reset emails by 2 hours");

  // Any two versions: the import against the newest.
  await page.getByLabel("From version").selectOption({ index: 2 });
  await page.getByLabel("To version").selectOption({ index: 0 });
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(diff.getByRole("heading", { name: "Changes from version 1 to version 3" })).toBeVisible();
  // The address names versions, never internal ids.
  await expect(page).toHaveURL(new RegExp(`/coes/${id}/history\\?from-version=1&to-version=3$`));
  await expect(diff.locator("del").last()).toContainText(`Title: ${ORIGINAL}`);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: info.outputPath("history-diff.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: info.outputPath("history-diff-narrow.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Restore the imported version: a new version on top, with the original title back.
  await rows.nth(2).getByRole("button", { name: "Restore this version (version 1)" }).click();
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText(/Restored the version of \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ORIGINAL);
  await expect(diff.getByRole("heading", { name: "Changes from version 3 to version 4" })).toBeVisible();
  await expect(diff.locator("ins").last()).toContainText(`Title: ${ORIGINAL}`);
  await expectNoAxeViolations(page);

  // A stale page cannot restore over a change it has not seen.
  await saveTitle(admin, id, "A title the author has not seen");
  await rows
    .nth(1)
    .getByRole("button", { name: /Restore this version/ })
    .click();
  await expect(page.getByRole("alert")).toContainText("Nothing was restored: someone changed the header section after this page was loaded");
  await expect(rows).toHaveCount(5); // the page reloaded the current list
  await expectNoAxeViolations(page);
  await page.screenshot({ path: info.outputPath("history-conflict.png"), fullPage: true });

  // The edit page links to the history too.
  await page.goto(`/coes/${id}/edit`);
  await page.getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL(new RegExp(`/coes/${id}/history$`));
  expect(await errors()).toEqual([]);
  await adminContext.close();
});

test("a member reads the history but is offered no restore", async ({ context, page, baseURL }) => {
  const id = await importTestCoe({ title: "Members read history" });
  await signInAs(context, "member", baseURL!);
  await page.goto(`/coes/${id}/history`);
  await expect(page.locator("table.history-table tbody tr")).toHaveCount(1);
  await expect(page.getByText("There is only one version so far.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Restore/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("a COE made with the form starts at “Created the COE”, and a lesson's three whys and the checklist show in the compare", async ({
  page,
  context,
  baseURL,
}, info) => {
  await signInAs(context, "author", baseURL!);
  const errors = watchErrors(page);
  const created = await createCoe(page, "Made with the form");
  await page.goto(`/coes/${created}/history`);
  await expect(page.locator("table.history-table tbody tr")).toHaveCount(1);
  await expect(page.locator("table.history-table")).toContainText("Created the COE");
  await expect(page.locator("body")).not.toContainText("Imported");

  const whys = { text: "Emails were late", children: [{ text: "The queue backed up" }, { text: "Workers were throttled" }, { text: "No alarm on queue age" }] };
  const id = await importTestCoe({
    title: "Three whys behind one lesson",
    whys,
    lessons: [{ text: "Alarm on queue age", whyPath: "0.0", whyPaths: ["0.0", "0.1", "0.2"] }],
  });
  const [{ getDb, withTransaction }, { coes, lessons, lessonWhyLinks, users }, { and, count, eq, min, ne }] = await Promise.all([
    import("../../db/client"),
    import("../../db/schema"),
    import("drizzle-orm"),
  ]);
  const db = getDb();
  // A later version drops two of the links and ticks a checklist item, straight in the tables.
  const [lesson] = await db.select({ id: lessons.id }).from(lessons).where(eq(lessons.coeId, id));
  const lessonId = lesson!.id;
  await withTransaction(db, async (tx) => {
    const [kept] = await tx
      .select({ whyNodeId: min(lessonWhyLinks.whyNodeId) })
      .from(lessonWhyLinks)
      .where(eq(lessonWhyLinks.lessonId, lessonId));
    await tx.delete(lessonWhyLinks).where(and(eq(lessonWhyLinks.lessonId, lessonId), ne(lessonWhyLinks.whyNodeId, kept!.whyNodeId!)));
    await tx.update(coes).set({ closeoutDataPreserved: true }).where(eq(coes.id, id));
  });
  const { writeCoe } = await import("../../app/data/coe-write.server");
  const [author] = await db.select({ id: users.id }).from(users).where(eq(users.email, "author@example.com"));
  await writeCoe(
    db,
    { coeId: id, actorId: author!.id, baseVersion: 0, section: "closeout", summary: "Updated the close-out checklist" },
    async () => undefined,
  );

  await page.goto(`/coes/${id}/history`);
  await hydrated(page);
  const diff = page.locator(".diff");
  await expect(diff.getByRole("heading", { name: "Changes from version 1 to version 2" })).toBeVisible();
  await expect(diff.locator("del")).toContainText([
    "Alarm on queue age (from whys “The queue backed up”, “Workers were throttled”, “No alarm on queue age”)",
    "Data and evidence preserved: no",
  ]);
  await expect(diff.locator("ins")).toContainText(["Alarm on queue age (from why “The queue backed up”)", "Data and evidence preserved: yes"]);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: info.outputPath("history-links-checklist.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: info.outputPath("history-links-checklist-narrow.png"), fullPage: true });

  // Restoring version 1 brings all three links back.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator("table.history-table tbody tr").nth(1).getByRole("button", { name: "Restore this version (version 1)" }).click();
  await expect(page.locator("table.history-table tbody tr")).toHaveCount(3);
  const [links] = await db.select({ n: count() }).from(lessonWhyLinks).innerJoin(lessons, eq(lessons.id, lessonWhyLinks.lessonId)).where(eq(lessons.coeId, id));
  expect(links!.n).toBe(3);
  expect(await errors()).toEqual([]);
});

test.describe("in a zone other than UTC", () => {
  test.use({ timezoneId: "Asia/Kolkata" });

  test("the version picker writes each version's time as the table does, in the viewer's zone", async ({ page, context, baseURL }) => {
    const id = await importTestCoe({ title: ORIGINAL });
    await signInAs(context, "author", baseURL!);
    await saveTitle(page, id, "Queue backlog delayed emails by 2 hours");
    await page.goto(`/coes/${id}/history`);
    await hydrated(page);
    const rows = page.locator("table.history-table tbody tr");
    await expect(rows).toHaveCount(2);
    for (const [i, version] of [
      [0, 2],
      [1, 1],
    ] as const) {
      const shown = (await rows.nth(i).locator("time").first().textContent())!;
      expect(shown).toMatch(/GMT\+5:30$/);
      for (const picker of ["From version", "To version"]) {
        await expect(page.getByLabel(picker).locator(`option[value="${version}"]`)).toContainText(` · ${shown} · `);
      }
    }
  });
});

test("restoring a version that holds a date from before the plausible range keeps it and names it", async ({ page, context, baseURL }, info) => {
  const id = await importTestCoe({ title: ORIGINAL, timeline: [{ at: "2026-03-02T08:00:00Z", kind: "impact_start", text: "Errors began" }] });
  await signInAs(context, "author", baseURL!);
  await saveTitle(page, id, "Queue backlog delayed emails by 2 hours");
  // Rewrite the first version's stored snapshot as the system wrote it before the range existed.
  const [{ getDb, withTransaction }, { revisions }, { eq, and }] = await Promise.all([
    import("../../db/client"),
    import("../../db/schema"),
    import("drizzle-orm"),
  ]);
  const [first] = await getDb()
    .select()
    .from(revisions)
    .where(and(eq(revisions.coeId, id), eq(revisions.coeVersion, 1)));
  const snapshot = first!.snapshot as { timeline: unknown[] };
  const older = { ...snapshot, timeline: [...snapshot.timeline, { at: "9999-01-01T00:00:00Z", kind: "resolved", text: "Resolved (a typo)" }] };
  await withTransaction(getDb(), (tx) => tx.update(revisions).set({ snapshot: older }).where(eq(revisions.id, first!.id)));

  await page.goto(`/coes/${id}/history?from-version=1&to-version=2`);
  await hydrated(page);
  await expect(page.locator(".diff")).toContainText("9999-01-01");
  await page.locator("table.history-table tbody tr").nth(1).getByRole("button", { name: "Restore this version (version 1)" }).click();
  const notice = page.getByRole("status").filter({ hasText: "outside the plausible range" });
  await expect(notice).toContainText("Restored. One date is outside the plausible range and was kept as written");
  await expect(notice.getByRole("listitem")).toHaveText([
    /^Timeline entry “Resolved: Resolved \(a typo\)”: time: 9999-01-01T00:00:00Z \(must be between 2000-01-01 and \d{4}-\d{2}-\d{2}\)$/,
  ]);
  // Each kept date links to its section of the edit page.
  await expect(notice.getByRole("link", { name: /^Timeline entry/ })).toHaveAttribute("href", `/coes/${id}/edit#timeline`);
  await expect(page.locator("table.history-table tbody tr")).toHaveCount(3);
  // The notice takes focus, so it is in view although the button was far below it.
  await expect(notice).toBeFocused();
  await expect(notice).toBeInViewport();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: info.outputPath("kept-dates-notice.png") });
});
