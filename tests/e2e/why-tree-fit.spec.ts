import { expect, test, type Locator, type Page } from "@playwright/test";
import { hydrated, importTestCoe, signInAs } from "./support";

/** Four columns deep, root causes (with their label) and evidence in the last column: the widest drawing a short tree makes. */
const wideTree = {
  text: "Checkout failed for 12% of users for 20 minutes",
  children: [
    {
      text: "A config flag disabled the payment retry on every host in two regions",
      children: [
        {
          text: "The flag's default changed in a library upgrade",
          children: [
            { text: "Nothing compared flag defaults between library versions", rootCause: true, evidence: "diff of the two releases", children: [] },
            { text: "The upgrade was rolled out to all regions at once", rootCause: true, children: [] },
          ],
        },
      ],
    },
    { text: "Nobody was paged for 15 minutes", children: [{ text: "The alarm watched the average latency", rootCause: true, children: [] }] },
  ],
};

/** Each element's box, and the box it must lie in, in CSS px of the page. */
async function boxesOutside(container: Locator, items: Locator): Promise<string[]> {
  const outer = (await container.boundingBox())!;
  const out: string[] = [];
  for (const item of await items.all()) {
    const b = (await item.boundingBox())!;
    const name = (await item.getAttribute("id")) ?? (await item.getAttribute("aria-label")) ?? "?";
    if (b.x < outer.x - 0.5 || b.y < outer.y - 0.5 || b.x + b.width > outer.x + outer.width + 0.5 || b.y + b.height > outer.y + outer.height + 0.5)
      out.push(`${name}: ${JSON.stringify(b)} not inside ${JSON.stringify(outer)}`);
  }
  return out;
}

/** Smallest computed font size of the text elements matched. */
const minFontSize = (texts: Locator) => texts.evaluateAll((els) => Math.min(...els.map((e) => parseFloat(getComputedStyle(e).fontSize))));

test.beforeEach(async ({ context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
});

for (const width of [1280, 390]) {
  test(`the reading view's picture holds every node and label, shown unscaled and reachable, at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const id = await importTestCoe({ title: `Wide tree at ${width}`, whys: wideTree });
    await page.goto(`/coes/${id}`);
    const img = page.locator("figure.why-figure img");
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
    // Drawn at 100 %: not squeezed into the column, and all of it inside the scrollable region.
    const size = await img.evaluate((i: HTMLImageElement) => ({ natural: [i.naturalWidth, i.naturalHeight], shown: [i.clientWidth, i.clientHeight] }));
    expect(size.shown).toEqual(size.natural);
    const region = page.getByRole("region", { name: "Five whys tree (scrollable)" });
    const reach = await region.evaluate((r) => ({ scrollWidth: r.scrollWidth, scrollHeight: r.scrollHeight }));
    expect(reach.scrollWidth).toBeGreaterThanOrEqual(size.natural[0]!);
    expect(reach.scrollHeight).toBeGreaterThanOrEqual(size.natural[1]!);
    // No sideways scroll of the page itself.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    // The picture itself: every node's box, text and labels inside the viewBox, at legible sizes.
    await page.goto(`/coes/${id}/whys.svg`);
    const svg = page.locator("svg").first();
    const nodes = page.locator("g[id^='why-']");
    await expect(nodes).toHaveCount(7);
    expect(await boxesOutside(svg, nodes)).toEqual([]);
    expect(await svg.evaluate((s) => s.getAttribute("viewBox"))).toBe(`0 0 ${size.natural[0]} ${size.natural[1]}`);
    await expect(page.locator("text", { hasText: "ROOT CAUSE" })).toHaveCount(3);
    expect(await minFontSize(page.locator("g[id^='why-'] > text:not(:has-text('ROOT CAUSE'))"))).toBeGreaterThanOrEqual(14);
    expect(await minFontSize(page.locator("text", { hasText: "ROOT CAUSE" }))).toBeGreaterThanOrEqual(12);
  });
}

const tree = (page: Page) => page.getByRole("tree", { name: "Five whys" });

async function addWhyBelow(page: Page, parent: string, text: string) {
  await tree(page)
    .getByRole("treeitem", { name: new RegExp(`^${parent}`) })
    .click();
  await page.getByRole("button", { name: "Add why below" }).click();
  await page.getByRole("textbox", { name: "New why" }).fill(text);
  await page.keyboard.press("Enter");
  await expect(tree(page)).toHaveAttribute("aria-busy", "false");
  await expect(tree(page).getByRole("treeitem", { name: new RegExp(`^${text}`) })).toBeFocused();
}

test("the editor keeps every node in view when a why is added, even when the tree grows a column", async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const id = await importTestCoe({
    title: "Editor keeps the tree in view",
    whys: { ...wideTree, children: [wideTree.children[1]!, { text: "The retry budget was shared by all tenants", children: [] }] },
  });
  await page.goto(`/coes/${id}/edit`);
  await hydrated(page);
  const svg = tree(page);
  const items = svg.getByRole("treeitem");
  await expect(items).toHaveCount(4);
  // The tree is a little wider than the view, so it starts at 100 % around the root: fit it first.
  await expect(svg).toHaveAttribute("data-zoom", "ready");
  await page.getByRole("button", { name: "Fit to screen" }).click();
  await expect.poll(() => boxesOutside(svg, items)).toEqual([]);

  // A sibling-level why: the parent re-centres over its children; nothing may leave the view.
  await addWhyBelow(page, "Checkout failed", "The payment provider's latency doubled");
  expect(await boxesOutside(svg, items)).toEqual([]);
  // Deeper and deeper, past the width of the view: the tree is zoomed out to stay whole.
  await addWhyBelow(page, "The alarm watched", "The dashboard template only offers averages");
  await addWhyBelow(page, "The dashboard template", "Nobody owns the dashboard templates");
  await expect(items).toHaveCount(7);
  expect(await boxesOutside(svg, items)).toEqual([]);
  await page.screenshot({ path: info.outputPath("editor-after-adding.png") });
  expect(await minFontSize(svg.locator("text", { hasText: "ROOT CAUSE" }))).toBeGreaterThanOrEqual(12);
});

/** A tree far bigger than the editor's view: `width` answers under the problem, each three levels deep. */
const bigTree = (width: number) => ({
  text: "Checkout failed for 12% of users for 20 minutes",
  children: Array.from({ length: width }, (_, i) => ({
    text: `Contributing factor ${i + 1}: the retry budget was shared`,
    children: [
      { text: `Why ${i + 1}.1: nobody owned the budget`, children: [{ text: `Why ${i + 1}.1.1: no review of shared limits`, rootCause: true, children: [] }] },
    ],
  })),
});

test("the editor starts a big tree at 100 % around the root, text at its reading size; Fit to screen shows it whole", async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const id = await importTestCoe({ title: "A big tree starts readable", whys: bigTree(30) });
  await page.goto(`/coes/${id}/edit`);
  await hydrated(page);
  const svg = tree(page);
  await expect(svg).toHaveAttribute("data-zoom", "ready");
  const graphics = page.locator("svg.why-svg > g[data-graphics]");
  const scale = async () => Number(/scale\(([\d.]+)/.exec((await graphics.getAttribute("transform")) ?? "")?.[1] ?? 1);
  // Node text is drawn at 14 px and shown at 100 %: at least 14 px on screen.
  await expect.poll(scale).toBe(1);
  const root = svg.getByRole("treeitem", { name: /^Checkout failed/ });
  expect(await boxesOutside(svg, root)).toEqual([]);
  const rootText = root.locator("text").first();
  expect((await rootText.boundingBox())!.height).toBeGreaterThanOrEqual(14);
  await page.screenshot({ path: info.outputPath("big-tree-start.png") });

  await page.getByRole("button", { name: "Fit to screen" }).click();
  await expect.poll(scale).toBeLessThan(0.5);
  // Every node inside the view (checked in the page: 121 nodes).
  const outside = await svg.evaluate((el) => {
    const outer = el.getBoundingClientRect();
    return [...el.querySelectorAll("[role=treeitem]")].filter((g) => {
      const b = g.getBoundingClientRect();
      return b.left < outer.left - 0.5 || b.top < outer.top - 0.5 || b.right > outer.right + 0.5 || b.bottom > outer.bottom + 0.5;
    }).length;
  });
  expect(outside).toBe(0);
});
