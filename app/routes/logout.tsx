import { Form, redirect } from "react-router";
import type { Route } from "./+types/logout";
import { destroySession, getUser } from "~/auth/session.server";
import { recordSignOut } from "~/data/audit.server";
import { db } from "~/data/db.server";
import { requestInfo } from "~/server/request-info.server";

export const meta: Route.MetaFunction = () => [{ title: "Sign out · COE" }];

// Signing out is a POST (a link or prefetch must not end a session); GET shows the button.
export async function loader({ request }: Route.LoaderArgs) {
  if (!(await getUser(request))) throw redirect("/login");
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await getUser(request);
  if (user) await recordSignOut(db(), user.id, requestInfo(context).clientAddress);
  throw redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}

export default function Logout() {
  return (
    <section className="narrow">
      <h1>Sign out</h1>
      <Form method="post">
        <button type="submit" className="primary">
          Sign out
        </button>
      </Form>
    </section>
  );
}
