import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, hydrated, importTestCoe, signInAs, watchCspViolations, watchErrors, autosaved } from "./support";

// Issue 8 §4: the enforced Content-Security-Policy breaks nothing. On every page of the app, used
// as a person uses it (typing rich text until it autosaves, growing and zooming the five-whys tree,
// exporting it as SVG and PNG, comparing versions), no `securitypolicyviolation` event fires and
// no console error appears.

const WHYS = {
  text: "Checkout failed for 12% of users for 20 minutes",
  children: [
    { text: "A config flag disabled the payment retry", children: [{ text: "The flag had no review step", children: [] }] },
    { text: "Nobody was paged", rootCause: true, children: [] },
  ],
};

/** Watches the page for CSP violations and errors; `check()` asserts there were none. */
async function watch(page: Page) {
  const violations = await watchCspViolations(page);
  const errors = watchErrors(page);
  return async () => {
    await page.waitForLoadState("networkidle");
    expect(violations()).toEqual([]);
    expect(await errors()).toEqual([]);
  };
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
}

test("the watcher sees a violation when one happens (so the tests below can fail)", async ({ page }) => {
  const violations = await watchCspViolations(page);
  await open(page, "/login");
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__ran = true";
    document.body.append(script);
  });
  await expect.poll(() => violations().length).toBe(1);
  expect(violations()[0]).toMatch(/script-src-elem \(enforce\) blocked inline/);
  expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
});

test("sign-in (typed), the COE list, a new COE, the reading view and the 404 page", async ({ page }) => {
  const check = await watch(page);
  const id = await importTestCoe({ title: "Reading view under the policy", impactSummary: "For 20 minutes checkout failed.", whys: WHYS });
  await open(page, "/login");
  await page.getByLabel("Email").fill(DEMO.author);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/coes$/);
  await hydrated(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New COE" }).click();
  await expect(page.getByRole("heading", { name: "New COE" })).toBeVisible();
  await open(page, `/coes/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reading view under the policy");
  await open(page, "/no/such/page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await check();
});

test("the 403 page", async ({ page, context, baseURL }) => {
  await signInAs(context, "member", baseURL!);
  const check = await watch(page);
  const res = await page.goto("/coes/new");
  expect(res?.status()).toBe(403);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You may not do that");
  await check();
});

test("the admin's audit log, filtered", async ({ page, context, baseURL }) => {
  await signInAs(context, "admin", baseURL!);
  const check = await watch(page);
  await open(page, "/admin/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await page.getByLabel("Outcome").selectOption("refused");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/outcome=refused/);
  await check();
});

test("the editor: rich text autosaves, the five-whys tree grows and zooms, and exports as SVG and PNG", async ({ page, context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
  const check = await watch(page);
  const id = await importTestCoe({ title: "Editor under the policy", whys: WHYS });
  await open(page, `/coes/${id}/edit`);

  // TipTap mounts (lazily loaded), takes typing and autosaves through the JSON endpoint.
  const editor = page.getByTestId("editor-impact-summary");
  await expect(editor).toHaveAttribute("contenteditable", "true");
  await editor.click();
  await page.keyboard.type("Between 10:00 and 10:20 UTC checkout failed.");
  await page.keyboard.press("Control+b");
  await page.keyboard.type(" 12% of users");
  await expect(page.getByTestId("save-status-impact-summary")).toHaveText(/^Saved \d{1,2}:\d{2}/);

  // The tree: add a why below the first answer, then zoom in, out and by wheel.
  const tree = page.getByRole("tree", { name: "Five whys" });
  await tree.getByRole("treeitem", { name: /^Nobody was paged/ }).focus();
  await page.getByRole("button", { name: "Add why below" }).click();
  await expect(page.getByRole("textbox", { name: "New why" })).toBeFocused();
  await page.keyboard.type("The alarm waited 20 minutes before paging");
  await page.keyboard.press("Enter");
  await expect(tree).toHaveAttribute("aria-busy", "false");
  await expect(tree.getByRole("treeitem", { name: /^The alarm waited 20 minutes/ })).toBeVisible();
  await page.getByRole("button", { name: "Zoom in" }).click();
  await page.getByRole("button", { name: "Zoom out" }).click();
  await tree.hover();
  await page.mouse.wheel(0, -200);
  await page.getByRole("button", { name: "Fit to screen" }).click();

  // Both exports download (the PNG draws the SVG into a canvas through an image).
  const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export SVG" }).click()]);
  expect(readFileSync((await svg.path())!, "utf8")).toContain("The alarm waited 20 minutes");
  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export PNG" }).click()]);
  expect(
    readFileSync((await png.path())!)
      .subarray(1, 4)
      .toString(),
  ).toBe("PNG");
  await check();
});

test("history: two versions compared", async ({ page, context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
  const check = await watch(page);
  const id = await importTestCoe({ title: "History under the policy" });
  await open(page, `/coes/${id}/edit`);
  const header = page.getByRole("form", { name: "Header" });
  await header.getByLabel("Title").fill("History under the policy, edited");
  await autosaved(header);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("History under the policy, edited");
  await open(page, `/coes/${id}/history`);
  await page.getByLabel("From version").selectOption({ index: 1 });
  await page.getByLabel("To version").selectOption({ index: 0 });
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.locator(".diff").getByRole("heading", { name: "Changes from version 1 to version 2" })).toBeVisible();
  await check();
});
