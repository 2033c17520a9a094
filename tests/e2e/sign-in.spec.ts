import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectNoAxeViolations, watchErrors, BOTH_ENGINES } from "./support";

test("a person types their password, lands where they were going, and signs out", BOTH_ENGINES, async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto("/coes?status=draft");
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await expectNoAxeViolations(page);

  await page.getByLabel("Email").fill(DEMO.author);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("That email and password do not match an account.");
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.author);

  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/coes\?status=draft$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Correction of Errors");
  await expect(page.locator(".user-menu")).toContainText("(author)");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/coes");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcoes$/);
  expect(await errors()).toEqual([]);
});

for (const who of Object.keys(DEMO) as (keyof typeof DEMO)[]) {
  test(`the demo ${who} can sign in and sees the demo COEs`, BOTH_ENGINES, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO[who]);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/coes$/);
    await expect.poll(() => page.locator("table.coe-table tbody tr").count()).toBeGreaterThanOrEqual(4);
    await expect(page.getByRole("link", { name: "New COE" }).first()).toHaveCount(who === "author" || who === "admin" ? 1 : 0);
  });
}
