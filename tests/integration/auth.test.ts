import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { THROTTLE } from "~/auth/login-throttle";
import { requireUser } from "~/auth/session.server";
import { finishLoginAttempt, reserveLoginAttempt } from "~/data/users.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { withTransaction, type Db } from "../../db/client";
import { loginAttempts, sessions } from "../../db/schema";
import { postForm, returnedData, returnedStatus, routeArgs, thrownStatus } from "../setup/route-args";
import { freshDb } from "../setup/test-db";
import { insertUser, sessionCookieFor } from "../setup/users";

const login = (fields: Record<string, string>, headers: Record<string, string> = {}) => {
  const init = postForm("http://t/login", fields);
  return loginAction(routeArgs("http://t/login", {}, { ...init, headers: { ...init.headers, ...headers } }));
};

describe("sign-in and sessions", () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it("signs in with the right password: a DB session and an httpOnly SameSite=Lax cookie", async () => {
    const user = await insertUser(db, "author", "a@example.com");
    const res = await thrownStatus(login({ email: " A@Example.com ", password: "password123", redirectTo: "/coes/7" }));
    expect(res).toMatchObject({ status: 302, location: "/coes/7" });
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);
    const thrown = await login({ email: "a@example.com", password: "password123" }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    const cookie = (thrown as Response).headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("refuses a wrong password or unknown email with one message, and never redirects off-site", async () => {
    await insertUser(db, "author", "a@example.com");
    for (const fields of [
      { email: "a@example.com", password: "nope" },
      { email: "ghost@example.com", password: "password123" },
    ]) {
      const r = await login(fields);
      expect(returnedStatus(r)).toBe(401);
      expect(returnedData<{ errors: { form: string } }>(r).errors.form).toMatch(/do not match/);
    }
    expect(await db.select().from(sessions)).toHaveLength(0);
    const off = await thrownStatus(login({ email: "a@example.com", password: "password123", redirectTo: "//evil.test" }));
    expect(off.location).toBe("/coes");
  });

  it("field-level errors for a malformed form", async () => {
    const r = await login({ email: "not-an-email", password: "" });
    expect(returnedStatus(r)).toBe(400);
    expect(returnedData<{ errors: Record<string, string> }>(r).errors).toMatchObject({ email: "Enter a valid email address", password: "Enter your password" });
  });

  it("rate-limits failed sign-ins of one client for one email, even with the right password afterwards", async () => {
    await insertUser(db, "author", "a@example.com");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(returnedStatus(await login({ email: "a@example.com", password: "wrong" })));
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const locked = await login({ email: "a@example.com", password: "password123" });
    expect(returnedStatus(locked)).toBe(429);
    expect(returnedData<{ errors: { form: string } }>(locked).errors.form).toMatch(/Too many failed sign-ins/);
    expect(await db.select().from(sessions)).toHaveLength(0);
    expect((await db.select().from(loginAttempts)).every((a) => a.outcome === "failed")).toBe(true);
  });

  it("a success forgets the client's failures reserved before it, not those reserved after (still being checked when it succeeded)", async () => {
    const client = { clientAddress: "203.0.113.7", device: null };
    const now = Date.now();
    const reserve = async () => {
      const r = await reserveLoginAttempt(db, "a@example.com", client, now);
      if (!r.ok) throw new Error("refused");
      return r.attemptId;
    };
    const [before, success, after] = [await reserve(), await reserve(), await reserve()];
    await finishLoginAttempt(db, before, "failed");
    await finishLoginAttempt(db, after, "failed");
    await finishLoginAttempt(db, success, "succeeded");
    expect(await db.select({ id: loginAttempts.id, outcome: loginAttempts.outcome }).from(loginAttempts).orderBy(loginAttempts.id)).toEqual([
      { id: success, outcome: "succeeded" },
      { id: after, outcome: "failed" },
    ]);
  });

  it("reserving an attempt deletes this email's and this client's attempts older than the window, and nobody else's", async () => {
    const old = new Date(Date.now() - THROTTLE.windowMs - 1000);
    const row = (email: string, clientAddress: string) => ({ email, clientAddress, outcome: "failed" as const, createdAt: old });
    await withTransaction(db, (tx) =>
      tx.insert(loginAttempts).values([row("a@example.com", "192.0.2.1"), row("b@example.com", "203.0.113.7"), row("c@example.com", "192.0.2.2")]),
    );
    expect((await reserveLoginAttempt(db, "a@example.com", { clientAddress: "203.0.113.7", device: null }, Date.now())).ok).toBe(true);
    const left = await db.select({ email: loginAttempts.email, createdAt: loginAttempts.createdAt }).from(loginAttempts).orderBy(loginAttempts.id);
    expect(left.map((r) => [r.email, r.createdAt.getTime() === old.getTime() ? "old" : "new"])).toEqual([
      ["c@example.com", "old"],
      ["a@example.com", "new"],
    ]);
  });

  it("counts IPv6 clients by their /64: a fresh address from the same /64 is the same client", async () => {
    await insertUser(db, "author", "a@example.com");
    const from = (clientAddress: string) => {
      const init = postForm("http://t/login", { email: "a@example.com", password: "wrong" });
      return loginAction(routeArgs("http://t/login", {}, init, { clientAddress }));
    };
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) statuses.push(returnedStatus(await from(`2001:db8:7:7::${i}`)));
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    expect(returnedStatus(await from("2001:db8:7:8::1"))).toBe(401);
  });

  it("logout deletes the session so the old cookie no longer works", async () => {
    const user = await insertUser(db, "member");
    const cookie = await sessionCookieFor(user.id);
    const req = () => new Request("http://t/coes", { headers: { Cookie: cookie } });
    expect((await requireUser(req())).id).toBe(user.id);
    const out = await thrownStatus(logoutAction(routeArgs("http://t/logout", {}, postForm("http://t/logout", {}, cookie))));
    expect(out).toMatchObject({ status: 302, location: "/login" });
    expect(await db.select().from(sessions)).toHaveLength(0);
    expect(await thrownStatus(requireUser(req()))).toMatchObject({ status: 302, location: "/login?redirectTo=%2Fcoes" });
  });

  it("a forged or tampered cookie is ignored", async () => {
    const user = await insertUser(db, "member");
    const cookie = await sessionCookieFor(user.id);
    const tampered = cookie.slice(0, -3) + "abc";
    expect((await thrownStatus(requireUser(new Request("http://t/coes", { headers: { Cookie: tampered } })))).status).toBe(302);
  });
});
