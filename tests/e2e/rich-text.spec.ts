import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import {
  collectScripts,
  DEMO,
  DEMO_PASSWORD,
  editor,
  expectNoAxeViolations,
  hydrated,
  importTestCoe,
  saveStatus,
  signInAs,
  typeInto,
  watchErrors,
  BOTH_ENGINES,
} from "./support";

async function openEditor(page: Page, coeId: number) {
  await page.goto(`/coes/${coeId}/edit`);
  await hydrated(page);
  await expect(editor(page)).toHaveAttribute("contenteditable", "true");
}

/** The impact summary's text as stored on the server (the reading view's HTML). */
async function storedSummary(page: Page, coeId: number) {
  const res = await page.request.get(`/coes/${coeId}`);
  return await res.text();
}

test.beforeEach(async ({ context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
});

test("typing autosaves with a visible state, survives reload, and the reading view shows it", BOTH_ENGINES, async ({ page }) => {
  const errors = watchErrors(page);
  const id = await importTestCoe({ title: "Autosave" });
  await openEditor(page, id);
  await expect(editor(page)).toHaveAttribute("aria-label", "Impact summary");
  await typeInto(page, "Between 10:00 and 10:45 UTC, 3% of API calls failed.");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+b");
  await page.keyboard.type("About 1,200 customers");
  await page.keyboard.press("Control+b");
  await page.keyboard.type(" saw errors.");
  await expect(saveStatus(page)).toHaveText(/Saving…|Unsaved changes|Saved/);
  await expect(saveStatus(page)).toHaveText(/^Saved \d{1,2}:\d{2}/);
  await expectNoAxeViolations(page);

  await page.reload();
  await hydrated(page);
  await expect(editor(page)).toContainText("About 1,200 customers saw errors.");
  const html = await storedSummary(page, id);
  expect(html).toContain("<p>Between 10:00 and 10:45 UTC, 3% of API calls failed.</p>");
  expect(html).toContain("<strong>About 1,200 customers</strong>");
  expect(await errors()).toEqual([]);
});

test("text typed just before a reload is kept on the device and saved after it", async ({ page }) => {
  const id = await importTestCoe({ title: "Crash recovery" });
  await openEditor(page, id);
  // Block saves so the text exists only in the browser, then "crash" by reloading.
  await page.route(`**/coes/${id}/sections/**`, (route) => route.abort());
  await typeInto(page, "Written just before the tab crashed.");
  await expect(saveStatus(page)).toHaveText("Offline — kept on this device");
  await page.unroute(`**/coes/${id}/sections/**`);
  await page.reload();
  await hydrated(page);
  await expect(editor(page)).toContainText("Written just before the tab crashed.");
  await expect(saveStatus(page)).toHaveText(/^Saved/);
  expect(await storedSummary(page, id)).toContain("Written just before the tab crashed.");
});

test("offline: kept on this device, then saved when the network is back", async ({ page, context }) => {
  const id = await importTestCoe({ title: "Offline" });
  await openEditor(page, id);
  await context.setOffline(true);
  await typeInto(page, "Typed while offline.");
  await expect(saveStatus(page)).toHaveText("Offline — kept on this device");
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(saveStatus(page)).toHaveText(/^Saved/);
  expect(await storedSummary(page, id)).toContain("Typed while offline.");
});

test("a conflict from a second browser shows both versions; keeping mine leaves both in the history", BOTH_ENGINES, async ({ page, browser, baseURL }) => {
  const id = await importTestCoe({ title: "Conflict", impactSummary: "The original summary." });
  const other = await browser.newContext();
  await signInAs(other, "admin", baseURL!);
  const theirs = await other.newPage();
  await Promise.all([openEditor(page, id), openEditor(theirs, id)]);

  await typeInto(theirs, " Their addition.");
  await expect(saveStatus(theirs)).toHaveText(/^Saved/);

  await typeInto(page, " My addition.");
  const conflict = page.getByRole("alert").filter({ hasText: "Someone else saved this section" });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole("region", { name: "Your version" })).toContainText("My addition.");
  await expect(conflict.getByRole("region", { name: "Their version" })).toContainText("Their addition.");
  await expect(saveStatus(page)).toHaveText("Conflict");
  await expectNoAxeViolations(page);
  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await expect(saveStatus(page)).toHaveText(/^Saved/);
  expect(await storedSummary(page, id)).toContain("My addition.");

  const [{ getDb }, { revisions }] = await Promise.all([import("../../db/client"), import("../../db/schema")]);
  const snapshots = (await getDb().select({ snapshot: revisions.snapshot }).from(revisions).where(eq(revisions.coeId, id))).map((r) =>
    JSON.stringify(r.snapshot),
  );
  expect(snapshots.some((s) => s.includes("Their addition."))).toBe(true);
  expect(snapshots.some((s) => s.includes("My addition."))).toBe(true);
  await other.close();
});

test("merge by hand: nothing is saved, not even after a reload, until the author says it is done", async ({ page, browser, baseURL }) => {
  const MARKER = "──── Their version (merge by hand, then delete this line) ────";
  test.setTimeout(90_000); // two autosave pauses are waited out on purpose
  const id = await importTestCoe({ title: "Merge", impactSummary: "Base." });
  const other = await browser.newContext();
  await signInAs(other, "admin", baseURL!);
  const theirs = await other.newPage();
  await Promise.all([openEditor(page, id), openEditor(theirs, id)]);
  await typeInto(theirs, " Theirs.");
  await expect(saveStatus(theirs)).toHaveText(/^Saved/);
  await typeInto(page, " Mine.");
  await page.getByRole("button", { name: "Merge by hand" }).click();
  await expect(editor(page)).toContainText("Base. Mine.");
  await expect(editor(page)).toContainText(MARKER);
  await expect(editor(page)).toContainText("Base. Theirs.");
  await expect(saveStatus(page)).toContainText("Merging by hand — not saved");

  const [{ getDb }, { revisions }] = await Promise.all([import("../../db/client"), import("../../db/schema")]);
  const everStored = async () => {
    const snapshots = (await getDb().select({ snapshot: revisions.snapshot }).from(revisions).where(eq(revisions.coeId, id))).map((r) =>
      JSON.stringify(r.snapshot),
    );
    return [await storedSummary(page, id), ...snapshots].join("\n");
  };
  // Typing, leaving the field and waiting past the autosave pause send nothing.
  await typeInto(page, " More.");
  await page.getByRole("heading", { level: 1 }).click();
  await page.waitForTimeout(2500);
  expect(await everStored()).not.toContain("merge by hand");

  // A reload brings the merge back from this device, still unsaved.
  await page.reload();
  await hydrated(page);
  await expect(editor(page)).toContainText(MARKER);
  await expect(saveStatus(page)).toContainText("Merging by hand — not saved");
  await page.waitForTimeout(2500);
  expect(await everStored()).not.toContain("merge by hand");

  // "Done" with the marker line still there is refused, and says why.
  await page.getByRole("button", { name: "Done merging" }).click();
  await expect(saveStatus(page)).toContainText("delete that line first");
  expect(await everStored()).not.toContain("merge by hand");
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "test-results/merging.png" });

  // The author deletes the marker line and says the merge is done: the merged text is saved.
  await editor(page).getByText(MARKER).click({ clickCount: 3 });
  await page.keyboard.press("Backspace");
  await page.getByRole("button", { name: "Done merging" }).click();
  await expect(saveStatus(page)).toHaveText(/^Saved/);
  const stored = await storedSummary(page, id);
  expect(stored).toContain("Base. Mine.");
  expect(stored).toContain("Base. Theirs. More.");
  expect(await everStored()).not.toContain("merge by hand");
  await other.close();
});

test("when the session expires mid-edit, signing in again returns to the editor with the text intact", async ({ page }) => {
  const id = await importTestCoe({ title: "Session expiry" });
  await openEditor(page, id);
  const [{ getDb, withTransaction }, { sessions, users }] = await Promise.all([import("../../db/client"), import("../../db/schema")]);
  const [author] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, DEMO.author));
  await withTransaction(getDb(), (tx) => tx.delete(sessions).where(eq(sessions.userId, author!.id)));

  await typeInto(page, "Written after my session ended.");
  await expect(saveStatus(page)).toContainText("Signed out — kept on this device.");
  await saveStatus(page).getByRole("link", { name: "Sign in again" }).click();
  await page.getByLabel("Email").fill(DEMO.author);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/coes/${id}/edit`));
  await hydrated(page);
  await expect(editor(page)).toContainText("Written after my session ended.");
  await expect(saveStatus(page)).toHaveText(/^Saved/);
  expect(await storedSummary(page, id)).toContain("Written after my session ended.");
});

test("signing out clears text kept on this device", async ({ page }) => {
  const id = await importTestCoe({ title: "Sign-out clears drafts" });
  await openEditor(page, id);
  await page.route(`**/coes/${id}/sections/**`, (route) => route.abort());
  await typeInto(page, "Private draft.");
  await expect(saveStatus(page)).toHaveText("Offline — kept on this device");
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("coe-draft:")).length)).toBe(1);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("coe-draft:")).length)).toBe(0);
});

test("the reading view ships no editor code; the edit page loads it lazily", async ({ page }) => {
  const id = await importTestCoe({ title: "Bundles", impactSummary: "Some text." });
  const scripts = collectScripts(page);
  await page.goto(`/coes/${id}`);
  await hydrated(page);
  expect((await scripts.read()).some((s) => s.includes("ProseMirror"))).toBe(false);
  scripts.reset();
  await openEditor(page, id);
  expect((await scripts.read()).some((s) => s.includes("ProseMirror"))).toBe(true);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the section is a textarea that saves plain paragraphs", BOTH_ENGINES, async ({ page }) => {
    const id = await importTestCoe({ title: "No-JS narrative" });
    await page.goto(`/coes/${id}/edit`);
    const form = page.getByRole("form", { name: "Impact summary" });
    await form.getByLabel("Impact summary").fill("First paragraph.\n\nSecond <b>paragraph</b>.");
    await form.getByRole("button", { name: "Save impact summary" }).click();
    await expect(page.getByRole("form", { name: "Impact summary" }).getByLabel("Impact summary")).toHaveValue("First paragraph.\n\nSecond <b>paragraph</b>.");
    const html = await storedSummary(page, id);
    expect(html).toContain("<p>First paragraph.</p><p>Second &lt;b&gt;paragraph&lt;/b&gt;.</p>");
  });
});

test("answers to different detection questions save independently, without a false conflict", BOTH_ENGINES, async ({ page }) => {
  const id = await importTestCoe({ title: "Detection answers", detection: { fastEnough: "Not yet known." } });
  await openEditor(page, id);
  await typeInto(page, " The alarm fired 17 minutes after impact began.", "detection-fast-enough");
  await expect(saveStatus(page, "detection-fast-enough")).toHaveText(/^Saved/);
  // The second answer was loaded at the section version the first save has since moved on from.
  await typeInto(page, "Only component health was on the dashboard.", "detection-metrics");
  await expect(saveStatus(page, "detection-metrics")).toHaveText(/^Saved/);
  await expect(page.getByText("Someone else saved this section")).toHaveCount(0);
  await page.goto(`/coes/${id}`);
  await expect(page.locator("section:has(#detection)")).toContainText("Not yet known. The alarm fired 17 minutes after impact began.");
  await expect(page.locator("section:has(#detection)")).toContainText("Only component health was on the dashboard.");
});

test("a table is inserted from the toolbar, filled by keyboard, saved and shown in the reading view", async ({ page }) => {
  const id = await importTestCoe({ title: "Table" });
  await openEditor(page, id);
  const section = page.locator("section:has(#impact-summary)");
  await editor(page).click();
  await section.getByRole("button", { name: "Insert table" }).click();
  // The cursor is in the first of three header cells; Tab moves to the next cell.
  for (const cell of ["Region", "Errors", "Spare", "eu-west-1", "3%"]) {
    await page.keyboard.type(cell);
    await page.keyboard.press("Tab");
  }
  await expect(section.getByRole("group", { name: "Table" })).toBeVisible();
  // The cursor is now in the third column: delete it.
  await section.getByRole("button", { name: "Delete column" }).click();
  await expect(saveStatus(page)).toHaveText(/^Saved/);
  await expectNoAxeViolations(page);

  const html = await storedSummary(page, id);
  expect(html).toMatch(/<table[^>]*>.*<th[^>]*><p>Region<\/p><\/th>/s);
  expect(html).toContain("<tr><td><p>eu-west-1</p></td><td><p>3%</p></td></tr>");
  expect(html).not.toContain("Spare");
  await page.goto(`/coes/${id}`);
  await expect(page.locator("section:has(#impact-summary) table th")).toHaveText(["Region", "Errors"]);
});

test("a short field shows its toolbar only while it has focus", async ({ page }) => {
  const id = await importTestCoe({ title: "Compact", detection: { fastEnough: "Yes." } });
  await openEditor(page, id);
  const question = page.locator(".detection-question").first();
  await expect(question.getByRole("toolbar", { name: "Formatting" })).toBeHidden();
  await editor(page, "detection-fast-enough").click();
  await expect(question.getByRole("toolbar", { name: "Formatting" })).toBeVisible();
  // Shift+Tab from the text reaches the toolbar, which stays while focus is inside the field.
  await page.keyboard.press("Shift+Tab");
  await expect(question.getByRole("toolbar", { name: "Formatting" })).toBeVisible();
});
