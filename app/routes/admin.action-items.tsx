import { Form, redirect, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/admin.action-items";
import { forbidden } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { getActionItemSettings, saveActionItemSettings } from "~/data/action-item-settings.server";
import { db } from "~/data/db.server";
import { canAdminister } from "~/domain/coe/permissions";
import { requireFormValues } from "~/server/form-body.server";

export const meta: Route.MetaFunction = () => [{ title: "Action item settings · COE" }];

const ADMINS_ONLY = "Only admins can change how action items are validated.";

export async function loader({ request, url }: Route.LoaderArgs) {
  const user = await requireUser(request);
  if (!canAdminister(user)) forbidden(ADMINS_ONLY);
  return { settings: await getActionItemSettings(db()), saved: url.searchParams.has("saved") };
}

const Settings = z.object({ validatorMustDiffer: z.enum(["yes", "no"]).catch("yes") });

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  if (!canAdminister(user)) forbidden(ADMINS_ONLY);
  const { validatorMustDiffer } = Settings.parse(await requireFormValues(request));
  await saveActionItemSettings(db(), { validatorMustDiffer: validatorMustDiffer === "yes" }, user.id, new Date());
  return redirect("/admin/action-items?saved");
}

export default function ActionItemSettings({ loaderData: { settings, saved } }: Route.ComponentProps) {
  const busy = useNavigation().state === "submitting";
  return (
    <section className="stack">
      <h1>Action item settings</h1>
      {saved ? <p role="status">Saved.</p> : null}
      <Form method="post" className="stack">
        <fieldset>
          <legend>Who may validate an item</legend>
          <p className="hint">An item is done only when someone has shown that the same conditions no longer cause the failure.</p>
          <label className="choice">
            <input type="radio" name="validatorMustDiffer" value="yes" defaultChecked={settings.validatorMustDiffer} /> Someone other than its owner
            (recommended: the person who built a fix is the worst judge of it)
          </label>
          <label className="choice">
            <input type="radio" name="validatorMustDiffer" value="no" defaultChecked={!settings.validatorMustDiffer} /> Anyone who may validate it, its owner
            included
          </label>
        </fieldset>
        <button type="submit" className="button primary" disabled={busy}>
          Save
        </button>
      </Form>
    </section>
  );
}
