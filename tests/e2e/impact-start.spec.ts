import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, hydrated, importTestCoe, signInAs } from "./support";

test.beforeEach(async ({ context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
});

test("the metrics and the customer RCA due date start from the same impact start, and the page says which one it is", async ({ page }) => {
  const id = await importTestCoe({
    title: "Two impact starts",
    customerImpact: { startedAt: "2024-07-02T13:30:00Z" },
    timeline: [
      { at: "2024-07-02T13:42:00Z", kind: "impact_start", text: "Errors begin" },
      { at: "2024-07-02T13:50:00Z", kind: "detected", text: "Alarm" },
    ],
  });
  await page.goto(`/coes/${id}`);
  await hydrated(page);
  await expect(page.locator('[data-metric="timeToDetect"] dd')).toHaveText("20 min");
  const note = page.getByTestId("impact-start-note");
  await expect(note).toContainText("as given under Customer impact");
  await expect(note).toContainText("the Customer impact time wins");
  // 7 days after 13:30 on 2 July, whatever the viewer's zone shows.
  await expect(page.getByText(/^Due /)).toContainText("2024-07-09");
  await expect(page.locator("body")).not.toContainText("impact_start");
  await expectNoAxeViolations(page);
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/impact-start.png" });

  // The edit page says the same.
  await page.goto(`/coes/${id}/edit`);
  await expect(page.getByTestId("impact-start-note")).toContainText("as given under Customer impact");
  await expect(page.locator("body")).not.toContainText("impact_start");
});
