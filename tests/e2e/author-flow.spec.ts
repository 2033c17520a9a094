import { expect, test } from "@playwright/test";
import { addTimelineEntry, createCoe, expectNoAxeViolations, hydrated, signInAs, watchErrors, autosaved, BOTH_ENGINES } from "./support";

test.beforeEach(async ({ context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
});

test("an author creates a COE, builds its timeline, sees TTD/TTM, adds an action item", BOTH_ENGINES, async ({ page }, info) => {
  const errors = watchErrors(page);
  const id = await createCoe(page, "3% of API calls failed for 45 minutes");
  await hydrated(page);
  await expectNoAxeViolations(page);

  await addTimelineEntry(page, "2019-07-02T13:42:00", "impact_start", "Config push began; errors rose to 3%");
  await addTimelineEntry(page, "2019-07-02T13:50:00", "detected", "5xx alarm fired");
  await addTimelineEntry(page, "2019-07-02T14:27:00", "mitigated", "Rolled back the config push");
  const metrics = page.getByLabel("Incident metrics");
  await expect(metrics.locator('[data-metric="timeToDetect"] dd')).toHaveText("8 min");
  await expect(metrics.locator('[data-metric="timeToMitigate"] dd')).toHaveText("45 min");
  await expect(metrics.locator('[data-metric="timeToEngage"] dd')).toContainText("needs an “Engaged” entry");

  // A bad entry gets a field-level error and keeps what was typed.
  const add = page.getByRole("form", { name: "Add timeline entry" });
  await add.getByLabel("What happened").fill("Entry without a time");
  await add.getByRole("button", { name: "Add entry" }).click();
  await expect(add.getByText("Time is required")).toBeVisible();
  await expect(add.getByLabel("What happened")).toHaveValue("Entry without a time");

  const item = page.getByRole("form", { name: "Add action item" });
  await item.getByLabel("Title").fill("Canary every config change in one region first");
  await item.getByLabel("Horizon").selectOption("mid");
  await item.getByLabel("Owner").selectOption({ index: 1 });
  await item.getByLabel("Promised date").fill("2026-12-15");
  await item.getByRole("button", { name: "Add action item" }).click();
  await expect(page.locator("table.action-items")).toContainText("Canary every config change in one region first");
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "View" }).click();
  await expect(page).toHaveURL(new RegExp(`/coes/${id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("3% of API calls failed for 45 minutes");
  await expect(page.locator('[data-metric="timeToDetect"] dd')).toHaveText("8 min");
  await expect(page.locator("table.action-items")).toContainText("2026-12-15");
  await expectNoAxeViolations(page);
  await page.screenshot({ path: info.outputPath("reading.png"), fullPage: true });

  // The data survives a reload (it is on the server, not in the page).
  await page.reload();
  await expect(page.locator("table.timeline tbody tr")).toHaveCount(3);
  expect(await errors()).toEqual([]);
});

test("a stale save answers 409: the author keeps their text and sees the current version", BOTH_ENGINES, async ({ page, context }, info) => {
  const id = await createCoe(page, "Queue backlog delayed emails");
  const other = await context.newPage();
  await other.goto(`/coes/${id}/edit`);
  await hydrated(page);
  await hydrated(other);

  const theirHeader = other.getByRole("form", { name: "Header" });
  await theirHeader.getByLabel("Title").fill("Queue backlog delayed emails by 2 hours");
  await autosaved(theirHeader);
  await expect(other.getByText("version 2")).toBeVisible();

  const header = page.getByRole("form", { name: "Header" });
  await header.getByLabel("Title").fill("My title typed on a stale page");
  // Its autosave meets the other save: both changed the title, so the author is asked (and nothing is saved until then).
  await header.getByLabel("Title").blur();
  await expect(header.getByRole("alert")).toContainText("Someone else saved a change to this part first");
  await expect(header.getByRole("alert")).toContainText("Both of you changed Title: choose below which to keep.");
  await expect(header.getByRole("textbox", { name: "Title", exact: true })).toHaveValue("My title typed on a stale page");
  await expect(page.getByText("version 2")).toBeVisible(); // the page now shows the current COE
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Queue backlog delayed emails by 2 hours");

  // Keeping yours applies the kept text on top of the current version (the choice itself saves).
  await expectNoAxeViolations(page);
  await header.screenshot({ path: info.outputPath("conflict.png") });
  await header
    .getByRole("group", { name: "Title: both of you changed it" })
    .getByLabel(/Keep yours/)
    .check();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My title typed on a stale page");
  await expect(header.getByRole("alert")).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("forms still create a COE and add a timeline entry", BOTH_ENGINES, async ({ page }) => {
    await createCoe(page, "No-JS: DNS resolution failures");
    await addTimelineEntry(page, "2020-01-01T10:00:00", "impact_start", "Resolvers began timing out");
    await addTimelineEntry(page, "2020-01-01T10:03:00", "detected", "Synthetic check failed");
    await expect(page.locator('[data-metric="timeToDetect"] dd')).toHaveText("3 min");
  });
});
