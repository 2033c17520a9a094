import { expect, test, type Page, type Route } from "@playwright/test";
import { hydrated, importTestCoe, signInAs } from "./support";

const tree = (page: Page) => page.getByRole("tree", { name: "Five whys" });
const item = (page: Page, text: string) => tree(page).getByRole("treeitem", { name: new RegExp(`^${text}`) });

const chain = {
  text: "3% of API calls failed for 45 minutes",
  children: [
    {
      text: "One of 100 hosts returned 500 errors",
      children: [{ text: "Its volume was impaired", children: [{ text: "The zone had a storage failure", children: [] }] }],
    },
    { text: "Health checks missed the host", children: [] },
  ],
};

/** Imports a COE whose tree is `chain` and opens its edit page, hydrated. */
async function openChain(page: Page, title: string) {
  const id = await importTestCoe({ title, whys: chain });
  await page.goto(`/coes/${id}/edit`);
  await hydrated(page);
  return id;
}

/** What has DOM focus and which node the editor shows as focused, as aria-labels. */
const focusState = (page: Page) =>
  page.evaluate(() => ({
    dom: document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName ?? null,
    editor: document.querySelector(".why-item.focused")?.getAttribute("aria-label") ?? null,
  }));

/** Holds every edit-page POST (a save) until `release()`; the revalidation that follows is slowed too. */
async function holdSaves(page: Page, coeId: number) {
  const held: Route[] = [];
  let open = false;
  await page.route(`**/coes/${coeId}/edit.data*`, async (route) => {
    if (route.request().method() === "POST" && !open) held.push(route);
    else {
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    }
  });
  return {
    waitForHeld: () => expect.poll(() => held.length).toBeGreaterThan(0),
    release: async () => {
      open = true;
      for (const r of held.splice(0)) await r.continue();
    },
  };
}

test.beforeEach(async ({ context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
});

test("DOM focus follows the focused node while a save is in flight and after it lands", async ({ page }) => {
  const id = await openChain(page, "Focus during a slow save");
  const saves = await holdSaves(page, id);

  // Mark a root cause and move on at once, without waiting for the save.
  await item(page, "The zone had").focus();
  await page.keyboard.press("r");
  await saves.waitForHeld();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(item(page, "One of 100 hosts")).toBeFocused();
  await expect(tree(page)).toHaveAttribute("aria-busy", "true");

  // The save lands and the page revalidates (the marked node grows a label, the layout moves).
  await saves.release();
  await expect(item(page, "The zone had")).toHaveAccessibleName(/root cause/);
  await expect(tree(page)).toHaveAttribute("aria-busy", "false");
  expect(await focusState(page)).toEqual({ dom: "One of 100 hosts returned 500 errors", editor: "One of 100 hosts returned 500 errors" });
  // And the keyboard still works from there.
  await page.keyboard.press("ArrowDown");
  await expect(item(page, "Its volume")).toBeFocused();
});

test("a key pressed just as a save lands moves focus, and the save does not pull it back", async ({ page }) => {
  const id = await openChain(page, "Focus as a save lands");
  const saves = await holdSaves(page, id);
  await item(page, "Health checks").focus();

  // ArrowUp is dispatched in the same task as the commit that shows the mark (a key queued behind a
  // slow render), before React has run that commit's effects.
  await page.evaluate(() => {
    const el = document.querySelector('[role="treeitem"][aria-label^="Health checks"]')!;
    new MutationObserver((_, observer) => {
      if (!el.getAttribute("aria-label")!.includes("root cause")) return;
      observer.disconnect();
      document.activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", bubbles: true, cancelable: true }));
    }).observe(el, { attributes: true });
  });
  await page.keyboard.press("r");
  await saves.waitForHeld();
  await saves.release();
  await expect(item(page, "Health checks")).toHaveAccessibleName(/root cause/);
  await expect(tree(page)).toHaveAttribute("aria-busy", "false");
  await expect(item(page, "The zone had")).toBeFocused();
  expect(await focusState(page)).toEqual({ dom: "The zone had a storage failure", editor: "The zone had a storage failure" });
});

test("moving a node while another save is in flight: focus stays where the author went", async ({ page }) => {
  const id = await openChain(page, "Focus during a slow move");
  const saves = await holdSaves(page, id);

  // Move the second branch above the first (its node group is moved in the DOM), and go into the first branch meanwhile.
  await item(page, "Health checks").focus();
  await page.keyboard.press("Alt+ArrowUp");
  await saves.waitForHeld();
  await page.keyboard.press("ArrowUp");
  await expect(item(page, "The zone had")).toBeFocused();
  await saves.release();
  await expect(item(page, "Health checks")).toHaveAttribute("aria-posinset", "1");
  await expect(tree(page)).toHaveAttribute("aria-busy", "false");
  expect(await focusState(page)).toEqual({ dom: "The zone had a storage failure", editor: "The zone had a storage failure" });
});

test("after a delete, focus goes to the deleted node's parent, not back to the problem statement", async ({ page }) => {
  await openChain(page, "Focus after a delete");
  await item(page, "Its volume").focus();
  await page.keyboard.press("Delete");
  await page.getByRole("alertdialog", { name: "Delete this why?" }).getByRole("button", { name: "Delete", exact: true }).click();
  await expect(item(page, "Its volume")).toHaveCount(0);
  await expect(tree(page)).toHaveAttribute("aria-busy", "false");
  await expect(item(page, "One of 100 hosts")).toBeFocused();
  expect(await focusState(page)).toEqual({ dom: "One of 100 hosts returned 500 errors", editor: "One of 100 hosts returned 500 errors" });
});

test("arriving by a #why- link focuses that node once: later saves do not pull focus back to it", async ({ page }) => {
  const id = await openChain(page, "Focus after a link");
  const linked = await item(page, "Its volume").getAttribute("id");
  await page.goto("/coes");
  await page.goto(`/coes/${id}/edit#${linked}`);
  await hydrated(page);
  await expect(item(page, "Its volume")).toBeFocused();

  await page.keyboard.press("ArrowDown");
  await expect(item(page, "The zone had")).toBeFocused();
  await page.keyboard.press("r");
  await expect(item(page, "The zone had")).toHaveAccessibleName(/root cause/);
  await expect(tree(page)).toHaveAttribute("aria-busy", "false");
  expect(await focusState(page)).toEqual({ dom: "The zone had a storage failure, root cause", editor: "The zone had a storage failure, root cause" });
});
