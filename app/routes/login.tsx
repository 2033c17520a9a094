import { data, Form, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import { ErrorAlert } from "~/components/ui/error-alert";
import { z } from "zod";
import type { Route } from "./+types/login";
import { knownDeviceFor, readDevice, rememberDevice } from "~/auth/device-cookie.server";
import { retryAfterText, throttleClientKey } from "~/auth/login-throttle";
import { safeRedirect } from "~/auth/safe-redirect";
import { verifyPassword } from "~/auth/password.server";
import { createSession, getUser } from "~/auth/session.server";
import { db } from "~/data/db.server";
import { findUserByEmail, finishLoginAttempt, recordSignIn, reserveLoginAttempt } from "~/data/users.server";
import { readFormValues } from "~/server/form-body.server";
import { requestInfo } from "~/server/request-info.server";
import { TextField } from "~/components/ui/text-field";

export const meta: Route.MetaFunction = () => [{ title: "Sign in · COE" }];

const LoginSchema = z.object({
  email: z.string({ error: "Enter your email" }).trim().toLowerCase().min(1, "Enter your email").max(320).email("Enter a valid email address"),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1000, "That password is too long (1,000 characters at most)"),
  redirectTo: z.string().optional(),
});

type LoginErrors = { form?: string; email?: string; password?: string };
const answer = (errors: LoginErrors, email: string, status: number, headers?: HeadersInit) => data({ errors, email }, { status, headers });

// A hash to compare against when the email is unknown, so response time does not reveal which emails exist.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A".repeat(86) + "==";

/** The form carries only a redirect target already made safe, so a hostile link cannot even reach the action through it. */
export async function loader({ request }: Route.LoaderArgs) {
  if (await getUser(request)) throw redirect("/coes");
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo")) };
}

/** A 429's Retry-After reaches the client (React Router passes an action's headers on only through this). */
export const headers: Route.HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

/**
 * Sign-in: the attempt is reserved (and counted) before the password is checked, so parallel
 * guesses cannot slip past the throttle; the redirect target is settled before anything is written.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const read = await readFormValues(request);
  if (!read.ok) return answer({ form: read.message }, "", read.status);
  const parsed = LoginSchema.safeParse(read.value);
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return answer({ email: errors.email?.[0], password: errors.password?.[0] }, String(read.value.email ?? "").slice(0, 320), 400);
  }
  const { email, password } = parsed.data;
  const goTo = safeRedirect(parsed.data.redirectTo);
  const info = requestInfo(context);
  info.auditDetail.email = email;
  const device = await readDevice(request);
  const client = { clientAddress: throttleClientKey(info.clientAddress), device: knownDeviceFor(device, email) };
  const reservation = await reserveLoginAttempt(db(), email, client, Date.now());
  if (!reservation.ok) {
    const wait = reservation.verdict.retryAfterMs;
    return answer({ form: `Too many failed sign-ins. Try again in ${retryAfterText(wait)}.` }, email, 429, { "Retry-After": String(Math.ceil(wait / 1000)) });
  }
  const user = await findUserByEmail(db(), email);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabledAt) {
    await finishLoginAttempt(db(), reservation.attemptId, "failed");
    return answer({ form: "That email and password do not match an account." }, email, 401);
  }
  await finishLoginAttempt(db(), reservation.attemptId, "succeeded");
  await recordSignIn(db(), user.id, info.clientAddress);
  const headers = new Headers([
    ["Set-Cookie", await createSession(user.id)],
    ["Set-Cookie", await rememberDevice(device, email)],
  ]);
  throw redirect(goTo, { headers });
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      <Form method="post" className="stack" noValidate>
        <ErrorAlert message={result?.errors.form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField label="Email" name="email" type="email" autoComplete="username" defaultValue={result?.email} error={result?.errors.email} required />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" error={result?.errors.password} required />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </Form>
    </section>
  );
}
