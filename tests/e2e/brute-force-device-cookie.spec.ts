import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { hydrated } from "./support";

// OWASP's device cookie in a real browser: someone at the same address has used up this email's
// limit, yet the owner's browser, which signed in here before, still gets in. With JavaScript on,
// the form posts to /login.data, so the cookie must reach that address too.
const email = `device-owner-${Date.now()}@example.com`;
const password = "correct horse battery";
// Chromium connects from 127.0.0.1, the address the failures below are recorded against.
const sharedAddress = "127.0.0.1";

async function e2eDb() {
  const [{ getDb, withTransaction }, schema, { hashPassword }] = await Promise.all([
    import("../../db/client"),
    import("../../db/schema"),
    import("../../app/auth/password.server"),
  ]);
  return { db: getDb(), schema, hashPassword, withTransaction };
}

async function signIn(page: Page) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test.beforeAll(async () => {
  const { db, schema, hashPassword, withTransaction } = await e2eDb();
  const passwordHash = await hashPassword(password);
  await withTransaction(db, (tx) => tx.insert(schema.users).values({ email, name: "Device Owner", role: "member", passwordHash }));
});

test.afterAll(async () => {
  // Leave the shared address's budget as it was for the browser tests that follow.
  const { db, schema, withTransaction } = await e2eDb();
  await withTransaction(db, (tx) => tx.delete(schema.loginAttempts).where(eq(schema.loginAttempts.email, email)));
});

test("the owner's browser gets in through the hydrated form although its address has used up the limit for the email", async ({ browser }) => {
  const owner = await browser.newContext();
  const page = await owner.newPage();
  await signIn(page);
  await expect(page).toHaveURL(/\/coes$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  const { db, schema, withTransaction } = await e2eDb();
  const failed = Array.from({ length: 5 }, () => ({ email, clientAddress: sharedAddress, outcome: "failed" as const, createdAt: new Date() }));
  await withTransaction(db, (tx) => tx.insert(schema.loginAttempts).values(failed));

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await signIn(strangerPage);
  await expect(strangerPage.getByRole("alert")).toContainText("Too many failed sign-ins");

  await signIn(page);
  await expect(page).toHaveURL(/\/coes$/);
  await expect(page.locator(".user-menu")).toContainText("Device Owner");
  await Promise.all([owner.close(), stranger.close()]);
});
