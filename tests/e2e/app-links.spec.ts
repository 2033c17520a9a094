import { expect, test } from "@playwright/test";
import { hydrated, importTestCoe, signInAs, watchErrors } from "./support";

test.use({ timezoneId: "Asia/Kolkata" });

test("the list's plain links are followed inside the app (no page load), the nav marks the current page, and times switch to the viewer's zone", async ({
  page,
  context,
  baseURL,
}) => {
  const errors = watchErrors(page);
  const coeId = await importTestCoe({ title: "Followed without a page load" });
  await signInAs(context, "author", baseURL!);
  await page.goto("/coes");
  await hydrated(page);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "COEs" })).toHaveAttribute("aria-current", "page");
  // Rendered in UTC by the server, then in the viewer's zone (India: GMT+5:30) once the browser has taken over.
  await expect(page.locator(".coe-table time").first()).toHaveText(/ GMT\+5:30$/);
  await expect(page.locator(".coe-table time").first()).toHaveAttribute("title", / UTC$/);

  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("link", { name: "Followed without a page load" }).click();
  await expect(page).toHaveURL(new RegExp(`/coes/${coeId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Followed without a page load" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "COEs" })).not.toHaveAttribute("aria-current", "page");

  // Back to the list through the brand link, also without a page load.
  await page.getByRole("link", { name: "COE", exact: true }).click();
  await expect(page).toHaveURL(/\/coes$/);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  expect(await errors()).toEqual([]);
});
