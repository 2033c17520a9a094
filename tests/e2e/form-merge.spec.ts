import { expect, test, type Page } from "@playwright/test";
import { autosaved, expectNoAxeViolations, hydrated, importTestCoe, openEditPageAs, watchErrors, BOTH_ENGINES } from "./support";

/*
 * Two people edit one header at the same time, each in their own browser context (issue 9 §1).
 * A is the author; B is the admin (admins may edit any COE).
 */

// Two browsers, axe and a reload on a 2-core machine shared with other work.
test.describe.configure({ timeout: 90_000 });

const header = (page: Page) => page.getByRole("form", { name: "Header" });
const status = (page: Page) => page.getByTestId("save-status-form-header");

test(
  "the issue's case: A changes title and severity, B edits the event; B's autosave meets A's save, merges, and A's title and severity survive",
  BOTH_ENGINES,
  async ({ browser, baseURL }, info) => {
    const coeId = await importTestCoe({ title: "Disk full", severity: 3 });
    const a = await openEditPageAs(browser, baseURL!, "author", coeId);
    const b = await openEditPageAs(browser, baseURL!, "admin", coeId);
    const errors = watchErrors(b.page);

    await header(a.page).getByLabel("Title").fill("Disks full on three storage nodes");
    await header(a.page).getByLabel("Severity").selectOption({ label: "Sev 1 (worst)" });
    await autosaved(header(a.page));
    await expect(a.page.getByRole("heading", { level: 1 })).toHaveText("Disks full on three storage nodes");

    // B's form still shows the old title and severity: its save is merged field by field, not a revert.
    await header(b.page).getByLabel("Event").fill("Storage outage of 2 July");
    await autosaved(header(b.page));
    await expect(status(b.page)).toContainText("with someone else’s change to Title, Severity");
    await expect(header(b.page).getByLabel("Title")).toHaveValue("Disks full on three storage nodes");
    await expect(header(b.page).getByLabel("Severity")).toHaveValue("1");
    await expect(header(b.page).getByLabel("Event")).toHaveValue("Storage outage of 2 July");
    await expectNoAxeViolations(b.page);
    await b.page.screenshot({ path: info.outputPath("header-merged.png") });

    await b.page.reload();
    await expect(header(b.page).getByLabel("Title")).toHaveValue("Disks full on three storage nodes");
    await expect(header(b.page).getByLabel("Severity")).toHaveValue("1");
    await expect(header(b.page).getByLabel("Event")).toHaveValue("Storage outage of 2 July");

    // Then both change the event: the choice comes back in place, nothing is saved until it is made; taking theirs stores theirs.
    await hydrated(b.page);
    await a.page.reload();
    await hydrated(a.page);
    await header(a.page).getByLabel("Event").fill("Storage outage (A)");
    await autosaved(header(a.page));
    await header(b.page).getByLabel("Event").fill("Storage outage (B)");
    await header(b.page).getByLabel("Event").blur();
    const choice = header(b.page).getByRole("group", { name: "Event: both of you changed it" });
    await expect(choice.getByLabel(/Take theirs/)).toHaveAccessibleName(/Storage outage \(A\)/);
    await expect(status(b.page)).toHaveText("Not saved — both of you changed Event: choose above which to keep");
    await expectNoAxeViolations(b.page);
    await choice.screenshot({ path: info.outputPath("header-choice.png") });
    await choice.getByLabel(/Take theirs/).check();
    await expect(status(b.page)).toHaveText(/^Saved/);
    await expect(header(b.page).getByRole("group", { name: /both of you changed it/ })).toHaveCount(0);
    await expect(header(b.page).getByLabel("Event")).toHaveValue("Storage outage (A)");
    await expect(header(b.page).getByLabel("Title")).toHaveValue("Disks full on three storage nodes");
    await b.page.reload();
    await expect(header(b.page).getByLabel("Event")).toHaveValue("Storage outage (A)");
    expect(await errors()).toEqual([]);
    await a.context.close();
    await b.context.close();
  },
);

test(
  "a field both changed is offered side by side, without JavaScript too; saving without choosing is refused",
  BOTH_ENGINES,
  async ({ browser, baseURL }, info) => {
    const coeId = await importTestCoe({ title: "Disk full", severity: 3, tags: ["disk"] });
    const a = await openEditPageAs(browser, baseURL!, "author", coeId);
    const b = await openEditPageAs(browser, baseURL!, "admin", coeId, false);

    await header(a.page).getByLabel("Tags").fill("disk, capacity");
    await autosaved(header(a.page));
    await expect(header(a.page).getByLabel("Tags")).toHaveValue("disk, capacity");
    await expect(a.page.getByText("Someone else saved")).toHaveCount(0);

    await header(b.page).getByLabel("Tags").fill("disk, logs");
    await header(b.page).getByLabel("Title").fill("Disk full on storage nodes");
    await header(b.page).getByRole("button", { name: "Save header" }).click();
    await expect(header(b.page).locator(".alert.conflict")).toContainText("Both of you changed Tags: choose below which to keep.");
    const choice = header(b.page).getByRole("group", { name: "Tags: both of you changed it" });
    await expect(choice.getByLabel(/Keep yours/)).toHaveAccessibleName(/disk, logs/);
    await expect(choice.getByLabel(/Take theirs/)).toHaveAccessibleName(/disk, capacity/);
    await b.page.setViewportSize({ width: 390, height: 900 });
    await header(b.page).scrollIntoViewIfNeeded();
    await b.page.screenshot({ path: info.outputPath("header-choice-390.png") });
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Saving without choosing: refused, the field named, nothing saved.
    await header(b.page).getByRole("button", { name: "Save header" }).click();
    await expect(header(b.page).getByText("Both of you changed Tags: keep yours or take theirs")).toBeVisible();
    await expect(header(b.page).getByRole("group", { name: "Tags: both of you changed it" })).toBeVisible();

    await header(b.page)
      .getByRole("group", { name: "Tags: both of you changed it" })
      .getByLabel(/Keep yours/)
      .check();
    await header(b.page).getByRole("button", { name: "Save header" }).click();
    await expect(header(b.page).getByLabel("Tags")).toHaveValue("disk, logs");
    await expect(header(b.page).getByLabel("Title")).toHaveValue("Disk full on storage nodes");
    await expect(header(b.page).getByRole("group", { name: /both of you changed it/ })).toHaveCount(0);
    await a.context.close();
    await b.context.close();
  },
);
