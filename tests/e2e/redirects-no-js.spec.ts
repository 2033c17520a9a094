import { expect, test, type Browser } from "@playwright/test";
import { HOSTILE_REDIRECTS, SAFE_REDIRECTS } from "../fixtures/open-redirect-payloads";
import { DEMO, DEMO_PASSWORD } from "./support";

// With JavaScript off the browser itself follows the server's redirect after the form post: the
// real test of where a hostile sign-in link can send someone.
const HOSTILE = [
  "%09 between slashes (the reported one)",
  "raw tab between slashes",
  "protocol-relative",
  "slash backslash",
  "scheme without slashes",
  "dot then double slash",
  "%2F%2F after the first slash",
  "full-width solidus ／／",
  "ideographic full stop 。",
  "javascript:",
  "our host as userinfo",
].map((name) => HOSTILE_REDIRECTS.find((p) => p.name === name)!);

/** Follows a sign-in link with JavaScript off, signs in through the form, and returns where the browser ended up and every host it asked for. */
async function signInThroughLink(browser: Browser, baseURL: string, redirectTo: string) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  const origins = new Set<string>();
  page.on("request", (r) => origins.add(new URL(r.url()).origin));
  // The reported link is /login?redirectTo=/%09/evil.example: the query carries the value %-encoded.
  await page.goto(`/login?${new URLSearchParams({ redirectTo })}`);
  await page.getByLabel("Email").fill(DEMO.member);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState("load");
  const landed = new URL(page.url());
  const heading = await page.getByRole("heading", { level: 1 }).textContent();
  await context.close();
  return { landed, heading, origins: [...origins] };
}

for (const payload of HOSTILE) {
  test(`signing in from a hostile link with JavaScript off lands on this site: ${payload.name}`, async ({ browser, baseURL }) => {
    const { landed, heading, origins } = await signInThroughLink(browser, baseURL!, payload.value);
    expect(landed.href).toBe(new URL("/coes", baseURL).href);
    expect(heading).toBe("Correction of Errors");
    expect(origins).toEqual([new URL(baseURL!).origin]);
  });
}

test("signing in from a safe link with JavaScript off lands where it pointed", async ({ browser, baseURL }) => {
  const target = SAFE_REDIRECTS.find((p) => p.name === "query and fragment")!;
  const { landed, origins } = await signInThroughLink(browser, baseURL!, target.value);
  expect(`${landed.pathname}${landed.search}${landed.hash}`).toBe(target.parsed);
  expect(origins).toEqual([new URL(baseURL!).origin]);
});
