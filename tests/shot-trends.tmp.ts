import { chromium } from "playwright-core";
const base = "http://127.0.0.1:3413";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium-headless-shell" });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(`${base}/login`);
await page.fill("input[name=email]", "member@example.com");
await page.fill("input[name=password]", "demo-password");
await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click("button[type=submit]")]);
await page.goto(`${base}/trends?months=24`);
await page.screenshot({ path: "/tmp/trends-desktop.png", fullPage: true });
await page.locator("a.chart-mark").first().focus();
await page.screenshot({ path: "/tmp/trends-focus.png", clip: { x: 0, y: 0, width: 1280, height: 700 } });
await page.setViewportSize({ width: 390, height: 844 });
await page.goto(`${base}/trends`);
const wide = await page.evaluate(() => {
  const W = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > W + 1)
    .filter((e) => !e.closest(".visually-hidden"))
    .slice(-8)
    .map((e) => `${e.tagName}.${e.getAttribute("class")} ${Math.round(e.getBoundingClientRect().right)} in ${e.parentElement?.className}`)
    .concat([String(document.documentElement.scrollWidth)]);
});
console.log(wide);
await page.screenshot({ path: "/tmp/trends-390.png", fullPage: true });
await browser.close();
