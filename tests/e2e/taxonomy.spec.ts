import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, signInAs, watchErrors } from "./support";

/* Issue 13: root-cause categories and tenets, as authors, admins and readers use them. */

const unique = () => Math.random().toString(36).slice(2, 7);

test("an author gives a root cause its category by keyboard, and the reading view shows it", async ({ page, context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
  const errors = watchErrors(page);
  const id = await importTestCoe({
    title: "Checkout errors: a category by keyboard",
    whys: {
      text: "2% of checkouts failed for 30 minutes",
      rootCause: false,
      children: [{ text: "The payment pool was too small for the evening peak", rootCause: true, children: [] }],
    },
  });
  await page.goto(`/coes/${id}/edit`);
  await hydrated(page);
  const tree = page.getByRole("tree", { name: "Five whys" });
  const rootCause = tree.getByRole("treeitem", { name: /^The payment pool was too small/ });
  await tree.getByRole("treeitem", { name: /^2% of checkouts failed/ }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(rootCause).toBeFocused();

  // C takes focus to the category select; typing picks an option; Tab and Enter save; focus comes back to the node.
  await page.keyboard.press("c");
  const select = page.getByLabel("Root-cause category").first();
  await expect(select).toBeFocused();
  await page.keyboard.type("Capacity");
  await expect(select).toHaveValue(/\d+/);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Save category" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(rootCause).toBeFocused();
  await expect(rootCause).toHaveAccessibleName(/root cause, category Capacity/);

  await page.goto(`/coes/${id}`);
  await expect(page.locator("section[aria-labelledby=five-whys] .why-outline").getByText("Category: Capacity")).toBeAttached();
  // Its relatives: the demo's COEs whose root causes were about capacity too, with the reason.
  const similar = page.getByRole("complementary", { name: "Similar COEs" });
  await expect(similar.getByText(/same root-cause category: Capacity/).first()).toBeVisible();
  await expect(similar.getByRole("link").first()).toHaveAttribute("href", /^\/coes\/\d+$/);
  expect(await errors()).toEqual([]);
});

test("an admin adds a category and merges it into another", async ({ page, context, baseURL }) => {
  await signInAs(context, "admin", baseURL!);
  const name = `Vendor API ${unique()}`;
  await page.goto("/admin/categories");
  await hydrated(page);
  const add = page.getByRole("region", { name: "Add a category" });
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Description").fill("A vendor's API failed");
  await add.getByRole("button", { name: "Add category" }).click();
  await expect(page.getByText("Added.", { exact: true })).toHaveRole("status");
  const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name, exact: true }) });
  await expect(item).toContainText("Used by 0 root causes");

  // A taken name is refused next to the field.
  await add.getByLabel("Name").fill(name.toUpperCase());
  await add.getByRole("button", { name: "Add category" }).click();
  await expect(add.getByText(`A category named "${name}" already exists`)).toBeVisible();

  await item.getByText(`Edit or merge “${name}”`).click();
  await item.getByLabel(`Merge "${name}" into`).selectOption({ label: "Dependency failure" });
  await item.getByRole("button", { name: "Merge" }).click();
  await expect(page.getByText(/^Merged/)).toHaveRole("status");
  await expect(page.getByRole("heading", { name, exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("a member reads the tenets and a tenet's page lists the COEs that cite it", async ({ page, context, baseURL }) => {
  await signInAs(context, "member", baseURL!);
  await page.goto("/coes");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tenets" }).click();
  await expect(page.getByRole("heading", { name: "Tenets", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Dive deep" }).click();
  await expect(page.getByRole("heading", { name: "Dive deep", level: 1 })).toBeVisible();
  const citing = page.getByRole("region", { name: "COEs that cite it" });
  await expect(citing.getByRole("link").first()).toBeVisible();
  await expectNoAxeViolations(page);

  // From the COE, its header links back to the tenet.
  await citing.getByRole("link").first().click();
  await expect(page.getByRole("list", { name: "Tenets cited:" }).getByRole("link", { name: "Dive deep" })).toBeVisible();
  await expectNoAxeViolations(page);
});
