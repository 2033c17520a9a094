import { expect, test, type Page } from "@playwright/test";
import { XSS_DOCS, XSS_HTML } from "../fixtures/xss-corpus";
import { hydrated, importTestCoe, signInAs } from "./support";

/** Records any payload that runs: every payload in the corpus calls window.__xss(name). */
async function watchForScript(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __xss: (name: string) => void; __xssHits: string[] };
    w.__xssHits = [];
    w.__xss = (name: string) => w.__xssHits.push(name);
  });
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return async () => {
    const hits = await page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits);
    // srcdoc/data: payloads would run in an opaque frame that cannot reach __xss: there must be no frames at all.
    const frames = page.frames().length - 1;
    return { hits, dialogs, frames };
  };
}

/** JSON.stringify without recursion, so 100,000-level documents can be sent to the server as they are. */
function stringifyDeep(value: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "object" && v !== null && "__raw" in v) out.push((v as { __raw: string }).__raw);
    else if (Array.isArray(v)) {
      stack.push({ __raw: "]" });
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i], ...(i > 0 ? [{ __raw: "," }] : []));
      stack.push({ __raw: "[" });
    } else if (typeof v === "object" && v !== null) {
      const entries = Object.entries(v);
      stack.push({ __raw: "}" });
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push(entries[i]![1], { __raw: `${JSON.stringify(entries[i]![0])}:` }, ...(i > 0 ? [{ __raw: "," }] : []));
      stack.push({ __raw: "{" });
    } else out.push(JSON.stringify(v) ?? "null");
  }
  return out.join("");
}

test.beforeEach(async ({ context, baseURL }) => {
  await signInAs(context, "author", baseURL!);
});

test(`${XSS_HTML.length} pasted payloads never run, in the editor or in the reading view`, async ({ page }) => {
  test.setTimeout(120_000);
  const id = await importTestCoe({ title: "XSS paste" });
  const check = await watchForScript(page);
  await page.goto(`/coes/${id}/edit`);
  await hydrated(page);
  const editor = page.getByTestId("editor-impact-summary");
  await expect(editor).toHaveAttribute("contenteditable", "true");
  for (const { name, html } of XSS_HTML) {
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.evaluate(
      ({ html }) => {
        const data = new DataTransfer();
        data.setData("text/html", html);
        data.setData("text/plain", html);
        document
          .querySelector('[data-testid="editor-impact-summary"]')!
          .dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      },
      { html },
    );
    expect((await check()).hits, name).toEqual([]);
  }
  await expect(page.getByTestId("save-status-impact-summary")).toHaveText(/^Saved/, { timeout: 15_000 });
  expect(await check()).toEqual({ hits: [], dialogs: [], frames: 0 });
  // The pastes really landed: the harmless text around the payloads is in the editor and was saved.
  for (const words of ["click me", "hover me", "Hello", "world"]) await expect(editor).toContainText(words);
  const stored = await (await page.request.get(`/coes/${id}`)).text();
  for (const words of ["click me", "hover me"]) expect(stored).toContain(words);

  await page.goto(`/coes/${id}`);
  await hydrated(page);
  await page.mouse.move(200, 400);
  expect(await check()).toEqual({ hits: [], dialogs: [], frames: 0 });
});

test(`${XSS_DOCS.length} hostile documents posted directly are refused or stored inert`, async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const id = await importTestCoe({ title: "XSS post" });
  const check = await watchForScript(page);
  let version = 0;
  let accepted = 0;
  for (const { name, doc } of XSS_DOCS) {
    const res = await page.request.post(`/coes/${id}/sections/impact-summary`, {
      headers: { "Content-Type": "application/json", Origin: baseURL! },
      data: stringifyDeep({ doc, baseVersion: version }),
    });
    // 413: refused before it was read (over the JSON body limit); 400: refused by the checks; 200: stored.
    expect([200, 400, 413], name).toContain(res.status());
    if (res.status() !== 200) continue;
    accepted++;
    version = ((await res.json()) as { version: number }).version;
    await page.goto(`/coes/${id}`);
    await hydrated(page);
    expect(await check(), name).toEqual({ hits: [], dialogs: [], frames: 0 });
    await page.goto(`/coes/${id}/edit`);
    await hydrated(page);
    await expect(page.getByTestId("editor-impact-summary")).toHaveAttribute("contenteditable", "true");
    expect(await check(), name).toEqual({ hits: [], dialogs: [], frames: 0 });
  }
  expect(accepted).toBeGreaterThan(0);
  expect(accepted).toBeLessThan(XSS_DOCS.length);
});

test("hostile documents saved as lessons and dependency notes never run either", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const id = await importTestCoe({
    title: "XSS rows",
    lessons: XSS_DOCS.map((_, i) => ({ text: `Lesson ${i}` })),
    dependencies: XSS_DOCS.map((_, i) => ({ name: `Dependency ${i}` })),
  });
  const check = await watchForScript(page);
  const html = await (await page.request.get(`/coes/${id}`)).text();
  const idsOf = (kind: string) => [...html.matchAll(new RegExp(`id="${kind}-(\\d+)"`, "g"))].map((m) => Number(m[1]));
  const rows = { lesson: idsOf("lesson"), dependency: idsOf("dependency") };
  expect(rows.lesson).toHaveLength(XSS_DOCS.length);
  expect(rows.dependency).toHaveLength(XSS_DOCS.length);
  const versions = { lesson: 0, dependency: 0 };
  let accepted = 0;
  for (const [i, { name, doc }] of XSS_DOCS.entries()) {
    for (const kind of ["lesson", "dependency"] as const) {
      const res = await page.request.post(`/coes/${id}/sections/${kind}-${rows[kind][i]}`, {
        headers: { "Content-Type": "application/json", Origin: baseURL! },
        data: stringifyDeep({ doc, baseVersion: versions[kind] }),
      });
      // 413: over the body limit; 400: refused (a lesson that renders no words is refused too); 200: stored.
      expect([200, 400, 413], `${kind}: ${name}`).toContain(res.status());
      if (res.status() === 200) {
        accepted++;
        versions[kind] = ((await res.json()) as { version: number }).version;
      }
    }
  }
  expect(accepted).toBeGreaterThan(0);
  for (const path of [`/coes/${id}`, `/coes/${id}/edit`]) {
    await page.goto(path);
    await hydrated(page);
    if (path.endsWith("/edit")) await expect(page.getByTestId(`editor-lesson-${rows.lesson.at(-1)}`)).toHaveAttribute("contenteditable", "true");
    await page.mouse.move(200, 400);
    expect(await check(), path).toEqual({ hits: [], dialogs: [], frames: 0 });
  }
});
