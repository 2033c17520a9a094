import { Form, Link } from "react-router";
import type { Route } from "./+types/admin.tenets";
import { IntentFields, RetireForm, TaxonomyAdminPage, TaxonomyItem } from "~/components/taxonomy/admin-bits";
import { ErrorAlert } from "~/components/ui/error-alert";
import { TextField } from "~/components/ui/text-field";
import { TextareaField } from "~/components/ui/textarea-field";
import { db } from "~/data/db.server";
import { addTenet, editTenet, listTenetsWithCitations, moveTenet, setTenetRetired, type Tenet } from "~/data/tenets.server";
import { LIMITS } from "~/domain/limits";
import { plural } from "~/domain/plural";
import { formState, SHORT_TEXT_MAX, TenetAdminSchema, type AdminFormResult } from "~/domain/taxonomy/forms";
import { loadAdminPage, runAdminForm } from "~/server/admin-form.server";

export const meta: Route.MetaFunction = () => [{ title: "Tenets · Admin · COE" }];

const PAGE = { reason: "Only admins can manage the organisation's tenets.", back: "/admin/tenets" };

export function loader(args: Route.LoaderArgs) {
  return loadAdminPage(args, PAGE, async () => ({ tenets: await listTenetsWithCitations(db()) }));
}

export function action({ request }: Route.ActionArgs) {
  return runAdminForm(
    request,
    { ...PAGE, schema: TenetAdminSchema },
    {
      add: (form, who) => addTenet(db(), who, form),
      edit: (form, who) => editTenet(db(), who, form.id, form),
      move: (form, who) => moveTenet(db(), who, form.id, form.direction),
      retire: (form, who) => setTenetRetired(db(), who, form.id, form.retire),
    },
  );
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
  const { errors } = formState(result, "move", tenet.id);
  return (
    <TaxonomyItem
      heading={<Link to={`/tenets/${tenet.id}`}>{tenet.title}</Link>}
      isRetired={!!tenet.retiredAt}
      description={tenet.body}
      usage={`Cited by ${plural(tenet.citedBy, "COE")}`}
      edit={{
        summary: `Edit “${tenet.title}”`,
        isOpen: formState(result, "edit", tenet.id).values !== undefined,
        fields: <TenetFields intent="edit" tenet={tenet} result={result} />,
      }}
    >
      <ErrorAlert message={errors.form} />
      <div className="row">
        {isFirst ? null : <MoveButton tenet={tenet} direction="up" />}
        {isLast ? null : <MoveButton tenet={tenet} direction="down" />}
        <RetireForm id={tenet.id} name={tenet.title} retired={!!tenet.retiredAt} />
      </div>
    </TaxonomyItem>
  );
}

export default function TenetsAdmin({ loaderData: { tenets, saved }, actionData }: Route.ComponentProps) {
  return (
    <TaxonomyAdminPage
      title="Tenets"
      intro="The organisation's short principles, in the order they are listed. Authors cite the tenets a COE touches; a retired tenet stays cited where it was but is no longer offered."
      saved={saved}
      result={actionData}
      add={{ id: "add-tenet", heading: "Add a tenet", fields: <TenetFields intent="add" result={actionData} />, submit: "Add tenet" }}
      links={
        <>
          <Link to="/admin/categories">Root-cause categories</Link> · <Link to="/tenets">The tenets as authors read them</Link>
        </>
      }
    >
      <ol className="taxonomy-list stack" aria-label="Tenets, in order">
        {tenets.map((t, i) => (
          <TenetItem key={t.id} tenet={t} isFirst={i === 0} isLast={i === tenets.length - 1} result={actionData} />
        ))}
      </ol>
    </TaxonomyAdminPage>
  );
}
