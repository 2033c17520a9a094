import { randomBytes } from "node:crypto";
import { createCookie } from "react-router";
import { z } from "zod";
import { sessionSecret } from "../data/session-secret.server";

/**
 * OWASP's device cookie: signing in successfully marks this browser as a known device for that
 * email. A known device is throttled on its own (by its id, not its address), so an attacker
 * guessing at an email from elsewhere, or from the same office network, cannot lock its owner out.
 */
const MAX_EMAILS = 5;
const DeviceSchema = z.object({ id: z.string().regex(/^[\w-]{16,64}$/), emails: z.array(z.string().max(320)).max(MAX_EMAILS) });
export type Device = z.infer<typeof DeviceSchema>;

let cookie: ReturnType<typeof createCookie> | undefined;
function deviceCookie() {
  cookie ??= createCookie("coe_device", {
    httpOnly: true,
    sameSite: "lax",
    // "/" and not "/login": the hydrated form posts to /login.data, which a cookie with Path=/login is never sent to.
    path: "/",
    secure: process.env.COOKIE_SECURE === "true",
    maxAge: 365 * 24 * 3600,
    secrets: [sessionSecret()],
  });
  return cookie;
}

/** The device this browser proved it is (a cookie we signed), if any. */
export async function readDevice(request: Request): Promise<Device | undefined> {
  const parsed = DeviceSchema.safeParse(await deviceCookie().parse(request.headers.get("Cookie")));
  return parsed.success ? parsed.data : undefined;
}

/** The device id to key this attempt by: only when this device has signed in to this very email before. */
export function knownDeviceFor(device: Device | undefined, email: string): string | null {
  return device?.emails.includes(email) ? device.id : null;
}

/** Set-Cookie that adds `email` to this browser's device cookie (creating one if needed). */
export function rememberDevice(device: Device | undefined, email: string): Promise<string> {
  const id = device?.id ?? randomBytes(18).toString("base64url");
  const emails = [email, ...(device?.emails ?? []).filter((e) => e !== email)].slice(0, MAX_EMAILS);
  return deviceCookie().serialize({ id, emails });
}
