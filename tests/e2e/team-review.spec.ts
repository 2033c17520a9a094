import { expect, test } from "@playwright/test";
import { BOTH_ENGINES, expectNoAxeViolations, hydrated, signInAs, watchErrors } from "./support";

/*
 * Issue 12: as the ops metrics meeting spins for a team to review its figures, a reviewer spins the
 * meeting's wheel for a team, presents the team it picked, records that it was reviewed with a
 * follow-up, and finds it on the meeting page. The teams pages pass axe.
 */

const FOLLOW_UP = "Bring the worst slip under 3× by the next meeting";

test(
  "a reviewer spins the wheel for a team, presents it, records the review with a follow-up and sees it on the meeting page",
  BOTH_ENGINES,
  async ({ page, context, baseURL }) => {
    test.setTimeout(60_000);
    const errors = watchErrors(page);
    await signInAs(context, "reviewer", baseURL!);
    await page.goto("/meetings");
    await page.locator(".meeting-card.is-next h3 a").click();
    await page.waitForURL(/\/meetings\/\d+$/);
    await hydrated(page);
    // Another journey may have started it already.
    const start = page.getByRole("button", { name: "Start the meeting" });
    if (await start.isVisible()) await start.click();
    await expect(page.getByRole("button", { name: "End the meeting" })).toBeVisible();

    const wheel = page.getByRole("region", { name: "The wheel" });
    await wheel.getByRole("radio", { name: "Teams" }).check();
    await expect(wheel.getByRole("img")).toHaveAttribute("aria-label", /^A wheel of \d+ candidates?: .*Payments/);
    await expect(wheel).toContainText("Picks a team at random");
    await expectNoAxeViolations(page);
    await wheel.getByRole("button", { name: "Spin the wheel" }).click();
    const status = wheel.locator(".wheel-status");
    await expect(status).toHaveText(/^Picked: /, { timeout: 10_000 });
    const team = (await status.textContent())!.replace(/^Picked: /, "");

    await wheel.getByRole("link", { name: `Present team “${team}”` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(team);
    await hydrated(page);
    await expect(page.getByRole("region", { name: `Slip figures of ${team}` })).toContainText("Median slip");
    await expectNoAxeViolations(page);
    const form = page.getByRole("form", { name: `Review of ${team}` });
    await form.getByLabel("Follow-up").fill(FOLLOW_UP);
    await form.getByRole("button", { name: "Team reviewed" }).click();
    await expect(form.getByRole("status").filter({ hasText: "Recorded" })).toHaveText("Recorded: reviewed in this meeting.");
    await expect(page.locator(".outcome-recorded")).toContainText(`Follow-up: ${FOLLOW_UP}`);
    await expect(form.getByRole("button", { name: "Update the follow-up" })).toBeVisible();

    await page.getByRole("link", { name: "Back to the agenda and the wheel" }).click();
    await page.waitForURL(/\/meetings\/\d+(#wheel-heading)?$/);
    const reviewed = page.getByRole("region", { name: "Teams reviewed" });
    await expect(reviewed.getByRole("link", { name: team, exact: true })).toBeVisible();
    await expect(reviewed).toContainText(`Follow-up: ${FOLLOW_UP}`);
    // The team reviewed is off the wheel for the rest of this meeting.
    await hydrated(page);
    await page.getByRole("region", { name: "The wheel" }).getByRole("radio", { name: "Teams" }).check();
    const label = (await page.getByRole("region", { name: "The wheel" }).getByRole("img").getAttribute("aria-label")) ?? "";
    expect(label.replace(/^A wheel of \d+ candidates?: /, "").split(", ")).not.toContain(team);
    expect(await errors()).toEqual([]);
  },
);

test("the teams list links each team's page: its figures with how they moved, open COEs, overdue and slipping items; both pass axe", async ({
  page,
  context,
  baseURL,
}) => {
  const errors = watchErrors(page);
  await signInAs(context, "member", baseURL!);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teams" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Teams");
  await hydrated(page);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Payments", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payments");
  await hydrated(page);
  await expect(page.getByRole("region", { name: "Slip figures of Payments" })).toContainText("On-promise delivery");
  await expect(
    page
      .getByRole("region", { name: /^Open COEs/ })
      .getByRole("link")
      .first(),
  ).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: /^Overdue/ })
      .locator("tbody tr")
      .first(),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await errors()).toEqual([]);
});

test("at 390 px the teams list, a team's page and a team presented in the meeting pass axe", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await signInAs(context, "reviewer", baseURL!);
  const page = await context.newPage();
  await page.goto("/meetings");
  await page.locator(".meeting-card.is-next h3 a").click();
  await page.waitForURL(/\/meetings\/\d+$/);
  const meetingPath = new URL(page.url()).pathname;
  for (const path of ["/teams", "/teams/2", `${meetingPath}/teams/2`]) {
    await page.goto(path);
    await hydrated(page);
    await expectNoAxeViolations(page);
  }
  await context.close();
});
