import { expect, test, type Page } from "@playwright/test";
import { autosaved, editor, expectNoAxeViolations, hydrated, importTestCoe, saveStatus, signInAs, typeInto, watchErrors } from "./support";

const dependencies = (page: Page) => page.locator("section:has(#dependencies)");
const dependencyRows = (page: Page) => page.locator("ul.dependencies > li.dependency");
const lessonRows = (page: Page) => page.locator("ol.lessons > li");
const coverage = (page: Page) => page.getByTestId("root-cause-coverage");

async function openEdit(page: Page, coeId: number) {
  await page.goto(`/coes/${coeId}/edit`);
  await hydrated(page);
}

/** The numeric id of a row (`dependency-12` → 12). */
async function rowId(row: ReturnType<Page["locator"]>, prefix: string) {
  const id = await row.getAttribute("id");
  expect(id).toMatch(new RegExp(`^${prefix}-\\d+$`));
  return Number(id!.slice(prefix.length + 1));
}

/** The reading view's HTML, as the server renders it. */
async function readingHtml(page: Page, coeId: number) {
  const res = await page.request.get(`/coes/${coeId}`);
  expect(res.ok()).toBe(true);
  return await res.text();
}

/** A dependency's three answers, as shown in its <dl>. */
async function answersOf(row: ReturnType<Page["locator"]>) {
  return await row.locator("dl.dependency-answers dd").allInnerTexts();
}

const WHYS = {
  text: "3% of API calls failed for 45 minutes",
  children: [
    { text: "One host returned 500 errors", children: [] },
    { text: "Health checks did not remove the failing host", rootCause: true, children: [] },
  ],
};

test.beforeEach(async ({ context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
});

test("dependencies: add with notes, autosave rich notes, edit answers, delete; all persist and show in the reading view", async ({ page }) => {
  const errors = watchErrors(page);
  const id = await importTestCoe({ title: "Dependencies editor" });
  await openEdit(page, id);
  await expect(dependencies(page)).toContainText("No dependencies recorded.");

  const add = page.getByRole("form", { name: "Add a dependency" });
  await add.getByRole("textbox", { name: "Dependency", exact: true }).fill("The DNS provider");
  await add.getByLabel("Did it perform as promised (SLA, RPO, RTO)?").selectOption({ label: "No" });
  await add.getByLabel("Was our use of it validated?").selectOption({ label: "Yes" });
  await add.getByLabel("Failure mode").selectOption({ label: "Novel" });
  await add.getByLabel("Notes").fill("Resolution failed for 20 minutes.");
  await add.getByRole("button", { name: "Add dependency" }).click();

  await expect(dependencyRows(page)).toHaveCount(1);
  const dns = dependencyRows(page).first();
  await expect(dns.getByRole("heading", { level: 3 })).toHaveText("The DNS provider");
  expect(await answersOf(dns)).toEqual(["No", "Yes", "Novel"]);
  const dnsId = await rowId(dns, "dependency");
  const notes = `dependency-${dnsId}`;
  await expect(editor(page, notes)).toHaveAttribute("aria-label", "Notes on The DNS provider");
  await expect(editor(page, notes)).toContainText("Resolution failed for 20 minutes.");
  // The add form is back to empty for the next one.
  await expect(add.getByRole("textbox", { name: "Dependency", exact: true })).toHaveValue("");

  // Change an answer through the Edit disclosure.
  await dns.getByLabel("Edit dependency: The DNS provider").click();
  const edit = dns.getByRole("form", { name: "Edit dependency The DNS provider" });
  await expect(edit.getByRole("textbox", { name: "Dependency", exact: true })).toHaveValue("The DNS provider");
  await edit.getByLabel("Was our use of it validated?").selectOption({ label: "No" });
  await autosaved(edit);
  await expect.poll(() => answersOf(dns)).toEqual(["No", "No", "Novel"]);
  await expect(page.getByRole("alert")).toHaveCount(0);

  // A second dependency, then delete it.
  await add.getByRole("textbox", { name: "Dependency", exact: true }).fill("The payment gateway");
  await add.getByRole("button", { name: "Add dependency" }).click();
  await expect(dependencyRows(page)).toHaveCount(2);
  await expect(dependencyRows(page).nth(1).getByRole("heading", { level: 3 })).toHaveText("The payment gateway");
  expect(await answersOf(dependencyRows(page).nth(1))).toEqual(["Unknown", "Unknown", "Not said"]);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Delete dependency: The payment gateway" }).click();
  await expect(dependencyRows(page)).toHaveCount(1);
  await expect(dependencies(page)).not.toContainText("The payment gateway");
  await expect(page.getByRole("alert")).toHaveCount(0);

  // Rich notes with autosave (the editor was loaded before the forms above moved the section's version on).
  await typeInto(page, " A second resolver would have kept us up.", notes);
  await expect(saveStatus(page, notes)).toHaveText(/^Saved \d{1,2}:\d{2}/);

  await page.reload();
  await hydrated(page);
  await expect(dependencyRows(page)).toHaveCount(1);
  await expect(dependencyRows(page).first().getByRole("heading", { level: 3 })).toHaveText("The DNS provider");
  expect(await answersOf(dependencyRows(page).first())).toEqual(["No", "No", "Novel"]);
  await expect(editor(page, notes)).toContainText("Resolution failed for 20 minutes. A second resolver would have kept us up.");

  await page.goto(`/coes/${id}`);
  const reading = dependencies(page);
  await expect(reading.locator("li.dependency")).toHaveCount(1);
  await expect(reading.locator("li.dependency h3")).toHaveText("The DNS provider");
  expect(await answersOf(reading.locator("li.dependency"))).toEqual(["No", "No", "Novel"]);
  await expect(reading).toContainText("Resolution failed for 20 minutes. A second resolver would have kept us up.");
  await expect(reading).not.toContainText("The payment gateway");
  expect(await errors()).toEqual([]);
});

test("lessons: add linked to a why, bold text autosaves, edit links, reorder, delete; all persist and show in the reading view", async ({ page }) => {
  const errors = watchErrors(page);
  const id = await importTestCoe({
    title: "Lessons editor",
    whys: WHYS,
    lessons: [{ text: "Health checks must exercise the real request path.", whyPath: "0.1" }],
  });
  await openEdit(page, id);
  await expect(lessonRows(page)).toHaveCount(1);
  const first = lessonRows(page).first();
  await expect(first.locator("a.from-why")).toHaveText(["From why: Health checks did not remove the failing host"]);
  const firstId = await rowId(first, "lesson");

  // Add a lesson linked to one why.
  const add = page.getByRole("form", { name: "Add a lesson" });
  await expect(add.getByRole("group", { name: "Flows from these whys" })).toBeVisible();
  await expect(add.getByLabel("Health checks did not remove the failing host (root cause)")).toBeVisible();
  await add.getByRole("textbox", { name: "Lesson", exact: true }).fill("Watch each host's error rate, not just the fleet's.");
  await add.getByLabel("One host returned 500 errors").check();
  await add.getByRole("button", { name: "Add lesson" }).click();

  await expect(lessonRows(page)).toHaveCount(2);
  const second = lessonRows(page).nth(1);
  await expect(second.locator("a.from-why")).toHaveText(["From why: One host returned 500 errors"]);
  const secondId = await rowId(second, "lesson");
  const secondField = `lesson-${secondId}`;
  await expect(editor(page, secondField)).toHaveAttribute("aria-label", "Lesson 2");
  await expect(editor(page, secondField)).toContainText("Watch each host's error rate, not just the fleet's.");
  await expect(add.getByRole("textbox", { name: "Lesson", exact: true })).toHaveValue("");
  await expect(add.getByLabel("One host returned 500 errors")).not.toBeChecked();

  // Link the second lesson to the root of the tree as well.
  await second.getByLabel("Edit the whys lesson 2 flows from").click();
  const links = second.getByRole("form", { name: "Whys this lesson flows from" });
  await expect(links.getByLabel("One host returned 500 errors")).toBeChecked();
  await links.getByLabel("3% of API calls failed for 45 minutes").check();
  await autosaved(links);
  await expect(second.locator("a.from-why")).toHaveCount(2);
  await expect(second.locator("a.from-why")).toContainText(["From why: 3% of API calls failed for 45 minutes", "From why: One host returned 500 errors"]);
  await expect(page.getByRole("alert")).toHaveCount(0);

  // Reorder: move the second lesson up, then back down.
  await page.getByRole("button", { name: "Move up: lesson 2" }).click();
  await expect(lessonRows(page).first()).toHaveAttribute("id", `lesson-${secondId}`);
  await expect(lessonRows(page).nth(1)).toHaveAttribute("id", `lesson-${firstId}`);
  await expect(editor(page, secondField)).toHaveAttribute("aria-label", "Lesson 1");
  await page.getByRole("button", { name: "Move down: lesson 1" }).click();
  await expect(lessonRows(page).first()).toHaveAttribute("id", `lesson-${firstId}`);
  await expect(lessonRows(page).nth(1)).toHaveAttribute("id", `lesson-${secondId}`);
  // Up again, so the order that persists differs from the order of creation.
  await page.getByRole("button", { name: "Move up: lesson 2" }).click();
  await expect(lessonRows(page).first()).toHaveAttribute("id", `lesson-${secondId}`);
  await expectNoAxeViolations(page);

  // Add a third lesson and delete it.
  await add.getByRole("textbox", { name: "Lesson", exact: true }).fill("A lesson to delete.");
  await add.getByRole("button", { name: "Add lesson" }).click();
  await expect(lessonRows(page)).toHaveCount(3);
  await expect(lessonRows(page).nth(2).locator("p.small.muted")).toHaveText("Not linked to a why yet.");
  await page.getByRole("button", { name: "Delete lesson: lesson 3" }).click();
  await expect(lessonRows(page)).toHaveCount(2);
  await expect(page.locator("section:has(#lessons)")).not.toContainText("A lesson to delete.");
  await expect(page.getByRole("alert")).toHaveCount(0);

  // Bold text through the editor of the lesson now first (loaded before the forms above moved the section's version on).
  await expect(editor(page, secondField)).toHaveAttribute("aria-label", "Lesson 1");
  await typeInto(page, " ", secondField);
  await page.keyboard.press("Control+b");
  await page.keyboard.type("Alarm per host");
  await page.keyboard.press("Control+b");
  await page.keyboard.type(".");
  await expect(saveStatus(page, secondField)).toHaveText(/^Saved \d{1,2}:\d{2}/);

  await page.reload();
  await hydrated(page);
  await expect(lessonRows(page)).toHaveCount(2);
  await expect(lessonRows(page).first()).toHaveAttribute("id", `lesson-${secondId}`);
  await expect(lessonRows(page).nth(1)).toHaveAttribute("id", `lesson-${firstId}`);
  await expect(editor(page, secondField)).toContainText("Watch each host's error rate, not just the fleet's. Alarm per host.");
  await expect(editor(page, secondField).locator("strong")).toHaveText("Alarm per host");
  await expect(lessonRows(page).first().locator("a.from-why")).toHaveCount(2);

  const html = await readingHtml(page, id);
  expect(html).toContain("<strong>Alarm per host</strong>");
  expect(html).not.toContain("A lesson to delete.");
  await page.goto(`/coes/${id}`);
  const reading = page.locator("section:has(#lessons) ol.lessons > li");
  await expect(reading).toHaveCount(2);
  await expect(reading.first()).toContainText("Watch each host's error rate, not just the fleet's. Alarm per host.");
  await expect(reading.first().locator("strong")).toHaveText("Alarm per host");
  await expect(reading.first().locator("a.from-why")).toHaveCount(2);
  await expect(reading.nth(1)).toContainText("Health checks must exercise the real request path.");
  await expect(reading.nth(1).locator("a.from-why")).toHaveText(["From why: Health checks did not remove the failing host"]);
  expect(await errors()).toEqual([]);
});

test.describe("a row's autosave, then a form of the same section", () => {
  // Autosaving a row's rich text moves the section's version on without reloading the page; the
  // section's forms follow the page's own saves, so they must not report them as someone else's.
  test("editing a dependency's answers after its notes autosaved is not a conflict", async ({ page }) => {
    const id = await importTestCoe({
      title: "Notes then answers",
      dependencies: [{ name: "The DNS provider", performedAsPromised: "no", notes: "Resolution failed." }],
    });
    await openEdit(page, id);
    const dns = dependencyRows(page).first();
    const notes = `dependency-${await rowId(dns, "dependency")}`;
    await typeInto(page, " For 20 minutes.", notes);
    await expect(saveStatus(page, notes)).toHaveText(/^Saved/);

    await dns.getByLabel("Edit dependency: The DNS provider").click();
    const edit = dns.getByRole("form", { name: "Edit dependency The DNS provider" });
    await edit.getByLabel("Was our use of it validated?").selectOption({ label: "Yes" });
    await autosaved(edit);
    await expect.poll(() => answersOf(dns)).toEqual(["No", "Yes", "Not said"]);
    await expect(page.getByRole("alert")).toHaveCount(0);
  });

  test("changing a lesson's links after its text autosaved is not a conflict", async ({ page }) => {
    const id = await importTestCoe({ title: "Text then links", whys: WHYS, lessons: [{ text: "Watch each host.", whyPath: "0.0" }] });
    await openEdit(page, id);
    const lesson = lessonRows(page).first();
    const field = `lesson-${await rowId(lesson, "lesson")}`;
    await typeInto(page, " Alarm per host.", field);
    await expect(saveStatus(page, field)).toHaveText(/^Saved/);

    await lesson.getByLabel("Edit the whys lesson 1 flows from").click();
    const links = lesson.getByRole("form", { name: "Whys this lesson flows from" });
    await links.getByLabel("Health checks did not remove the failing host (root cause)").check();
    await autosaved(links);
    await expect(lesson.locator("a.from-why")).toHaveCount(2);
    await expect(page.getByRole("alert")).toHaveCount(0);
  });
});

test("emptying a lesson's editor is refused: the status says why and the stored text is unchanged", async ({ page }) => {
  const id = await importTestCoe({ title: "Empty lesson", lessons: [{ text: "Keep this lesson." }] });
  await openEdit(page, id);
  const lesson = lessonRows(page).first();
  const field = `lesson-${await rowId(lesson, "lesson")}`;
  await expect(editor(page, field)).toHaveAttribute("contenteditable", "true");
  await expect(editor(page, field)).toContainText("Keep this lesson.");
  await editor(page, field).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Backspace");
  await expect(editor(page, field)).not.toContainText("Keep this lesson.");
  await expect(saveStatus(page, field)).toHaveText(/^Not saved — A lesson needs some text\. Delete the lesson if it is no longer needed\./);

  // The server kept the old text.
  expect(await readingHtml(page, id)).toContain("Keep this lesson.");

  // Nothing empty was kept on the device: after a reload the stored text is back.
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("coe-draft:")))).toEqual([]);
  await page.reload();
  await hydrated(page);
  await expect(editor(page, field)).toHaveAttribute("contenteditable", "true");
  await expect(editor(page, field)).toContainText("Keep this lesson.");
  expect(await readingHtml(page, id)).toContain("Keep this lesson.");
});

test("root-cause coverage: an uncovered root cause is named until a lesson links to it", async ({ page }) => {
  const id = await importTestCoe({ title: "Coverage", whys: WHYS });
  await openEdit(page, id);
  await expect(coverage(page)).toContainText("0 of 1 root cause has follow-up.");
  await expect(coverage(page)).toContainText("Without follow-up:");
  await expect(coverage(page).getByRole("link", { name: "Health checks did not remove the failing host" })).toBeVisible();

  const add = page.getByRole("form", { name: "Add a lesson" });
  await add.getByRole("textbox", { name: "Lesson", exact: true }).fill("Health checks must exercise the real request path.");
  await add.getByLabel("Health checks did not remove the failing host (root cause)").check();
  await add.getByRole("button", { name: "Add lesson" }).click();
  await expect(lessonRows(page)).toHaveCount(1);

  await expect(coverage(page)).toContainText("1 of 1 root cause has follow-up.");
  await expect(coverage(page)).not.toContainText("Without follow-up:");
  await expect(coverage(page).locator(".coverage-ok")).toBeVisible();

  await page.reload();
  await expect(coverage(page)).toContainText("1 of 1 root cause has follow-up.");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("lessons and dependencies are added and their rich fields saved through plain forms", async ({ page }) => {
    const id = await importTestCoe({ title: "No-JS lessons and dependencies", whys: WHYS });
    await page.goto(`/coes/${id}/edit`);

    const addLesson = page.getByRole("form", { name: "Add a lesson" });
    await addLesson.getByRole("textbox", { name: "Lesson", exact: true }).fill("First version of the lesson.");
    await addLesson.getByLabel("Health checks did not remove the failing host (root cause)").check();
    await addLesson.getByRole("button", { name: "Add lesson" }).click();
    await expect(lessonRows(page)).toHaveCount(1);
    await expect(lessonRows(page).first().locator("a.from-why")).toHaveText(["From why: Health checks did not remove the failing host"]);

    const lessonForm = page.getByRole("form", { name: "Lesson 1" });
    await expect(lessonForm.getByLabel("Lesson 1")).toHaveValue("First version of the lesson.");
    await lessonForm.getByLabel("Lesson 1").fill("Second version.\n\nWith a <b>second</b> paragraph.");
    await lessonForm.getByRole("button", { name: "Save lesson 1" }).click();
    await expect(page.getByRole("form", { name: "Lesson 1" }).getByLabel("Lesson 1")).toHaveValue("Second version.\n\nWith a <b>second</b> paragraph.");

    const addDependency = page.getByRole("form", { name: "Add a dependency" });
    await addDependency.getByRole("textbox", { name: "Dependency", exact: true }).fill("The DNS provider");
    await addDependency.getByLabel("Did it perform as promised (SLA, RPO, RTO)?").selectOption({ label: "No" });
    await addDependency.getByLabel("Notes").fill("Resolution failed.");
    await addDependency.getByRole("button", { name: "Add dependency" }).click();
    await expect(dependencyRows(page)).toHaveCount(1);
    expect(await answersOf(dependencyRows(page).first())).toEqual(["No", "Unknown", "Not said"]);

    const notesForm = page.getByRole("form", { name: "Notes on The DNS provider" });
    await expect(notesForm.getByLabel("Notes on The DNS provider")).toHaveValue("Resolution failed.");
    await notesForm.getByLabel("Notes on The DNS provider").fill("Resolution failed for 20 minutes.");
    await notesForm.getByRole("button", { name: "Save notes on the dns provider" }).click();
    await expect(page.getByRole("form", { name: "Notes on The DNS provider" }).getByLabel("Notes on The DNS provider")).toHaveValue(
      "Resolution failed for 20 minutes.",
    );

    await page.reload();
    await expect(page.getByRole("form", { name: "Lesson 1" }).getByLabel("Lesson 1")).toHaveValue("Second version.\n\nWith a <b>second</b> paragraph.");
    await expect(page.getByRole("form", { name: "Notes on The DNS provider" }).getByLabel("Notes on The DNS provider")).toHaveValue(
      "Resolution failed for 20 minutes.",
    );

    const html = await readingHtml(page, id);
    expect(html).toContain("<p>Second version.</p><p>With a &lt;b&gt;second&lt;/b&gt; paragraph.</p>");
    expect(html).toContain("Resolution failed for 20 minutes.");
  });
});
