import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signInAs, watchErrors } from "./support";

test("a member reads COEs but gets the 403 page for new and edit, and nothing changes", async ({ page, context, baseURL }) => {
  await signInAs(context, "member", baseURL!);
  await page.goto("/coes");
  const first = page.locator("table.coe-table tbody tr a").first();
  const title = await first.textContent();
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title!);
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const id = /\/coes\/(\d+)/.exec(page.url())![1];

  const edit = await page.goto(`/coes/${id}/edit`);
  expect(edit?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You may not do that");
  await expect(page.getByText("Nothing was changed.")).toBeVisible();
  await expectNoAxeViolations(page);

  const created = await page.goto("/coes/new");
  expect(created?.status()).toBe(403);

  // A POST made by hand (from this site's origin, so only the role check can refuse it) is refused on the server too.
  const res = await page.request.post(`/coes/${id}/edit`, {
    headers: { Origin: baseURL! },
    form: { intent: "header", baseVersion: "1", title: "hijacked", severity: "1", teamId: "1" },
  });
  expect(await res.text()).toContain("Only this COE");
  expect(res.status()).toBe(403);
  await page.goto(`/coes/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title!);
});

test("the COE list filters by state, team and severity through the query string", async ({ page, context, baseURL }) => {
  const errors = watchErrors(page);
  await signInAs(context, "reviewer", baseURL!);
  await page.goto("/coes");
  await expectNoAxeViolations(page);
  await page.getByLabel("State").selectOption("approved");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=approved/);
  const states = await page.locator("table.coe-table tbody tr td:nth-child(3)").allTextContents();
  expect(states.length).toBeGreaterThan(0);
  expect(new Set(states)).toEqual(new Set(["Approved"]));
  await page.goto("/coes?severity=5&status=closed");
  await expect(page.getByText("No COEs match these filters.")).toBeVisible();
  expect(await errors()).toEqual([]);
});

test("unknown pages show the 404 page", async ({ page, context, baseURL }) => {
  await signInAs(context, "reviewer", baseURL!);
  for (const path of ["/no-such-page", "/coes/999999", "/coes/abc"]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  }
  await expectNoAxeViolations(page);
});

test("new COE page: field errors for bad input, axe clean", async ({ page, context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
  await page.goto("/coes/new");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("Title is required")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
});
