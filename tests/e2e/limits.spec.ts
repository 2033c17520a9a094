import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, signInAs } from "./support";

test.beforeEach(async ({ context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
});

/** Pastes `text` the way the clipboard does (one insertText, which `maxlength` would cut). */
async function paste(page: Page, field: Locator, text: string) {
  await field.focus();
  await field.press("Control+a");
  await page.keyboard.insertText(text);
}

/** The field's description, as a screen reader reads it: the text of every element its aria-describedby names. */
async function description(field: Locator) {
  return field.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" | "),
  );
}

test("a 5,000-character why is refused with the limit named, and nothing is cut", async ({ page }) => {
  const id = await importTestCoe({ title: "Long why", whys: { text: "Root problem", children: [{ text: "First why" }] } });
  await page.goto(`/coes/${id}/edit`);
  await hydrated(page);
  await page
    .getByRole("tree", { name: "Five whys" })
    .getByRole("treeitem", { name: /^First why/ })
    .dblclick();
  const field = page.getByRole("textbox", { name: "Why text" });
  await expect(field).toBeFocused();

  await paste(page, field, "n".repeat(1700));
  await expect(description(field)).resolves.toContain("1,700 of 2,000 characters");
  await paste(page, field, "w".repeat(5000));
  await expect(field).toHaveValue("w".repeat(5000));
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(description(field)).resolves.toContain("3,000 characters over the limit of 2,000");

  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert")).toContainText("the limit is 2,000");
  await expect(field).toHaveValue("w".repeat(5000));
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "test-results/limits-why.png" });

  // Nothing reached the server: the why reads as before after a reload.
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("tree", { name: "Five whys" }).getByRole("treeitem", { name: /^First why/ })).toBeVisible();
});

test("a form field counts near its limit and, past it, the server's field error names the limit while the text stays", async ({ page }) => {
  const id = await importTestCoe({ title: "Long affected" });
  await page.goto(`/coes/${id}/edit`);
  await hydrated(page);
  const form = page.getByRole("form", { name: "Customer impact figures" });
  const field = form.getByRole("textbox", { name: "Customers or requests affected" });

  await paste(page, field, "a".repeat(1000));
  await expect(form.getByTestId("char-counter")).toHaveCount(0);
  await paste(page, field, "a".repeat(1600));
  await expect(description(field)).resolves.toContain("1,600 of 2,000 characters");
  await paste(page, field, "a".repeat(2100));
  await expect(field).toHaveValue("a".repeat(2100));
  await expect(description(field)).resolves.toContain("100 characters over the limit of 2,000");

  // Autosave sends it (at once as focus leaves): refused with the limit named, what was typed kept.
  await field.blur();
  await expect(form.locator(".field-error")).toContainText("At most 2,000 characters");
  await expect(field).toHaveValue("a".repeat(2100));
  await expectNoAxeViolations(page);
  await field.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/limits-form.png" });
});
