import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, openAs } from "./support";

/* Issue 13: the trends page draws its charts on the server; a bar is reached by keyboard, says its value and leads to the COEs behind it. */

test("trends: charts render, a bar is focusable, announces its value and links to its COEs", async ({ browser, baseURL, request }) => {
  const { page, errors } = await openAs(browser, baseURL!, "member", "/trends");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText([
    "COEs per month by severity",
    "Time to detect and to mitigate per month",
    "Action items by horizon and state",
    "Slip distribution of action items",
    "Recurring root-cause categories",
    "Customer RCAs: on time and late",
  ]);
  await expect(page.getByRole("status").filter({ hasText: /COEs?, by the month each was opened/ })).toBeVisible();
  await expect(page.getByText(/^Median time to detect: .* this quarter/)).toBeVisible();
  // Drawn on the server: every chart is in the HTML as SVG, with its data as a table.
  expect(await page.locator("svg.chart").count()).toBeGreaterThanOrEqual(6);
  await expect(page.locator(".chart-figure .visually-hidden table caption")).toHaveCount(6);

  // By keyboard: the first thing after the filters is the first bar, named with its value.
  await page.getByRole("button", { name: "Apply" }).focus();
  await page.keyboard.press("Tab");
  const bar = page.locator(":focus");
  const name = (await bar.getAttribute("aria-label")) ?? "";
  expect(name).toMatch(/^[A-Z][a-z]+ \d{4}, Sev \d( \(worst\))?: (\d+) COEs?$/);
  await expect(bar.locator(".chart-tip")).toBeVisible();
  await expect(bar.locator(".chart-tip text")).toHaveText(name);
  await expectNoAxeViolations(page);

  // Its CSV, with the page's filters.
  const csv = await page.getByRole("link", { name: "Download the data (CSV) of COEs per month by severity" }).getAttribute("href");
  const cookies = await page.context().cookies();
  const res = await request.get(csv!, { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") } });
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(await res.text()).toMatch(/^Month,Sev 1 \(worst\),Sev 2,Sev 3,Sev 4,Sev 5,Total\r\n/);

  // Following it lists exactly the COEs the bar counted.
  const count = name.match(/: (\d+) COEs?$/)![1];
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/coes\?.*severity=\d.*from=\d{4}-\d{2}&to=\d{4}-\d{2}/);
  await expect(page.getByRole("status")).toContainText(`${count} COE`);
  await expect(page.locator(".coe-table tbody tr")).toHaveCount(Number(count));

  // 390 px: the charts shrink with the page, nothing scrolls sideways.
  await page.goto("/trends");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  expect(await errors()).toEqual([]);
});
