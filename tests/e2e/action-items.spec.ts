import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, openAs, signInAs, watchErrors, BOTH_ENGINES } from "./support";

/* Issue 12: after approval the owner moves their item, changes its promise with a reason (refused without one), cannot validate it themselves; a reviewer validates it only with a note. */

const TITLE = "Alarm on the customer-facing error rate";

test("an owner keeps an approved COE's item moving and a reviewer validates it with a note", BOTH_ENGINES, async ({ page, context, browser, baseURL }) => {
  const errors = watchErrors(page);
  const coeId = await importTestCoe({
    title: `Item journey ${Date.now()}`,
    status: "approved",
    actionItems: [
      { title: "Roll back faster", horizon: "short", owner: "member@example.com", promisedDate: "2026-11-01", status: "implemented" },
      { title: TITLE, horizon: "mid", owner: "member@example.com", promisedDate: "2027-01-20", customerFacing: true, scaling: "centralized_change" },
      { title: "A deploy safety mechanism", horizon: "long", owner: null, promisedDate: "2027-06-01" },
    ],
  });
  await signInAs(context, "member", baseURL!);
  await page.goto(`/coes/${coeId}`);
  await hydrated(page);
  const items = page.locator("#action-items").locator("..");
  await expect(page.getByRole("heading", { name: /^Mid-term/ })).toBeVisible();
  const row = page.locator("tr", { hasText: TITLE });
  await row.getByText("Update", { exact: true }).click();

  const status = row.getByRole("form", { name: `Status of ${TITLE}` });
  await status.getByLabel("Move to").selectOption({ label: "In progress" });
  await status.getByRole("button", { name: "Save status" }).click();
  await expect(status.locator(".item-outcome")).toHaveText("Status saved.");
  await expect(row.locator(".ai-in_progress")).toHaveText("In progress");

  const date = row.getByRole("form", { name: `Promised date of ${TITLE}` });
  await date.getByLabel("Promised date").fill("2027-02-03");
  await date.getByRole("button", { name: "Save date" }).click();
  await expect(date.getByText("Say why the promised date changes")).toBeVisible();
  await date.getByLabel("Why it changes").fill("The alarm needs the new metrics pipeline first");
  await date.getByRole("button", { name: "Save date" }).click();
  await expect(date.locator(".item-outcome")).toContainText("Promised date saved");
  await expect(row).toContainText("originally 2027-01-20");
  await row.getByText("Promise moved 1 time").click();
  await expect(row.locator(".date-history")).toContainText("The alarm needs the new metrics pipeline first");
  // The customer RCA lists the customer-facing mid-term item and says its date moved.
  await expect(page.locator("section[aria-labelledby=customer-rca] .customer-commitments")).toContainText(
    `${TITLE} — by 2027-02-03 Date moved once; first promised for 2027-01-20.`,
  );

  // The owner may not validate their own work (the default setting).
  const shortRow = page.locator("tr", { hasText: "Roll back faster" });
  await expect(shortRow.locator(".slip-late")).toBeVisible();
  await shortRow.getByText("Update", { exact: true }).click();
  const shortStatus = shortRow.getByRole("form", { name: "Status of Roll back faster" });
  await shortStatus.getByLabel("Move to").selectOption({ label: "Validated" });
  await shortStatus.getByLabel("Note").fill("I checked it myself");
  await shortStatus.getByRole("button", { name: "Save status" }).click();
  await expect(shortStatus.getByText("Someone other than the owner must validate")).toBeVisible();
  // Nobody but reviewers, admins and editors sees a reassign form; an unowned item offers this member nothing.
  await expect(page.locator("tr", { hasText: "A deploy safety mechanism" }).getByText("Update", { exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await items.screenshot({ path: "test-results/action-items-owner.png" });

  const { context: reviewerContext, page: reviewer, errors: reviewerErrors } = await openAs(browser, baseURL!, "reviewer", `/coes/${coeId}`);
  const toValidate = reviewer.locator("tr", { hasText: "Roll back faster" });
  await toValidate.getByText("Update", { exact: true }).click();
  const form = toValidate.getByRole("form", { name: "Status of Roll back faster" });
  await form.getByLabel("Move to").selectOption({ label: "Validated" });
  await form.getByRole("button", { name: "Save status" }).click();
  await expect(form.getByText("Say how you showed the same conditions no longer cause the failure")).toBeVisible();
  await form.getByLabel("Note").fill("Replayed the bad deploy in staging: rolled back in 3 minutes");
  await form.getByRole("button", { name: "Save status" }).click();
  await expect(toValidate.locator(".ai-validated")).toHaveText("Validated");
  await expect(toValidate).toContainText("Replayed the bad deploy in staging");
  await expect(toValidate.getByRole("form", { name: "Owner of Roll back faster" })).toBeVisible();
  await expectNoAxeViolations(reviewer);
  // Each update is kept: the COE's history lists them, newest first, with who made them.
  await reviewer.goto(`/coes/${coeId}/history`);
  const updates = reviewer.getByRole("region", { name: "Action item updates" }).locator("tbody tr");
  await expect(updates.first()).toContainText("Roll back faster");
  await expect(updates.first()).toContainText("Riley Reviewer");
  await expect(updates.filter({ hasText: TITLE })).toHaveCount(2);
  await expectNoAxeViolations(reviewer);
  expect(await errors()).toEqual([]);
  expect(await reviewerErrors()).toEqual([]);
  await reviewerContext.close();
});

test("My action items lists overdue items first and moves ticked items together", async ({ page, context, baseURL }) => {
  const errors = watchErrors(page);
  const stamp = Date.now();
  await importTestCoe({
    title: `Owned items ${stamp}`,
    status: "approved",
    actionItems: [
      { title: `Later fix ${stamp}`, horizon: "long", owner: "member@example.com", promisedDate: "2027-09-01" },
      { title: `Overdue fix ${stamp}`, horizon: "short", owner: "member@example.com", promisedDate: "2026-01-05" },
      { title: `Someone else's ${stamp}`, horizon: "mid", owner: "author@example.com", promisedDate: "2026-01-05" },
    ],
  });
  await signInAs(context, "member", baseURL!);
  await page.goto("/coes");
  await hydrated(page);
  await expect(page.getByRole("link", { name: /My action items \d+ due within a week or overdue/ })).toBeVisible();
  await page.getByRole("link", { name: /My action items/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My action items");
  await expect(page.getByRole("heading", { level: 2 }).first()).toContainText("Overdue");
  await expect(page.locator("#bucket-overdue").locator("..")).toContainText(`Overdue fix ${stamp}`);
  await expect(page.getByText(`Someone else's ${stamp}`)).toHaveCount(0);
  // Slip figures for the owner: the overdue item is already late against its original promise.
  const figures = page.getByRole("region", { name: "Slip figures of your items" });
  await expect(figures.getByText("Worst")).toBeVisible();
  await expect(figures).not.toContainText("Worst—");
  await expectNoAxeViolations(page);

  await page.getByLabel(`Select Overdue fix ${stamp}`).check();
  await page.getByLabel(`Select Later fix ${stamp}`).check();
  await page.getByLabel("To status").selectOption({ label: "In progress" });
  await page.getByRole("button", { name: "Move selected" }).click();
  await expect(page.getByRole("status").filter({ hasText: "moved" })).toContainText("2 items moved to In progress.");
  await expect(page.locator("tr", { hasText: `Overdue fix ${stamp}` }).locator(".ai-in_progress")).toBeVisible();
  await expect(page.locator("tr", { hasText: `Later fix ${stamp}` }).locator(".ai-in_progress")).toBeVisible();
  await page.screenshot({ path: "test-results/my-action-items.png", fullPage: true });
  expect(await errors()).toEqual([]);
});

test("without JavaScript, an owner opens an item's forms and moves it with a plain form", async ({ browser, baseURL }) => {
  const coeId = await importTestCoe({
    title: `No-script items ${Date.now()}`,
    status: "approved",
    actionItems: [{ title: "Rotate the logs", horizon: "short", owner: "member@example.com", promisedDate: "2026-12-01" }],
  });
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  await signInAs(context, "member", baseURL!);
  const page = await context.newPage();
  await page.goto(`/coes/${coeId}`);
  const row = page.locator("tr", { hasText: "Rotate the logs" });
  await row.getByText("Update", { exact: true }).click();
  await row.getByRole("link", { name: "Show the forms" }).click();
  const status = page.getByRole("form", { name: "Status of Rotate the logs" });
  await status.getByLabel("Move to").selectOption({ label: "In progress" });
  await status.getByRole("button", { name: "Save status" }).click();
  await expect(page.getByRole("form", { name: "Status of Rotate the logs" }).locator(".item-outcome")).toHaveText("Status saved.");
  await expect(page.locator("tr", { hasText: "Rotate the logs" }).locator(".ai-in_progress")).toBeVisible();
  await context.close();
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("an author adds an item of each horizon and is warned when a date does not fit it", async ({ page, context, baseURL }) => {
  const errors = watchErrors(page);
  const coeId = await importTestCoe({ title: `Horizons ${Date.now()}` });
  await signInAs(context, "author", baseURL!);
  await page.goto(`/coes/${coeId}/edit`);
  await hydrated(page);
  const add = page.getByRole("form", { name: "Add action item" });
  const advice = add.locator(".horizon-advice");
  for (const [title, horizon, days, warning] of [
    ["Pin the bad config version", "short", 30, /Short-term items stop the recurrence within days; this one is promised 30 days out/],
    ["Validate configs before rollout", "mid", 20, null],
    ["One staged rollout service for every team", "long", 3, /Long-term items are systemic changes; this one is promised within 3 days/],
  ] as const) {
    await add.getByLabel("Title").fill(title);
    await add.getByLabel("Horizon").selectOption(horizon);
    await add.getByLabel("Promised date").fill(inDays(days));
    // Advice, never a refusal: the item is added either way.
    if (warning) await expect(advice).toHaveText(warning);
    else await expect(advice).toHaveText("");
    if (warning) await expectNoAxeViolations(page);
    await add.getByRole("button", { name: "Add action item" }).click();
    await expect(page.locator("tr", { hasText: title })).toBeVisible();
    await expect(add.getByLabel("Title")).toHaveValue("");
  }
  await page.goto(`/coes/${coeId}`);
  for (const [heading, title] of [
    [/^Short-term/, "Pin the bad config version"],
    [/^Mid-term/, "Validate configs before rollout"],
    [/^Long-term/, "One staged rollout service for every team"],
  ] as const) {
    const group = page.getByRole("heading", { name: heading });
    await expect(group).toBeVisible();
    await expect(page.locator("tr", { hasText: title })).toBeVisible();
  }
  expect(await errors()).toEqual([]);
});
