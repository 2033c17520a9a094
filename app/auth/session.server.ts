import { createHash, randomBytes } from "node:crypto";
import { redirect } from "react-router";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { sessions, users, type Role } from "../../db/schema";
import { sessionSecret } from "./session-secret.server";
import { signedCookie } from "./signed-cookie.server";
import { perConnection } from "../data/per-connection.server";
import { memoByText } from "../domain/text-memo";

export const SESSION_DAYS = 14;
const SESSION_MS = SESSION_DAYS * 24 * 3600 * 1000;

export type SessionUser = { id: number; email: string; name: string; role: Role; teamId: number | null };

let cookie: ReturnType<typeof signedCookie> | undefined;
function sessionCookie() {
  cookie ??= signedCookie("coe_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: process.env.COOKIE_SECURE === "true",
    maxAge: SESSION_MS / 1000,
    secrets: [sessionSecret()],
  });
  return cookie;
}

/** The session row's id: the token's SHA-256 (the token itself is never stored); remembered per token, as it is read on every request. */
const hashToken = memoByText((token: string) => createHash("sha256").update(token).digest("hex"), 1_000_000);

/** Creates a DB session and returns the Set-Cookie header value that carries its token. */
export async function createSession(userId: number, now = Date.now()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  getDb()
    .insert(sessions)
    .values({ id: hashToken(token), userId, expiresAt: new Date(now + SESSION_MS) })
    .run();
  // Expired sessions are swept here rather than by a timer: sign-in is rare and cheap to piggyback on.
  getDb()
    .delete(sessions)
    .where(lt(sessions.expiresAt, new Date(now)))
    .run();
  return sessionCookie().serialize(token);
}

function tokenFrom(request: Request): string | undefined {
  return sessionCookie().parse(request.headers.get("Cookie"));
}

/** Whether the request carries a session cookie this server signed (no database read: decides only how much of a body to accept). */
export function hasSignedSessionCookie(cookieHeader: string | undefined): boolean {
  return sessionCookie().parse(cookieHeader) !== undefined;
}

// The root loader and the page's loader both ask for the user of the same request: look it up once.
const userOfRequest = new WeakMap<Request, Promise<SessionUser | undefined>>();

export function getUser(request: Request): Promise<SessionUser | undefined> {
  let user = userOfRequest.get(request);
  if (!user) {
    user = lookUpUser(request);
    userOfRequest.set(request, user);
  }
  return user;
}

// Every signed-in request runs this: prepared once per connection rather than built and compiled each time.
const sessionUser = perConnection((db) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, teamId: users.teamId })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder("id")), gt(sessions.expiresAt, sql.placeholder("now")), isNull(users.disabledAt)))
    .prepare(),
);

async function lookUpUser(request: Request): Promise<SessionUser | undefined> {
  const token = tokenFrom(request);
  if (!token) return undefined;
  // A placeholder is bound as given: the column stores milliseconds.
  return sessionUser(getDb()).get({ id: hashToken(token), now: Date.now() });
}

/** The signed-in user, or a redirect to /login that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = url.pathname.replace(/\.data$/, "") + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** Deletes the session row (revocation) and returns a Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request): Promise<string> {
  const token = tokenFrom(request);
  if (token)
    getDb()
      .delete(sessions)
      .where(eq(sessions.id, hashToken(token)))
      .run();
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Ends every session of a user (password change, account disabled). */
export function revokeAllSessions(userId: number) {
  getDb().delete(sessions).where(eq(sessions.userId, userId)).run();
}
