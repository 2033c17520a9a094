import { expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// The browser tests share the server's database file (see playwright.config.ts) to create
// sessions directly: only one test types a password.
process.env.DATABASE_PATH = process.env.E2E_DATABASE ?? "data/e2e.db";
process.env.SESSION_SECRET = "e2e-secret";

export const DEMO = {
  admin: "admin@example.com",
  reviewer: "reviewer@example.com",
  author: "author@example.com",
  member: "member@example.com",
} as const;
export const DEMO_PASSWORD = "demo-password";

/** Signs `context` in as a demo user by creating a session row and setting its cookie. */
export async function signInAs(context: BrowserContext, who: keyof typeof DEMO, baseURL: string) {
  const [{ getDb }, { users }, { createSession }] = await Promise.all([
    import("../../db/client"),
    import("../../db/schema"),
    import("../../app/auth/session.server"),
  ]);
  const [user] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, DEMO[who]));
  if (!user) throw new Error(`demo user ${DEMO[who]} is missing: was the e2e database seeded?`);
  const [pair] = (await createSession(user.id)).split(";");
  const [name, value] = [pair!.slice(0, pair!.indexOf("=")), pair!.slice(pair!.indexOf("=") + 1)];
  await context.addCookies([{ name, value, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

/** Collects page errors, console errors and React hydration errors. */
export function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of (400|401|403|404|409|422|429)/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return async () => {
    const hydration = await page.evaluate(() => (window as unknown as { __hydrationErrors?: string[] }).__hydrationErrors ?? []).catch(() => []);
    return [...errors, ...hydration];
  };
}

/** Waits until React has hydrated the page (the root layout marks <html> in an effect; forms then submit through the router). */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** A second person in a browser of their own: signed in as `who`, on `path`, hydrated, with their page's errors watched. */
export async function openAs(browser: Browser, baseURL: string, who: keyof typeof DEMO, path: string) {
  const context = await browser.newContext({ baseURL });
  await signInAs(context, who, baseURL);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(path);
  await hydrated(page);
  return { context, page, errors };
}

/** The source of every script the page loads from now on; `read()` waits for the network to settle and for every body. */
export function collectScripts(page: Page) {
  let bodies: Promise<string>[] = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "script") bodies.push(r.text());
  });
  return {
    async read() {
      await page.waitForLoadState("networkidle");
      const scripts = await Promise.all(bodies);
      expect(scripts.length).toBeGreaterThan(0);
      return scripts;
    },
    reset() {
      bodies = [];
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Every axe-core rule on the page as it is now. axe runs in the page itself, injected once per
 * document (our pages have no frames): @axe-core/playwright's default finishes each run in a new
 * blank page, which took 4 s of the 5 a check cost on the COE page.
 */
export async function expectNoAxeViolations(page: Page) {
  // A function, not just a name: an element with id="axe" is a `window.axe` too.
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === "function"))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof import("axe-core") };
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  expect(violations).toEqual([]);
}

/** Creates a draft through the New COE page and returns its id (we are on its edit page after). */
export async function createCoe(page: Page, title: string) {
  await page.goto("/coes/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Severity").selectOption("2");
  await page.getByLabel("Owning team").selectOption({ label: "Storage" });
  await page.getByLabel("Affected services").fill("api, load balancer");
  await page.getByRole("button", { name: "Create draft" }).click();
  await page.waitForURL(/\/coes\/\d+\/edit/);
  return Number(/\/coes\/(\d+)\/edit/.exec(page.url())![1]);
}

export async function addTimelineEntry(page: Page, local: string, kind: string, text: string) {
  const form = page.getByRole("form", { name: "Add timeline entry" });
  await form.getByLabel("Time").fill(local);
  await form.getByLabel("UTC offset").selectOption("+00:00");
  await form.getByLabel("Kind").selectOption(kind);
  await form.getByLabel("What happened").fill(text);
  await form.getByRole("button", { name: "Add entry" }).click();
  await expect(page.locator("table.timeline")).toContainText(text);
}

/** Imports a COE straight into the e2e database (authored by a demo user) and returns its id. */
export async function importTestCoe(doc: Record<string, unknown>, author: keyof typeof DEMO = "author"): Promise<number> {
  const [{ getDb }, { users }, { importCoe }] = await Promise.all([
    import("../../db/client"),
    import("../../db/schema"),
    import("../../app/data/coe-import.server"),
  ]);
  const [user] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, DEMO[author]));
  const result = await importCoe(getDb(), { schemaVersion: 1, severity: 3, team: "Storage", ...doc }, { actorId: user!.id });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.coeId;
}

/**
 * Records every Content-Security-Policy violation on every document the page loads from now on:
 * an init script listens for `securitypolicyviolation` (keeping them on `window.__cspViolations`
 * too) and reports each to the test, so none is lost when the page navigates. Call before `goto`.
 */
export async function watchCspViolations(page: Page) {
  const violations: string[] = [];
  await page.exposeFunction("__reportCspViolation", (text: string) => void violations.push(text));
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations?: string[]; __reportCspViolation?: (text: string) => void };
    w.__cspViolations = [];
    document.addEventListener(
      "securitypolicyviolation",
      (e) => {
        const text = `${location.pathname}: ${e.effectiveDirective} (${e.disposition}) blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`;
        w.__cspViolations!.push(text);
        w.__reportCspViolation?.(text);
      },
      true,
    );
  });
  return () => violations;
}

/**
 * Saves an autosaving edit form the way an author does: focus leaves it (which saves at once),
 * then its status line says "Saved". Call after changing a field (the line then no longer says "Saved").
 */
export async function autosaved(form: Locator) {
  await form.evaluate((f) => {
    if (f.contains(document.activeElement)) (document.activeElement as HTMLElement).blur();
  });
  await expect(form.getByTestId(/^save-status-/)).toHaveText(/^Saved \d/);
}

/** A new browser context signed in as `who`, on the edit page of a COE (hydrated when JavaScript is on): one of two people editing at once. */
export async function openEditPageAs(browser: Browser, baseURL: string, who: "author" | "admin", coeId: number, javaScriptEnabled = true) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled });
  await signInAs(context, who, baseURL);
  const page = await context.newPage();
  await page.goto(`/coes/${coeId}/edit`);
  if (javaScriptEnabled) await hydrated(page);
  return { context, page };
}

/** A rich-text section's editor and its save-status line on the edit page (`impact-summary`, `lesson-3`, …). */
export const editor = (page: Page, section = "impact-summary") => page.getByTestId(`editor-${section}`);
export const saveStatus = (page: Page, section = "impact-summary") => page.getByTestId(`save-status-${section}`);

/** Types at the end of a rich-text section once its editor is live. */
export async function typeInto(page: Page, text: string, section = "impact-summary") {
  await expect(editor(page, section)).toHaveAttribute("contenteditable", "true");
  await editor(page, section).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

/**
 * Marks a browser test as one of the journeys that run on PostgreSQL as well (playwright.config.ts
 * selects them by this tag when E2E_DATABASE_URL is set): the ones whose server side the engine
 * could change. What happens only in the browser runs once, on SQLite.
 */
export const BOTH_ENGINES = { tag: "@both-engines" };
