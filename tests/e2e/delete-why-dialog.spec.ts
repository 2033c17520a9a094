import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, signInAs } from "./support";

const tree = (page: Page) => page.getByRole("tree", { name: "Five whys" });
const item = (page: Page, text: string) => tree(page).getByRole("treeitem", { name: new RegExp(`^${text}`) });
const dialog = (page: Page) => page.getByRole("alertdialog", { name: "Delete this why?" });
/** Whether keyboard focus is inside the open dialog. */
const focusInDialog = (page: Page) => page.evaluate(() => !!document.activeElement?.closest("dialog[open]"));

const whys = {
  text: "Checkout failed for 4% of orders",
  children: [
    { text: "A config flag disabled the payment retry", children: [{ text: "The flag had no owner", children: [] }] },
    { text: "The retry queue filled up", children: [] },
  ],
};

test.beforeEach(async ({ context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
});

test("the delete-why dialog is modal: focus moves in, Tab stays in, Escape and Cancel return focus to the node, and no key reaches the tree or the page behind", async ({
  page,
}) => {
  const id = await importTestCoe({ title: "A modal delete", whys });
  await page.goto(`/coes/${id}/edit`);
  await hydrated(page);

  // Opened from the keyboard: focus starts on Delete, inside the dialog.
  await item(page, "A config flag").focus();
  await page.keyboard.press("Delete");
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByRole("button", { name: "Delete" })).toBeFocused();
  await expectNoAxeViolations(page);

  // Tab and Shift+Tab cycle among the dialog's buttons and never leave it.
  for (const key of ["Tab", "Tab", "Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
    await page.keyboard.press(key);
    expect(await focusInDialog(page), `after ${key}`).toBe(true);
  }
  // Typing while the dialog is open writes nowhere: no inline editor opens and no field of another section takes it.
  await page.keyboard.type("stray");
  await expect(page.getByRole("textbox", { name: "Why text" })).toHaveCount(0);
  await expect(page.locator("textarea, input:not([type=hidden]), [contenteditable=true]").filter({ hasText: "stray" })).toHaveCount(0);
  expect(
    await page.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea")].some((el) => el.value.includes("stray")),
    ),
  ).toBe(false);
  // …and no rich-text field autosaved anything.
  await expect(page.locator(".save-status:not(.save-idle)")).toHaveCount(0);

  // Escape cancels and gives focus back to the node.
  await page.keyboard.press("Escape");
  await expect(dialog(page)).toHaveCount(0);
  await expect(item(page, "A config flag")).toBeFocused();
  await expect(tree(page).getByRole("treeitem")).toHaveCount(4);

  // Cancel chosen with Enter: nothing deleted, nothing edited, focus back on the node.
  await page.keyboard.press("Delete");
  await expect(dialog(page)).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(dialog(page).getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog(page)).toHaveCount(0);
  await expect(item(page, "A config flag")).toBeFocused();
  await expect(page.getByRole("textbox", { name: "Why text" })).toHaveCount(0);
  await expect(tree(page).getByRole("treeitem")).toHaveCount(4);

  // Opened with the mouse from the toolbar, cancelled with the mouse: focus still returns to the node.
  await item(page, "The retry queue").click();
  await page.getByRole("button", { name: "Delete…" }).click();
  await expect(dialog(page).getByRole("button", { name: "Delete" })).toBeFocused();
  await dialog(page).getByRole("button", { name: "Cancel" }).click();
  await expect(item(page, "The retry queue")).toBeFocused();

  // Enter on Delete deletes the node and its answers, and only that: the tree opens no editor.
  await item(page, "A config flag").focus();
  await page.keyboard.press("Delete");
  await page.keyboard.press("Enter");
  await expect(tree(page).getByRole("treeitem")).toHaveCount(2);
  await expect(page.getByRole("textbox", { name: "Why text" })).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Deleted 2 whys." })).toBeVisible();
});
