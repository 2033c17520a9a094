import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, signInAs, watchErrors, autosaved } from "./support";

/* Issue 9 §3: an action item names its why and lesson in its own forms; "action item for this why" asks for owner and date in the same step. */

const tree = (page: Page) => page.getByRole("tree", { name: "Five whys" });
const itemRow = (page: Page, title: string) => page.locator("table.action-items tr", { hasText: title });

const DOC = {
  title: "Action items with links",
  whys: {
    text: "3% of API calls failed for 45 minutes",
    children: [{ text: "Health checks did not remove the failing host", rootCause: true, children: [{ text: "The check only pinged the port" }] }],
  },
  lessons: [{ text: "Health checks must exercise the real request path", whyPath: "0.0" }],
};

test.beforeEach(async ({ context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
});

test("the add and edit forms link an action item to a why (listed as a tree) and a lesson", async ({ page }, info) => {
  const errors = watchErrors(page);
  const id = await importTestCoe(DOC);
  await page.goto(`/coes/${id}/edit`);
  await hydrated(page);

  const add = page.getByRole("form", { name: "Add action item" });
  const whySelect = add.getByLabel("Why it addresses");
  // The whys are listed in tree order, indented by depth, root causes marked.
  await expect(whySelect.locator("option")).toHaveText([
    "None",
    "3% of API calls failed for 45 minutes",
    "— Health checks did not remove the failing host (root cause)",
    "— — The check only pinged the port",
  ]);
  await add.getByLabel("Title").fill("Health checks through the load balancer's path");
  await add.getByLabel("Horizon").selectOption("mid");
  await whySelect.selectOption({ label: "— Health checks did not remove the failing host (root cause)" });
  await add.getByLabel("Lesson it follows from").selectOption({ label: "Lesson 1: Health checks must exercise the real request path" });
  await add.getByRole("button", { name: "Add action item" }).click();

  const row = itemRow(page, "Health checks through the load balancer's path");
  await expect(row.getByRole("link", { name: "From why: Health checks did not remove the failing host" })).toBeVisible();
  // The list names the lesson too, by its number, linking to it.
  await expect(row.getByRole("link", { name: "From lesson 1" })).toHaveAttribute("href", /^#lesson-\d+$/);
  await row.locator("summary").click();
  const edit = page.getByRole("form", { name: "Edit action item Health checks through the load balancer's path" });
  await expect(edit.getByLabel("Lesson it follows from")).toHaveValue(/\d+/);
  await edit.getByLabel("Why it addresses").selectOption({ label: "— — The check only pinged the port" });
  await edit.getByLabel("Lesson it follows from").selectOption("");
  await autosaved(edit);
  await expect(row.getByRole("link", { name: "From why: The check only pinged the port" })).toBeVisible();
  await expect(row.getByRole("link", { name: /From lesson/ })).toHaveCount(0);
  // The disclosure keeps the state the author left it in.
  if (!(await row.locator("details").evaluate((d) => (d as HTMLDetailsElement).open))) await row.locator("summary").click();
  await expect(page.getByRole("form", { name: /Edit action item Health checks/ }).getByLabel("Lesson it follows from")).toHaveValue("");
  await expectNoAxeViolations(page);
  await page.locator("section:has(#action-items)").screenshot({ path: info.outputPath("action-item-links.png") });
  expect(await errors()).toEqual([]);
});

test("an action item for a why asks for its owner and promised date in the same step", async ({ page }, info) => {
  const errors = watchErrors(page);
  const id = await importTestCoe(DOC);
  await page.goto(`/coes/${id}/edit`);
  await hydrated(page);

  await tree(page)
    .getByRole("treeitem", { name: /^The check only pinged the port/ })
    .click();
  const panel = page.locator(".why-panel");
  await panel.getByLabel("Action item for this why").fill("Check the real request path");
  await panel.getByLabel("Owner").selectOption({ label: "Alex Author" });
  await panel.getByLabel("Promised date").fill("2027-03-31");
  await expectNoAxeViolations(page);
  await panel.screenshot({ path: info.outputPath("why-panel.png") });
  await panel.getByRole("button", { name: "Add action item" }).click();

  const row = itemRow(page, "Check the real request path");
  await expect(row).toContainText("Alex Author");
  await expect(row).toContainText("2027-03-31");
  await expect(row.getByRole("link", { name: "From why: The check only pinged the port" })).toBeVisible();
  await expect(row.getByRole("link", { name: /From lesson/ })).toHaveCount(0);
  // The fields are empty again for the next one.
  await expect(panel.getByLabel("Owner")).toHaveValue("");
  await expect(panel.getByLabel("Promised date")).toHaveValue("");
  expect(await errors()).toEqual([]);
});

test.describe("one list of whys per page", () => {
  // An existing action item linked to a why that is not a root cause, and a lesson linked to a root cause.
  const doc = { ...DOC, actionItems: [{ title: "Probe the real request path", horizon: "mid", owner: null, promisedDate: null, whyPath: "0.0.0" }] };

  test("without JavaScript the add form lists every why; an item's and a lesson's Edit form list root causes and their own links", async ({
    browser,
    baseURL,
  }) => {
    const id = await importTestCoe(doc);
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    await signInAs(noJs, "author", baseURL!);
    const page = await noJs.newPage();
    await page.goto(`/coes/${id}/edit`);
    await expect(page.getByRole("form", { name: "Add action item" }).getByLabel("Why it addresses").locator("option")).toHaveCount(4);
    const row = itemRow(page, "Probe the real request path");
    await row.locator("summary").click();
    const edit = page.getByRole("form", { name: "Edit action item Probe the real request path" });
    await expect(edit.getByLabel("Why it addresses").locator("option")).toHaveText([
      "None",
      "— Health checks did not remove the failing host (root cause)",
      "— — The check only pinged the port",
    ]);
    await expect(edit.getByLabel("Why it addresses")).toHaveValue(/\d+/);
    await expect(edit).toContainText("Root causes only");
    const lessonLinks = page.getByRole("form", { name: "Whys this lesson flows from" });
    await page.locator("summary", { hasText: "Edit links" }).click();
    await expect(lessonLinks.getByRole("checkbox")).toHaveCount(1);
    // Saving from the short list keeps the item's link.
    await edit.getByLabel("Title").fill("Probe the real request path, every minute");
    await edit.getByRole("button", { name: "Save action item" }).click();
    await expect(
      itemRow(page, "Probe the real request path, every minute").getByRole("link", { name: "From why: The check only pinged the port" }),
    ).toBeVisible();
    await noJs.close();
  });

  test("with JavaScript, opening an item's or a lesson's Edit form lists every why", async ({ page }) => {
    const id = await importTestCoe(doc);
    await page.goto(`/coes/${id}/edit`);
    await hydrated(page);
    const row = itemRow(page, "Probe the real request path");
    await row.locator("summary").click();
    const edit = page.getByRole("form", { name: "Edit action item Probe the real request path" });
    await expect(edit.getByLabel("Why it addresses").locator("option")).toHaveCount(4);
    await expect(edit.getByLabel("Why it addresses")).toHaveValue(/\d+/);
    await expect(edit).not.toContainText("Root causes only");
    await page.locator("summary", { hasText: "Edit links" }).click();
    await expect(page.getByRole("form", { name: "Whys this lesson flows from" }).getByRole("checkbox")).toHaveCount(3);
    await expectNoAxeViolations(page);
  });
});
