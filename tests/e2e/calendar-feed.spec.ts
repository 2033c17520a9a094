import { expect, test, type Page } from "@playwright/test";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import ICAL from "ical.js";
import { DEMO, expectNoAxeViolations, hydrated, openAs, signInAs } from "./support";

/* Issue 12: an owner makes their private calendar link on My action items, a calendar reads their items from it; a new link stops the old one (without JavaScript too), turning it off stops it. */

/** The seeded owner's items the feed must list: dated, not validated or cancelled (the seed cancels nothing lately). */
async function openWorkOfMember() {
  const [{ getDb }, { actionItems, users }] = await Promise.all([import("../../db/client"), import("../../db/schema")]);
  const [member] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, DEMO.member));
  return getDb()
    .select({ id: actionItems.id, title: actionItems.title, promisedDate: actionItems.promisedDate, status: actionItems.status })
    .from(actionItems)
    .where(and(eq(actionItems.ownerId, member!.id), isNotNull(actionItems.promisedDate), inArray(actionItems.status, ["open", "in_progress", "implemented"])));
}

/** The link the page shows once, after the form answered. */
async function shownLink(page: Page) {
  const url = await page.getByLabel("Your private calendar link").inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  return url;
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test("an owner subscribes to their items, replaces the link and turns it off", async ({ browser, baseURL, request }) => {
  const { context, page, errors } = await openAs(browser, baseURL!, "member", "/action-items");
  await page.getByText("Subscribe in your calendar", { exact: true }).click();
  await page.getByRole("button", { name: "Make my calendar link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Here is your calendar link." })).toBeVisible();
  const url = await shownLink(page);
  await expect(page.getByRole("link", { name: "Subscribe in your calendar" })).toHaveAttribute("href", url.replace(/^http:/, "webcal:"));
  await expect(page.getByText("We keep only a fingerprint of it; lost it? Make a new one.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "test-results/calendar-feed-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await noSidewaysScroll(page)).toBe(true);
  await page.screenshot({ path: "test-results/calendar-feed-390.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // What a calendar program gets: no cookie (a request context of its own), the URL alone.
  const feed = await request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const events = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
  const items = await openWorkOfMember();
  expect(items.length).toBeGreaterThan(0);
  expect(events).toHaveLength(items.length);
  for (const item of items) {
    const event = events.find((e) => e.uid === `action-item-${item.id}@${new URL(baseURL!).host}`);
    expect(event, item.title).toBeDefined();
    expect(event!.summary).toBe(item.title);
    expect(event!.startDate.toString()).toBe(item.promisedDate);
  }

  // Without JavaScript too: a new link, and the old one stops working.
  const plain = await browser.newContext({ baseURL, javaScriptEnabled: false });
  await signInAs(plain, "member", baseURL!);
  const noJs = await plain.newPage();
  await noJs.goto("/action-items");
  await expect(noJs.getByText("Your calendar link is on")).toBeHidden();
  await noJs.getByText("Subscribe in your calendar", { exact: true }).click();
  await expect(noJs.getByText("Your calendar link is on")).toBeVisible();
  await noJs.getByRole("button", { name: "Make a new link (the old one stops working)" }).click();
  await expect(noJs.getByRole("status").filter({ hasText: "the old one no longer works" })).toBeVisible();
  const replacement = await shownLink(noJs);
  expect(replacement).not.toBe(url);
  expect((await page.request.get(url)).status()).toBe(404);
  expect((await page.request.get(replacement)).status()).toBe(200);
  await plain.close();

  await page.reload();
  await hydrated(page);
  await page.getByText("Subscribe in your calendar", { exact: true }).click();
  await expect(page.getByLabel("Your private calendar link")).toHaveCount(0);
  await page.screenshot({ path: "test-results/calendar-feed-on.png" });
  await page.getByRole("button", { name: "Turn off the link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your calendar link is turned off" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Make my calendar link" })).toBeVisible();
  expect((await page.request.get(replacement)).status()).toBe(404);
  await expectNoAxeViolations(page);
  expect(await errors()).toEqual([]);
  await context.close();
});
