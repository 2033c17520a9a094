import { data, Form, redirect, useActionData, useNavigation, useSearchParams } from "react-router";
import { ErrorAlert } from "~/components/ui/error-alert";
import { z } from "zod";
import type { Route } from "./+types/login";
import { safeRedirect } from "~/auth/guards.server";
import { THROTTLE, throttleVerdict } from "~/auth/login-throttle";
import { verifyPassword } from "~/auth/password.server";
import { createSession, getUser } from "~/auth/session.server";
import { db } from "~/data/db.server";
import { findUserByEmail, recentLoginFailures, recordLoginFailure, recordSignIn } from "~/data/users.server";
import { TextField } from "~/components/ui/text-field";

export const meta: Route.MetaFunction = () => [{ title: "Sign in · COE" }];

const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email").max(320).email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(1000),
  redirectTo: z.string().optional(),
});

// A hash to compare against when the email is unknown, so response time does not reveal which emails exist.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + "A".repeat(86) + "==";

export async function loader({ request }: Route.LoaderArgs) {
  if (await getUser(request)) throw redirect("/coes");
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = LoginSchema.safeParse(form);
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return data({ errors: { email: errors.email?.[0], password: errors.password?.[0], form: undefined }, email: String(form.email ?? "") }, { status: 400 });
  }
  const { email, password } = parsed.data;
  const client = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "direct";
  const now = Date.now();
  const recent = recentLoginFailures(db(), email, client, now);
  const verdict = [throttleVerdict(recent.byEmail, THROTTLE.maxPerEmail, now), throttleVerdict(recent.byClient, THROTTLE.maxPerClient, now)].find((v) => !v.allowed);
  if (verdict && !verdict.allowed) {
    const minutes = Math.max(1, Math.ceil(verdict.retryAfterMs / 60_000));
    return data(
      { errors: { form: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, email: undefined, password: undefined }, email },
      { status: 429, headers: { "Retry-After": String(Math.ceil(verdict.retryAfterMs / 1000)) } },
    );
  }
  const user = findUserByEmail(db(), email);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabledAt) {
    recordLoginFailure(db(), email, client, now);
    return data({ errors: { form: "That email and password do not match an account.", email: undefined, password: undefined }, email }, { status: 401 });
  }
  recordSignIn(db(), user.id, email);
  throw redirect(safeRedirect(parsed.data.redirectTo), { headers: { "Set-Cookie": await createSession(user.id) } });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      <Form method="post" className="stack" noValidate>
        <ErrorAlert message={result?.errors.form} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/coes"} />
        <TextField label="Email" name="email" type="email" autoComplete="username" defaultValue={result?.email} error={result?.errors.email} required />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" error={result?.errors.password} required />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </Form>
    </section>
  );
}
