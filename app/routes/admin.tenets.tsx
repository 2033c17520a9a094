import { Form, Link } from "react-router";
import type { Route } from "./+types/admin.tenets";
import { IntentFields, RetireForm, SavedNote } from "~/components/taxonomy/admin-bits";
import { ErrorAlert } from "~/components/ui/error-alert";
import { TextField } from "~/components/ui/text-field";
import { TextareaField } from "~/components/ui/textarea-field";
import { db } from "~/data/db.server";
import { addTenet, editTenet, listTenetsWithCitations, moveTenet, setTenetRetired, type Tenet } from "~/data/tenets.server";
import { LIMITS } from "~/domain/limits";
import { plural } from "~/domain/plural";
import { formState, SHORT_TEXT_MAX, TenetAdminSchema, type AdminFormResult, type TenetAdminForm } from "~/domain/taxonomy/forms";
import { requireAdmin, runAdminForm } from "~/server/admin-form.server";

export const meta: Route.MetaFunction = () => [{ title: "Tenets · Admin · COE" }];

const ADMINS_ONLY = "Only admins can manage the organisation's tenets.";

export async function loader({ request, url }: Route.LoaderArgs) {
  await requireAdmin(request, ADMINS_ONLY);
  return { tenets: await listTenetsWithCitations(db()), saved: url.searchParams.get("saved") };
}

function applyTenetForm(form: TenetAdminForm, who: { actorId: number }) {
  switch (form.intent) {
    case "add":
      return addTenet(db(), who, form);
    case "edit":
      return editTenet(db(), who, form.id, form);
    case "move":
      return moveTenet(db(), who, form.id, form.direction);
    case "retire":
      return setTenetRetired(db(), who, form.id, form.retire);
  }
}

export function action({ request }: Route.ActionArgs) {
  return runAdminForm(request, { schema: TenetAdminSchema, reason: ADMINS_ONLY, back: "/admin/tenets" }, applyTenetForm);
}

type Result = AdminFormResult | undefined;

function TenetFields({ intent, tenet, result }: { intent: "add" | "edit"; tenet?: Tenet; result: Result }) {
  const { values, errors } = formState(result, intent, tenet?.id);
  return (
    <>
      <IntentFields intent={intent} id={tenet?.id} />
      <TextField label="Title" name="title" defaultValue={values?.title ?? tenet?.title} error={errors.title} limit={LIMITS.name} required />
      <TextareaField label="What it means" name="body" defaultValue={values?.body ?? tenet?.body} error={errors.body} limit={SHORT_TEXT_MAX} rows={2} />
    </>
  );
}

function MoveButton({ tenet, direction }: { tenet: Tenet; direction: "up" | "down" }) {
  return (
    <Form method="post">
      <IntentFields intent="move" id={tenet.id} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" className="button" aria-label={`Move "${tenet.title}" ${direction}`}>
        {direction === "up" ? "Move up" : "Move down"}
      </button>
    </Form>
  );
}

function TenetItem({ tenet, isFirst, isLast, result }: { tenet: Tenet & { citedBy: number }; isFirst: boolean; isLast: boolean; result: Result }) {
  const retired = !!tenet.retiredAt;
  const { errors } = formState(result, "move", tenet.id);
  return (
    <li className="taxonomy-item stack">
      <h2>
        <Link to={`/tenets/${tenet.id}`}>{tenet.title}</Link> {retired ? <span className="badge">Retired</span> : null}
      </h2>
      {tenet.body ? <p>{tenet.body}</p> : null}
      <p className="small muted">Cited by {plural(tenet.citedBy, "COE")}</p>
      <details open={formState(result, "edit", tenet.id).values !== undefined}>
        <summary>Edit “{tenet.title}”</summary>
        <Form method="post" className="stack">
          <TenetFields intent="edit" tenet={tenet} result={result} />
          <button type="submit" className="button">
            Save
          </button>
        </Form>
      </details>
      <ErrorAlert message={errors.form} />
      <div className="row">
        {isFirst ? null : <MoveButton tenet={tenet} direction="up" />}
        {isLast ? null : <MoveButton tenet={tenet} direction="down" />}
        <RetireForm id={tenet.id} name={tenet.title} retired={retired} />
      </div>
    </li>
  );
}

export default function TenetsAdmin({ loaderData: { tenets, saved }, actionData }: Route.ComponentProps) {
  return (
    <div className="narrow stack">
      <h1>Tenets</h1>
      <p className="muted">
        The organisation&apos;s short principles, in the order they are listed. Authors cite the tenets a COE touches; a retired tenet stays cited where it was
        but is no longer offered.
      </p>
      {actionData ? <ErrorAlert message="Nothing was saved: correct the field marked below." /> : <SavedNote intent={saved} />}
      <section aria-labelledby="add-tenet" className="taxonomy-item">
        <h2 id="add-tenet">Add a tenet</h2>
        <Form method="post" className="stack">
          <TenetFields intent="add" result={actionData} />
          <button type="submit" className="button primary">
            Add tenet
          </button>
        </Form>
      </section>
      <ol className="taxonomy-list stack" aria-label="Tenets, in order">
        {tenets.map((t, i) => (
          <TenetItem key={t.id} tenet={t} isFirst={i === 0} isLast={i === tenets.length - 1} result={actionData} />
        ))}
      </ol>
      <p>
        <Link to="/admin/categories">Root-cause categories</Link> · <Link to="/tenets">The tenets as authors read them</Link>
      </p>
    </div>
  );
}
