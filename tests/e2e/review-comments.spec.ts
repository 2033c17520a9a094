import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, openAs, saveStatus, signInAs, typeInto, watchErrors, BOTH_ENGINES } from "./support";

/* Issue 11: submit with a part missing (refused, with the link to it), fix it, submit; a reviewer comments on a why from a second browser and requests changes naming that comment; the author is notified. */

const ROOT_CAUSE = "The deploy pipeline skips the canary stage for config changes";

/** Everything submit needs except the impact summary. */
const almostReady = (title: string) => ({
  title,
  status: "draft",
  timeline: [
    { at: "2026-11-20T10:00:00Z", kind: "impact_start", text: "Checkout errors start" },
    { at: "2026-11-20T10:40:00Z", kind: "mitigated", text: "Config rolled back" },
  ],
  whys: { text: "Checkout failed for 40 minutes", children: [{ text: ROOT_CAUSE, rootCause: true }] },
  lessons: [{ text: "Config changes need the same staged rollout as code", whyPath: "0.0" }],
  actionItems: [{ title: "Add a canary stage for config", horizon: "mid", promisedDate: "2026-12-20", whyPath: "0.0", lessonIndex: 0 }],
});

test(
  "submit names what is missing; fixed, it is queued; a reviewer comments on a why and requests changes; the author is told",
  BOTH_ENGINES,
  async ({ page, context, browser, baseURL }) => {
    const errors = watchErrors(page);
    const coeId = await importTestCoe(almostReady(`Review journey ${Date.now()}`));
    await signInAs(context, "author", baseURL!);
    await page.goto(`/coes/${coeId}`);
    await hydrated(page);
    const review = page.getByRole("region", { name: "Review" });
    await review.getByRole("button", { name: "Submit for review" }).click();
    const missing = review.getByRole("alert");
    await expect(missing).toContainText("to do before review");
    await expect(review.locator(".badge")).toHaveText("Draft");
    await missing.getByRole("link", { name: /impact summary/i }).click();
    await expect(page).toHaveURL(new RegExp(`/coes/${coeId}/edit#impact-summary$`));
    await hydrated(page);
    await typeInto(page, "For 40 minutes a fifth of checkouts failed; customers retried.");
    await expect(saveStatus(page)).toHaveText(/^Saved/, { timeout: 10_000 });

    await page.goto(`/coes/${coeId}`);
    await hydrated(page);
    await review.getByRole("button", { name: "Submit for review" }).click();
    await expect(review.getByRole("status")).toContainText("Submitted for review");
    await expect(review).toContainText("In review");
    await expect(review.getByRole("link", { name: /review meeting of/ })).toBeVisible();

    // A reviewer, in a browser of their own, comments on the root-cause why, mentioning the author.
    const { context: reviewerContext, page: reviewer, errors: reviewerErrors } = await openAs(browser, baseURL!, "reviewer", `/coes/${coeId}`);
    await reviewer.getByLabel("Comment on").selectOption({ label: `Why: ${ROOT_CAUSE}` });
    await reviewer.getByLabel("Comment", { exact: true }).fill("@author which other config paths skip it?");
    await reviewer.getByRole("button", { name: "Post comment" }).click();
    const thread = reviewer.getByRole("article", { name: /, on why: / });
    await expect(thread).toContainText(`on why: ${ROOT_CAUSE}`);
    await expect(thread.locator(".mention")).toHaveText("@author");
    // The why in the tree's outline carries the badge, a link reachable by keyboard.
    const badge = reviewer.locator(`.why-outline .comment-badge`);
    await expect(badge).toHaveText("1 open comment");
    await badge.focus();
    await expect(badge).toBeFocused();

    // A selection in the impact summary becomes a comment on those words.
    await reviewer.evaluate(() => {
      const section = document.querySelector('[data-comment-section="impact-summary"] p')!;
      const text = section.firstChild!;
      const range = document.createRange();
      range.setStart(text, 4);
      range.setEnd(text, 14);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
    });
    await reviewer.getByRole("button", { name: "Comment on the selected text" }).click();
    await expect(reviewer.locator(".quote-choice blockquote")).toHaveText("40 minutes");
    await reviewer.getByLabel("Comment", { exact: true }).fill("Was it exactly 40?");
    await reviewer.getByRole("button", { name: "Post comment" }).click();
    await expect(reviewer.getByRole("article", { name: /on Impact summary: “40 minutes”/ })).toBeVisible();
    await expectNoAxeViolations(reviewer);

    // Request changes names the open comment.
    await reviewer.reload();
    await hydrated(reviewer);
    await expect(reviewer.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Comments: 2 open" })).toHaveAttribute("href", "#comments");
    const decide = reviewer.getByRole("form", { name: "Request changes" });
    await decide.getByLabel(/which other config paths/).check();
    await decide.getByRole("button", { name: "Request changes" }).click();
    await expect(reviewer.getByRole("region", { name: "Review" }).getByRole("status")).toContainText("Changes requested");
    await expect(reviewer.getByRole("region", { name: "Review" })).toContainText("Changes requested");
    expect(await reviewerErrors()).toEqual([]);
    await reviewerContext.close();

    // The author sees the bell and the notifications, and the review history.
    await page.goto(`/coes/${coeId}`);
    await expect(page.getByRole("link", { name: /Notifications: \d+ unread/ })).toBeVisible();
    await page.getByRole("link", { name: /Notifications/ }).click();
    await expect(page.getByRole("link", { name: /mentioned you on/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /requested changes on/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
    expect(await errors()).toEqual([]);
  },
);
