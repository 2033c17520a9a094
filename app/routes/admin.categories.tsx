import { Form, Link } from "react-router";
import type { Route } from "./+types/admin.categories";
import { IntentFields, RetireForm, SavedNote } from "~/components/taxonomy/admin-bits";
import { ErrorAlert } from "~/components/ui/error-alert";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { addCategory, editCategory, listCategoriesWithUse, mergeCategory, setCategoryRetired, type CategoryWithUse } from "~/data/categories.server";
import { db } from "~/data/db.server";
import { plural } from "~/domain/plural";
import { CategoryAdminSchema, formState, SHORT_TEXT_MAX, type AdminFormResult, type CategoryAdminForm } from "~/domain/taxonomy/forms";
import { LIMITS } from "~/domain/limits";
import { requireAdmin, runAdminForm } from "~/server/admin-form.server";

export const meta: Route.MetaFunction = () => [{ title: "Root-cause categories · COE" }];

const ADMINS_ONLY = "Only admins can manage the root-cause categories.";

export async function loader({ request, url }: Route.LoaderArgs) {
  await requireAdmin(request, ADMINS_ONLY);
  return { categories: await listCategoriesWithUse(db()), saved: url.searchParams.get("saved") };
}

function applyCategoryForm(form: CategoryAdminForm, who: { actorId: number }) {
  switch (form.intent) {
    case "add":
      return addCategory(db(), who, form);
    case "edit":
      return editCategory(db(), who, form.id, form);
    case "merge":
      return mergeCategory(db(), who, form.id, form.targetId);
    case "retire":
      return setCategoryRetired(db(), who, form.id, form.retire);
  }
}

export function action({ request }: Route.ActionArgs) {
  return runAdminForm(request, { schema: CategoryAdminSchema, reason: ADMINS_ONLY, back: "/admin/categories" }, applyCategoryForm);
}

type Result = AdminFormResult | undefined;

function CategoryFields({ intent, category, result }: { intent: "add" | "edit"; category?: CategoryWithUse; result: Result }) {
  const { values, errors } = formState(result, intent, category?.id);
  return (
    <>
      <IntentFields intent={intent} id={category?.id} />
      <TextField label="Name" name="name" defaultValue={values?.name ?? category?.name} error={errors.name} limit={LIMITS.category} required />
      <TextField
        label="Description"
        name="description"
        defaultValue={values?.description ?? category?.description}
        error={errors.description}
        limit={SHORT_TEXT_MAX}
        hint="What belongs in this category, in a sentence"
      />
    </>
  );
}

function MergeForm({ category, all, result }: { category: CategoryWithUse; all: CategoryWithUse[]; result: Result }) {
  const targets = all.filter((c) => c.id !== category.id && !c.retiredAt);
  const { errors } = formState(result, "merge", category.id);
  if (!targets.length) return null;
  return (
    <Form method="post" className="row align-end">
      <IntentFields intent="merge" id={category.id} />
      <SelectField
        label={`Merge "${category.name}" into`}
        name="targetId"
        options={targets.map((c) => ({ value: c.id, label: c.name }))}
        placeholder="Choose…"
        error={errors.targetId}
        required
      />
      <button type="submit" className="button">
        Merge
      </button>
    </Form>
  );
}

function CategoryItem({ category, all, result }: { category: CategoryWithUse; all: CategoryWithUse[]; result: Result }) {
  const retired = !!category.retiredAt;
  const open = formState(result, "edit", category.id).values !== undefined || formState(result, "merge", category.id).values !== undefined;
  return (
    <li className="taxonomy-item stack">
      <h2>
        {category.name} {retired ? <span className="badge">Retired</span> : null}
      </h2>
      {category.description ? <p>{category.description}</p> : null}
      <p className="small muted">Used by {plural(category.rootCauses, "root cause")}</p>
      <details open={open}>
        <summary>Edit or merge “{category.name}”</summary>
        <Form method="post" className="stack">
          <CategoryFields intent="edit" category={category} result={result} />
          <button type="submit" className="button">
            Save
          </button>
        </Form>
        <MergeForm category={category} all={all} result={result} />
      </details>
      <RetireForm id={category.id} name={category.name} retired={retired} />
    </li>
  );
}

export default function CategoriesAdmin({ loaderData: { categories, saved }, actionData }: Route.ComponentProps) {
  return (
    <div className="narrow stack">
      <h1>Root-cause categories</h1>
      <p className="muted">
        Authors give each root cause one of these categories, so recurring causes show up across COEs. Renaming changes every COE at once; merging moves the
        root causes of one category to another; a retired category stays on the root causes that carry it but is no longer offered.
      </p>
      {actionData ? <ErrorAlert message="Nothing was saved: correct the field marked below." /> : <SavedNote intent={saved} />}
      <section aria-labelledby="add-category" className="taxonomy-item">
        <h2 id="add-category">Add a category</h2>
        <Form method="post" className="stack">
          <CategoryFields intent="add" result={actionData} />
          <button type="submit" className="button primary">
            Add category
          </button>
        </Form>
      </section>
      <ul className="taxonomy-list stack" aria-label="Categories">
        {categories.map((c) => (
          <CategoryItem key={c.id} category={c} all={categories} result={actionData} />
        ))}
      </ul>
      <p>
        <Link to="/admin/tenets">Tenets</Link>
      </p>
    </div>
  );
}
