import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, signInAs, watchErrors } from "./support";

const ORIGINAL = "Queue backlog delayed emails";

async function saveTitle(page: Page, coeId: number, title: string) {
  await page.goto(`/coes/${coeId}/edit`);
  await hydrated(page);
  const header = page.getByRole("form", { name: "Header" });
  await header.getByLabel("Title").fill(title);
  await header.getByRole("button", { name: "Save header" }).click();
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
  await rows.nth(1).getByRole("button", { name: /Restore this version/ }).click();
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
