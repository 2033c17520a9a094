import { redirect } from "react-router";
import { sessionSecret } from "../data/session-secret.server";
import { deleteSession, deleteSessionsOf, insertSession, userOfSession, type SessionUser } from "../data/sessions.server";
import { signedCookie } from "./signed-cookie.server";
import { hashToken, newSecretToken } from "./secret-token.server";

export const SESSION_DAYS = 14;
const SESSION_MS = SESSION_DAYS * 24 * 3600 * 1000;

export type { SessionUser };

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

/** Creates a DB session and returns the Set-Cookie header value that carries its token. */
export async function createSession(userId: number, now = Date.now()): Promise<string> {
  const token = newSecretToken();
  // The session row's id is the token's hash.
  await insertSession(hashToken(token), userId, new Date(now + SESSION_MS), new Date(now));
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

async function lookUpUser(request: Request): Promise<SessionUser | undefined> {
  const token = tokenFrom(request);
  if (!token) return undefined;
  return await userOfSession(hashToken(token), Date.now());
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
  if (token) await deleteSession(hashToken(token));
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Ends every session of a user (password change, account disabled). */
export async function revokeAllSessions(userId: number) {
  await deleteSessionsOf(userId);
}
