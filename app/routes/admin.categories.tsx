import { Form, Link } from "react-router";
import type { Route } from "./+types/admin.categories";
import { IntentFields, RetireForm, TaxonomyAdminPage, TaxonomyItem } from "~/components/taxonomy/admin-bits";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { addCategory, editCategory, listCategoriesWithUse, mergeCategory, setCategoryRetired, type CategoryWithUse } from "~/data/categories.server";
import { db } from "~/data/db.server";
import { plural } from "~/domain/plural";
import { CategoryAdminSchema, formState, SHORT_TEXT_MAX, type AdminFormResult } from "~/domain/taxonomy/forms";
import { LIMITS } from "~/domain/limits";
import { loadAdminPage, runAdminForm } from "~/server/admin-form.server";

export const meta: Route.MetaFunction = () => [{ title: "Root-cause categories · COE" }];

const PAGE = { reason: "Only admins can manage the root-cause categories.", back: "/admin/categories" };

export function loader(args: Route.LoaderArgs) {
  return loadAdminPage(args, PAGE, async () => ({ categories: await listCategoriesWithUse(db()) }));
}

export function action({ request }: Route.ActionArgs) {
  return runAdminForm(
    request,
    { ...PAGE, schema: CategoryAdminSchema },
    {
      add: (form, who) => addCategory(db(), who, form),
      edit: (form, who) => editCategory(db(), who, form.id, form),
      merge: (form, who) => mergeCategory(db(), who, form.id, form.targetId),
      retire: (form, who) => setCategoryRetired(db(), who, form.id, form.retire),
    },
  );
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
  const isOpen = formState(result, "edit", category.id).values !== undefined || formState(result, "merge", category.id).values !== undefined;
  return (
    <TaxonomyItem
      heading={category.name}
      isRetired={!!category.retiredAt}
      description={category.description}
      usage={`Used by ${plural(category.rootCauses, "root cause")}`}
      edit={{
        summary: `Edit or merge “${category.name}”`,
        isOpen,
        fields: <CategoryFields intent="edit" category={category} result={result} />,
        beside: <MergeForm category={category} all={all} result={result} />,
      }}
    >
      <RetireForm id={category.id} name={category.name} retired={!!category.retiredAt} />
    </TaxonomyItem>
  );
}

export default function CategoriesAdmin({ loaderData: { categories, saved }, actionData }: Route.ComponentProps) {
  return (
    <TaxonomyAdminPage
      title="Root-cause categories"
      intro="Authors give each root cause one of these categories, so recurring causes show up across COEs. Renaming changes every COE at once; merging moves the root causes of one category to another; a retired category stays on the root causes that carry it but is no longer offered."
      saved={saved}
      result={actionData}
      add={{ id: "add-category", heading: "Add a category", fields: <CategoryFields intent="add" result={actionData} />, submit: "Add category" }}
      links={<Link to="/admin/tenets">Tenets</Link>}
    >
      <ul className="taxonomy-list stack" aria-label="Categories">
        {categories.map((c) => (
          <CategoryItem key={c.id} category={c} all={categories} result={actionData} />
        ))}
      </ul>
    </TaxonomyAdminPage>
  );
}
