import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, signInAs } from "./support";

const WORD = `zebracorn${Date.now().toString(36)}`;

test("search from the navigation with /, open a result at its matching section; a hostile COE's snippet stays text", async ({ page, context, baseURL }) => {
  test.setTimeout(60_000);
  const id = await importTestCoe({
    title: "Queue backlog grew overnight",
    impactSummary: `Payload <img src=x onerror="window.__injected=1"> and </mark><b id="injected">${WORD}</b>`,
    lessons: [{ text: `Alarm on the ${WORD} backlog before customers notice` }],
  });
  await signInAs(context, "member", baseURL!);
  await page.goto("/coes");
  await hydrated(page);

  await page.keyboard.press("/");
  const box = page.getByRole("searchbox", { name: "Search COEs" });
  await expect(box).toBeFocused();
  await box.fill(`${WORD} backlog`);
  await box.press("Enter");
  await page.waitForURL(/\/search\?q=/);
  const result = page.locator(".search-result").filter({ hasText: "Queue backlog grew overnight" });
  await expect(result).toHaveCount(1);
  await expect(result).toContainText("found in Lessons learned");
  await expect(result.locator("mark").first()).toHaveText(WORD);
  await expect(page.getByRole("status").first()).toContainText("1 COE");

  // The hostile impact summary, found by its own words: shown as text, nothing injected.
  await page.goto(`/search?q=${encodeURIComponent(`onerror ${WORD}`)}`);
  const hostile = page.locator(".search-result").filter({ hasText: "Impact summary" });
  await expect(hostile.locator(".search-snippet")).toContainText('<img src=x onerror="window.__injected=1">');
  await expect(page.locator("#injected, .search-snippet img, .search-snippet b")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  await expectNoAxeViolations(page);

  // "/" typed in a field is the field's: the words box keeps it.
  await hydrated(page);
  const words = page.getByRole("searchbox", { name: /^Words/ });
  await words.fill("a");
  await words.press("/");
  await expect(words).toHaveValue("a/");
  await expect(words).toBeFocused();

  await page.goto(`/search?q=${WORD}+backlog`);
  await page.locator(".search-result h2 a").first().click();
  await page.waitForURL(new RegExp(`/coes/${id}#lessons$`));
  await expect(page.locator("#lessons")).toBeInViewport();
});

test("the results page and its filters work without JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  await signInAs(context, "member", baseURL!);
  const page = await context.newPage();
  await importTestCoe({ title: `Disk full (${WORD}nojs)`, severity: 2 });
  await page.goto("/search");
  await page.getByRole("searchbox", { name: /^Words/ }).fill(`${WORD}nojs`);
  await page.getByLabel("Severity").selectOption("2");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/severity=2/);
  await expect(page.locator(".search-result")).toHaveCount(1);
  await page.getByLabel("Severity").selectOption("1");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("No COE matches this search.")).toBeVisible();
  await page.goto("/search?q=%22unbalanced+AND+NEAR(");
  await expect(page.getByText("A quotation mark was not closed")).toBeVisible();
  await context.close();
});
