import { Form, Link } from "react-router";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { describeAction } from "~/domain/audit/describe";
import { NO_ACTOR, type AuditQueryKey, type AuditValues } from "~/domain/audit/query";

type Props = {
  actors: readonly { id: number; name: string; email: string }[];
  actions: readonly string[];
  values: AuditValues;
  errors: Partial<Record<AuditQueryKey, string>>;
};

const OUTCOMES = [
  { value: "done", label: "Done" },
  { value: "refused", label: "Refused" },
];

/** The audit log's filters: a GET form, so it works without JavaScript and every search is a link. */
export function AuditFilterForm({ actors, actions, values, errors }: Props) {
  const actionOptions = actions.map((a) => ({ value: a, label: describeAction(a) })).sort((a, b) => a.label.localeCompare(b.label, "en"));
  return (
    // Keyed by the values, so the fields show the current search after a client-side navigation.
    <Form method="get" className="filters audit-filters" aria-label="Filter the audit log" key={JSON.stringify(values)}>
      <SelectField
        label="Who"
        name="who"
        defaultValue={values.who ?? ""}
        placeholder="Anyone"
        options={[{ value: NO_ACTOR, label: "No one signed in" }, ...actors.map((a) => ({ value: a.id, label: `${a.name} (${a.email})` }))]}
        error={errors.who}
      />
      <SelectField label="What" name="what" defaultValue={values.what ?? ""} placeholder="Any action" options={actionOptions} error={errors.what} />
      <TextField
        label="COE number"
        name="coe"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={values.coe ?? ""}
        error={errors.coe}
        className="audit-coe-field"
      />
      <SelectField label="Outcome" name="outcome" defaultValue={values.outcome ?? ""} placeholder="Any outcome" options={OUTCOMES} error={errors.outcome} />
      <TextField type="date" label="From (UTC)" name="from" defaultValue={values.from ?? ""} error={errors.from} />
      <TextField type="date" label="To (UTC)" name="to" defaultValue={values.to ?? ""} error={errors.to} />
      <div className="filter-buttons">
        <button type="submit">Apply</button>
        <Link to="/admin/audit">Clear filters</Link>
      </div>
    </Form>
  );
}
