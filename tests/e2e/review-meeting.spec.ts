import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, signInAs, watchErrors, BOTH_ENGINES } from "./support";

/*
 * Issue 11: a Wednesday meeting run from the product. A submitted COE is on the next meeting's
 * agenda; a reviewer reorders it by keyboard, spins the wheel, presents it; a second attendee
 * comments on a why from another browser and the presenter sees it land; changes are requested
 * naming that comment; the author answers, resolves and resubmits; the reviewer approves.
 */

const ROOT_CAUSE = "Config pushes skip the staged rollout";

const ready = (title: string) => ({
  title,
  status: "draft",
  impactSummary: "For 25 minutes sign-ins failed for one in ten customers.",
  timeline: [
    { at: "2026-11-19T08:00:00Z", kind: "impact_start", text: "Sign-in errors start" },
    { at: "2026-11-19T08:25:00Z", kind: "mitigated", text: "Previous config restored" },
  ],
  whys: { text: "Sign-ins failed for 25 minutes", children: [{ text: ROOT_CAUSE, rootCause: true }] },
  lessons: [{ text: "Stage config like code", whyPath: "0.0" }],
  actionItems: [{ title: "Stage config pushes", horizon: "mid", promisedDate: "2026-12-31", whyPath: "0.0", lessonIndex: 0 }],
});

async function submit(page: Page, coeId: number) {
  await page.goto(`/coes/${coeId}`);
  await hydrated(page);
  const review = page.getByRole("region", { name: "Review" });
  await review.getByRole("button", { name: "Submit for review" }).click();
  await expect(review.getByRole("status")).toContainText("Submitted for review");
  return review;
}

test(
  "a reviewer runs the meeting: agenda by keyboard, wheel, presenting with live comments, changes requested, fixed, approved",
  BOTH_ENGINES,
  async ({ page, context, browser, baseURL }) => {
    test.setTimeout(90_000);
    const errors = watchErrors(page);
    const title = `Meeting journey ${Date.now()}`;
    const coeId = await importTestCoe(ready(title));
    await signInAs(context, "author", baseURL!);
    const review = await submit(page, coeId);
    const meetingLink = review.getByRole("link", { name: /review meeting of/ });
    const meetingPath = (await meetingLink.getAttribute("href"))!;
    await context.clearCookies();

    // The reviewer finds it on the next meeting's agenda, and moves it up one place by keyboard.
    await signInAs(context, "reviewer", baseURL!);
    await page.goto(meetingPath);
    await hydrated(page);
    const agenda = page.getByRole("region", { name: "Agenda", exact: true });
    const titles = () => agenda.locator(".agenda-title").allTextContents();
    await expect(agenda.locator(".agenda-title", { hasText: title })).toBeVisible();
    const before = await titles();
    expect(before.length).toBeGreaterThan(1);
    const handle = page.getByRole("button", { name: `Reorder: ${title}` });
    await handle.focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Space");
    await expect(page.getByRole("status").filter({ hasText: `${title} moved to position ${before.length - 1} of ${before.length}` })).toBeAttached();
    await expect.poll(titles).toEqual([...before.slice(0, -2), title, before[before.length - 2]!]);
    await page.reload();
    await expect.poll(titles).toEqual([...before.slice(0, -2), title, before[before.length - 2]!]);
    await expectNoAxeViolations(page);

    // Start, spin: the wheel names a COE not yet presented.
    await page.getByRole("button", { name: "Start the meeting" }).click();
    await page.getByRole("button", { name: "Spin the wheel" }).click();
    await expect(page.locator(".wheel-status")).toHaveText(/^Picked: /, { timeout: 10_000 });

    // Present this COE.
    await page.getByRole("button", { name: `Present: ${title}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await hydrated(page);
    const presenting = page.url();

    // A second attendee comments on the root-cause why from another browser.
    const other = await browser.newContext({ baseURL });
    await signInAs(other, "member", baseURL!);
    const attendee = await other.newPage();
    await attendee.goto(presenting);
    await hydrated(attendee);
    await attendee.getByLabel("Comment on").selectOption({ label: `Why: ${ROOT_CAUSE}` });
    await attendee.getByLabel("Comment", { exact: true }).fill("Which other config paths skip staging?");
    await attendee.getByRole("button", { name: "Post comment" }).click();
    await expect(attendee.getByRole("article", { name: /, on why: / })).toBeVisible();
    await other.close();

    // The presenter's screen picks it up by itself; changes are requested naming it.
    const outcome = page.locator(".outcome-form");
    await expect(outcome.getByText("Which other config paths skip staging?")).toBeVisible({ timeout: 15_000 });
    await expectNoAxeViolations(page);
    await outcome.getByLabel("Changes requested").check();
    await outcome.getByRole("checkbox", { name: /Which other config paths/ }).check();
    await outcome.getByRole("button", { name: "Record the outcome" }).click();
    // Recorded: the form gives way to the outcome (waiting for it, not for the radio's own label).
    await expect(page.locator(".outcome-recorded")).toContainText("Changes requested");
    await page.goto(`/coes/${coeId}`);
    await expect(page.getByRole("region", { name: "Review" }).locator(".badge").first()).toHaveText("Changes requested");
    await context.clearCookies();

    // The author answers the comment, resolves it and submits again.
    await signInAs(context, "author", baseURL!);
    await page.goto(`/coes/${coeId}`);
    await hydrated(page);
    const thread = page.getByRole("article", { name: /, on why: / });
    await thread.getByRole("link", { name: "Reply", exact: true }).click();
    await thread.getByLabel("Reply").fill("Only the feature-flag path; it now goes through staging too.");
    await thread.getByRole("button", { name: "Post reply" }).click();
    await expect(thread).toContainText("feature-flag path");
    await thread.getByRole("button", { name: "Resolve" }).click();
    await expect(thread).toContainText("Resolved");
    await submit(page, coeId);
    await context.clearCookies();

    // The reviewer approves (no open comment left: no confirmation asked).
    await signInAs(context, "reviewer", baseURL!);
    await page.goto(`/coes/${coeId}`);
    await hydrated(page);
    const decide = page.getByRole("form", { name: "Approve" });
    await expect(decide.getByLabel(/unresolved comment/)).toHaveCount(0);
    await decide.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("region", { name: "Review" }).getByRole("status")).toContainText("Approved");
    expect(await errors()).toEqual([]);
  },
);
