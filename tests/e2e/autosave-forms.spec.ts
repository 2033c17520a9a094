import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, openEditPageAs, watchErrors, BOTH_ENGINES } from "./support";

/*
 * One saving model on the edit page (issue 9 §3): forms that edit something existing save as
 * they change, with the rich-text editors' status line; without JavaScript their button posts.
 */

test.describe.configure({ timeout: 90_000 });

const form = (page: Page, name: string) => page.getByRole("form", { name });
const status = (page: Page, formId: string) => page.getByTestId(`save-status-form-${formId}`);

/** Counts the edit page's form posts, to prove which saves happened (and that no Save button was pressed). */
function countPosts(page: Page) {
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.postData() ?? "");
  });
  return posts;
}

/** The status of every answer to a post. */
function answerStatuses(page: Page) {
  const statuses: number[] = [];
  page.on("response", (r) => {
    if (r.request().method() === "POST") statuses.push(r.status());
  });
  return statuses;
}

test("header, close-out and a timeline row save as they change: no Save button, there after reload", BOTH_ENGINES, async ({ browser, baseURL }, info) => {
  const coeId = await importTestCoe({ title: "Disk full", severity: 3, timeline: [{ at: "2024-07-02T13:42:00Z", kind: "detected", text: "Alarm fired" }] });
  const { context, page } = await openEditPageAs(browser, baseURL!, "author", coeId);
  const errors = watchErrors(page);
  const posts = countPosts(page);
  const statuses = answerStatuses(page);
  const header = form(page, "Header");
  await expect(header.getByRole("button", { name: "Save header" })).toBeHidden();
  await expect(status(page, "header")).toHaveText("All changes saved");

  await header.getByLabel("Title").fill("Disks full on three storage nodes");
  await header.getByLabel("Severity").selectOption({ label: "Sev 1 (worst)" });
  await expect(status(page, "header")).toHaveText(/^Saved \d\d:\d\d/);
  // Typing more while saved: one more save, carrying the version the last one returned (no 409).
  await header.getByLabel("Event").fill("Storage outage");
  await header.getByLabel("Event").blur();
  await expect(status(page, "header")).toHaveText(/^Saved \d\d:\d\d/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Disks full on three storage nodes");

  const closeout = form(page, "Close-out checklist");
  await expect(closeout.getByRole("button", { name: "Save checklist" })).toBeHidden();
  await closeout.getByLabel("Data and logs preserved").check();
  await expect(status(page, "closeout")).toHaveText(/^Saved \d\d:\d\d/);

  await page.locator('summary[aria-label="Edit entry: Alarm fired"]').click();
  const entry = form(page, "Edit timeline entry");
  await expect(entry.getByRole("button", { name: "Save entry" })).toBeHidden();
  await entry.getByLabel("What happened").fill("Disk-usage alarm fired on storage-3");
  await expect(page.getByTestId(/^save-status-form-timeline-/)).toHaveText(/^Saved \d\d:\d\d/);

  // Every save went in the background, each based on the version the previous one returned: never a 409 against our own save.
  expect(posts.length).toBeGreaterThanOrEqual(4);
  expect(posts.every((p) => p.includes("via=script") || p.includes('name="via"'))).toBe(true);
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
  await header.scrollIntoViewIfNeeded();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: info.outputPath("header-saved.png") });
  await page.reload();
  await hydrated(page);
  await expect(header.getByLabel("Title")).toHaveValue("Disks full on three storage nodes");
  await expect(header.getByLabel("Severity")).toHaveValue("1");
  await expect(header.getByLabel("Event")).toHaveValue("Storage outage");
  await expect(closeout.getByLabel("Data and logs preserved")).toBeChecked();
  await expect(page.getByRole("table").first()).toContainText("Disk-usage alarm fired on storage-3");
  expect(await errors()).toEqual([]);
  await context.close();
});

test("two people autosave different header fields: both changes survive", BOTH_ENGINES, async ({ browser, baseURL }) => {
  const coeId = await importTestCoe({ title: "Disk full", severity: 3 });
  const a = await openEditPageAs(browser, baseURL!, "author", coeId);
  const b = await openEditPageAs(browser, baseURL!, "admin", coeId);

  await form(a.page, "Header").getByLabel("Title").fill("Disks full on three storage nodes");
  await form(a.page, "Header").getByLabel("Title").blur();
  await expect(status(a.page, "header")).toHaveText(/^Saved/);

  // B's page still holds the old title: its save of the event meets A's version, merges and saves both.
  await form(b.page, "Header").getByLabel("Event").fill("Storage outage of 2 July");
  await form(b.page, "Header").getByLabel("Event").blur();
  await expect(status(b.page, "header")).toHaveText(/^Saved \d\d:\d\d.* with someone else’s change to Title$/);
  await expect(form(b.page, "Header").getByLabel("Title")).toHaveValue("Disks full on three storage nodes");

  await a.page.reload();
  await expect(form(a.page, "Header").getByLabel("Title")).toHaveValue("Disks full on three storage nodes");
  await expect(form(a.page, "Header").getByLabel("Event")).toHaveValue("Storage outage of 2 July");
  await a.context.close();
  await b.context.close();
});

test("a field both changed pauses autosave until the author chooses", BOTH_ENGINES, async ({ browser, baseURL }) => {
  const coeId = await importTestCoe({ title: "Disk full", severity: 3, tags: ["disk"] });
  const a = await openEditPageAs(browser, baseURL!, "author", coeId);
  const b = await openEditPageAs(browser, baseURL!, "admin", coeId);
  await form(a.page, "Header").getByLabel("Tags").fill("disk, capacity");
  await form(a.page, "Header").getByLabel("Tags").blur();
  await expect(status(a.page, "header")).toHaveText(/^Saved/);

  const posts = countPosts(b.page);
  await form(b.page, "Header").getByLabel("Tags").fill("disk, logs");
  await form(b.page, "Header").getByLabel("Tags").blur();
  await expect(status(b.page, "header")).toHaveText("Not saved — both of you changed Tags: choose above which to keep");
  const choice = form(b.page, "Header").getByRole("group", { name: "Tags: both of you changed it" });
  await expect(choice.getByLabel(/Take theirs/)).toHaveAccessibleName(/disk, capacity/);
  // Typing elsewhere meanwhile sends nothing.
  const sent = posts.length;
  await form(b.page, "Header").getByLabel("Event").fill("Storage outage");
  await form(b.page, "Header").getByLabel("Event").blur();
  await b.page.waitForTimeout(1500);
  expect(posts.length).toBe(sent);

  await choice.getByLabel(/Keep yours/).check();
  await expect(status(b.page, "header")).toHaveText(/^Saved/);
  await expect(form(b.page, "Header").getByRole("group", { name: /both of you changed it/ })).toHaveCount(0);
  await b.page.reload();
  await expect(form(b.page, "Header").getByLabel("Tags")).toHaveValue("disk, logs");
  await expect(form(b.page, "Header").getByLabel("Event")).toHaveValue("Storage outage");
  await a.context.close();
  await b.context.close();
});

test("a refused value shows its field error once and is not retried in a loop", BOTH_ENGINES, async ({ browser, baseURL }) => {
  const coeId = await importTestCoe({ title: "Disk full", severity: 3 });
  const { context, page } = await openEditPageAs(browser, baseURL!, "author", coeId);
  const posts = countPosts(page);
  const header = form(page, "Header");
  await header.getByLabel("Title").fill("");
  await header.getByLabel("Title").blur();
  await expect(status(page, "header")).toHaveText(/^Not saved — Title: /);
  await expect(header.getByLabel("Title")).toHaveAccessibleDescription(/./);
  await page.waitForTimeout(2000);
  expect(posts.length).toBe(1);
  await header.getByLabel("Title").fill("Disk full, again");
  await expect(status(page, "header")).toHaveText(/^Saved/);
  await context.close();
});

test("nothing typed is lost by leaving: a link out saves as focus leaves; a reload first warns, then sends what is pending", async ({ browser, baseURL }) => {
  const coeId = await importTestCoe({ title: "Disk full", severity: 3 });
  const { context, page } = await openEditPageAs(browser, baseURL!, "author", coeId);
  const header = form(page, "Header");
  await header.getByLabel("Title").fill("Typed, then straight to the reading view");
  await page.getByRole("link", { name: "View" }).click();
  await expect(page).toHaveURL(new RegExp(`/coes/${coeId}$`));
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Typed, then straight to the reading view", { timeout: 1000 });
  }).toPass({ timeout: 10_000 });

  await page.goto(`/coes/${coeId}/edit`);
  await hydrated(page);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.type());
    void d.accept();
  });
  await header.getByLabel("Event").fill("Typed, then reloaded at once");
  await page.reload();
  expect(dialogs).toEqual(["beforeunload"]);
  await expect(async () => {
    await page.reload();
    await expect(header.getByLabel("Event")).toHaveValue("Typed, then reloaded at once", { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await context.close();
});

test("offline: the form says so, keeps what was typed, and saves when the network is back", async ({ browser, baseURL }) => {
  const coeId = await importTestCoe({ title: "Disk full", severity: 3 });
  const { context, page } = await openEditPageAs(browser, baseURL!, "author", coeId);
  const header = form(page, "Header");
  await context.setOffline(true);
  await header.getByLabel("Tags").fill("disk, offline");
  await header.getByLabel("Tags").blur();
  await expect(status(page, "header")).toHaveText(/^Not saved — offline; .* · Retry$/);
  await context.setOffline(false);
  await expect(status(page, "header")).toHaveText(/^Saved/);
  await page.reload();
  await expect(header.getByLabel("Tags")).toHaveValue("disk, offline");
  await context.close();
});

test("without JavaScript the forms keep their Save buttons, and they work", BOTH_ENGINES, async ({ browser, baseURL }) => {
  const coeId = await importTestCoe({ title: "Disk full", severity: 3 });
  const { context, page } = await openEditPageAs(browser, baseURL!, "author", coeId, false);
  const header = form(page, "Header");
  await expect(status(page, "header")).toHaveCount(0);
  await header.getByLabel("Title").fill("Disks full, no script");
  await header.getByRole("button", { name: "Save header" }).click();
  await page.waitForURL(/#header$/);
  await expect(header.getByLabel("Title")).toHaveValue("Disks full, no script");
  await form(page, "Close-out checklist").getByLabel("Follow-up COEs assigned").check();
  await form(page, "Close-out checklist").getByRole("button", { name: "Save checklist" }).click();
  await page.waitForURL(/#closeout$/);
  await expect(form(page, "Close-out checklist").getByLabel("Follow-up COEs assigned")).toBeChecked();
  await context.close();
});
