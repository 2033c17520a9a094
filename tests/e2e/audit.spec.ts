import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, signInAs, watchErrors } from "./support";

/** 60 refusals on one COE (different clients, so none fold): with the real one below, more than a page of 50. */
async function arrangeEvents(coeId: number) {
  const [{ getDb }, { recordRefusal }] = await Promise.all([import("../../db/client"), import("../../app/data/audit.server")]);
  for (let i = 0; i < 60; i++)
    await recordRefusal(getDb(), { actorId: null, clientAddress: `198.51.100.${i}`, action: "POST /coes/:id/edit", status: i % 2 ? 403 : 409, coeId });
}

// axe over a page of 50 rows, several times per test, is slow on a busy CI machine.
const AXE_HEAVY_TIMEOUT = 90_000;

async function noSidewaysScroll(page: Page) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll, "the page scrolls sideways").toBeLessThanOrEqual(client);
}

test("an admin filters the audit log by outcome and COE and pages through it, by keyboard too; axe clean", async ({ page, context, baseURL }) => {
  test.setTimeout(AXE_HEAVY_TIMEOUT);
  const errors = watchErrors(page);
  const coeId = await importTestCoe({ title: "Paging through refusals" });
  await arrangeEvents(coeId);

  // A real refusal: a member's edit of that COE.
  await signInAs(context, "member", baseURL!);
  const refused = await page.request.post(`/coes/${coeId}/edit`, {
    headers: { Origin: baseURL! },
    form: { intent: "header", baseVersion: "0", title: "hijacked" },
  });
  expect(refused.status()).toBe(403);
  await context.clearCookies();

  await signInAs(context, "admin", baseURL!);
  await page.goto("/coes");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await hydrated(page);
  await expectNoAxeViolations(page);

  await page.getByLabel("Outcome").selectOption("refused");
  await page.getByLabel("COE number").fill(String(coeId));
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]coe=${coeId}(&|$)`));
  await expect(page).toHaveURL(/[?&]outcome=refused(&|$)/);
  const rows = page.locator("table.audit-table tbody tr");
  await expect(rows).toHaveCount(50);
  expect(new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-outcome"))))).toEqual(new Set(["refused"]));
  // Newest first: the member's refusal, by name, with the COE linked.
  await expect(rows.first()).toContainText("Morgan Member");
  await expect(rows.first()).toContainText("POST /coes/:id/edit refused");
  await expect(rows.first().getByRole("link", { name: new RegExp(`#${coeId} Paging through refusals`) })).toBeVisible();
  await expectNoAxeViolations(page);

  // The next page keeps the filters; by keyboard.
  const older = page.getByRole("link", { name: "Older events" });
  await older.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]before=\d+/);
  await expect(page).toHaveURL(new RegExp(`[?&]coe=${coeId}&outcome=refused&before=`));
  await expect(rows).toHaveCount(11);
  await expect(page.getByRole("link", { name: "Older events" })).toHaveCount(0);
  await page.getByRole("link", { name: "Newest events" }).click();
  await expect(page).not.toHaveURL(/before=/);
  await expect(rows).toHaveCount(50);

  // The filters by keyboard: the COE field, Enter submits.
  await page.getByLabel("COE number").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("999999");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/coe=999999/);
  await expect(page.getByText("No events match these filters.")).toBeVisible();
  expect(await errors()).toEqual([]);
});

test("the audit log: field-level messages for bad filters; at 390 px the table stacks without sideways scroll; axe clean", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(AXE_HEAVY_TIMEOUT);
  const errors = watchErrors(page);
  const coeId = await importTestCoe({ title: "Narrow audit log" });
  await arrangeEvents(coeId);
  await signInAs(context, "admin", baseURL!);
  const rows = page.locator("table.audit-table tbody tr");

  // Bad values: field-level messages, no 500.
  const bad = await page.goto("/admin/audit?coe=12abc&from=2025-02-30");
  expect(bad?.status()).toBe(400);
  await expect(page.getByText("Enter a COE number, such as 12")).toBeVisible();
  await expect(page.getByText("“2025-02-30” is not a date")).toBeVisible();
  await expect(page.getByLabel("COE number")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);

  // 390 px wide: the table stacks, nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/admin/audit?outcome=refused&coe=${coeId}`);
  await expect(rows).toHaveCount(50);
  await expect(page.locator("table.audit-table thead")).toBeHidden();
  await noSidewaysScroll(page);
  await expectNoAxeViolations(page);
  expect(await errors()).toEqual([]);
});

test("the filter form works without JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await signInAs(context, "admin", baseURL!);
  const page = await context.newPage();
  await page.goto("/admin/audit");
  await page.getByLabel("What").selectOption({ label: "Created the COE" });
  await page.getByLabel("Outcome").selectOption("done");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/what=coe\.import/);
  const whats = await page.locator("table.audit-table tbody td.audit-what").allTextContents();
  expect(whats.length).toBeGreaterThan(0);
  expect(new Set(whats)).toEqual(new Set(["Created the COE"]));
  await context.close();
});

test("others get the 403 page, and no Audit log link", async ({ page, context, baseURL }) => {
  await signInAs(context, "reviewer", baseURL!);
  await page.goto("/coes");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "COEs", exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log", exact: true })).toHaveCount(0);
  const res = await page.goto("/admin/audit");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You may not do that");
});
