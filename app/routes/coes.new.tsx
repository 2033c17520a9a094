import { data, Form, redirect, useActionData } from "react-router";
import { ErrorAlert } from "~/components/ui/error-alert";
import type { Route } from "./+types/coes.new";
import { forbidden } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { HeaderFields, type HeaderValues } from "~/components/coe/header-fields";
import { createCoe } from "~/data/coe-create.server";
import { listTeams } from "~/data/coe-list.server";
import { db } from "~/data/db.server";
import { attemptWrite } from "~/data/write-errors.server";
import { fieldErrors, HeaderFormSchema, type FieldErrors } from "~/domain/coe/forms";
import { readFormValues } from "~/server/form-body.server";
import { canCreateCoe } from "~/domain/coe/permissions";

export const meta: Route.MetaFunction = () => [{ title: "New COE · COE" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  if (!canCreateCoe(user)) forbidden("Only authors and admins can start a COE.");
  return { teams: await listTeams(db()), defaultTeamId: user.teamId };
}

type ActionResult = { values: Record<string, string>; errors: FieldErrors };

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  if (!canCreateCoe(user)) forbidden("Only authors and admins can start a COE.");
  const read = await readFormValues(request);
  if (!read.ok) return data<ActionResult>({ values: {}, errors: { form: read.message } }, { status: read.status });
  const values = read.value;
  const parsed = HeaderFormSchema.safeParse(values);
  if (!parsed.success) return data<ActionResult>({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const created = await attemptWrite(async () => createCoe(db(), user.id, parsed.data));
  if (!created.ok)
    return data<ActionResult>(
      { values, errors: created.status === 400 ? created.errors : { form: "That could not be saved; reload the page and try again." } },
      { status: created.status },
    );
  throw redirect(`/coes/${created.value.coeId}/edit`);
}

export default function NewCoe({ loaderData: { teams, defaultTeamId } }: Route.ComponentProps) {
  const result = useActionData<typeof action>();
  const values: HeaderValues = result?.values ?? { teamId: defaultTeamId ?? "" };
  return (
    <section className="narrow">
      <h1>New COE</h1>
      <p className="muted">
        Start with the header; the edit page then takes the customer impact, the timeline, the detection questions and the action items. Describe roles, never
        names.
      </p>
      <Form method="post" className="stack" noValidate>
        <ErrorAlert message={result?.errors.form} />
        <HeaderFields values={values} errors={result?.errors} teams={teams} />
        <button type="submit" className="primary">
          Create draft
        </button>
      </Form>
    </section>
  );
}
