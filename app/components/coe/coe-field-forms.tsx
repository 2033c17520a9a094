import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import type { FormValues } from "~/domain/coe/form-merge";
import { closeoutFormValues, customerImpactFormValues } from "~/domain/coe/form-values";
import { UTC_OFFSETS } from "~/domain/coe/instant";
import type { PageCoe } from "~/data/rich-views.server";
import { EditForm } from "./edit-form";
import { LIMITS } from "~/domain/limits";

const offsetOptions = UTC_OFFSETS.map((o) => ({ value: o, label: `UTC${o}` }));

function InstantFields({ label, prefix, values, errors }: { label: string; prefix: "started" | "ended"; values: FormValues; errors?: Record<string, string> }) {
  return (
    <div className="row">
      <TextField
        label={label}
        name={`${prefix}Local`}
        type="datetime-local"
        step={1}
        defaultValue={values[`${prefix}Local`] ?? ""}
        error={errors?.[`${prefix}Local`]}
      />
      <SelectField label={`${label}: UTC offset`} name={`${prefix}Offset`} defaultValue={values[`${prefix}Offset`] ?? "+00:00"} options={offsetOptions} />
    </div>
  );
}

export function CustomerImpactForm({ coe, baseVersion }: { coe: PageCoe; baseVersion: number }) {
  return (
    <EditForm
      autosave
      section="customer-impact"
      formId="customer-impact"
      intent="customer-impact"
      baseVersion={baseVersion}
      current={customerImpactFormValues(coe)}
      label="Customer impact figures"
      submitLabel="Save figures"
    >
      {(r, v) => (
        <>
          <InstantFields label="Impact started" prefix="started" values={v} errors={r?.errors} />
          <InstantFields label="Impact ended" prefix="ended" values={v} errors={r?.errors} />
          <div className="row">
            <TextField
              label="Error rate or affected share"
              name="errorRate"
              defaultValue={v.errorRate ?? ""}
              error={r?.errors?.errorRate}
              limit={LIMITS.errorRate}
              hint="e.g. 3% of API calls"
            />
            <TextField
              label="Customers or requests affected"
              name="affected"
              defaultValue={v.affected ?? ""}
              error={r?.errors?.affected}
              limit={LIMITS.affected}
            />
          </div>
          <TextField label="Regions" name="regions" defaultValue={v.regions ?? ""} error={r?.errors?.regions} hint="Comma-separated" />
        </>
      )}
    </EditForm>
  );
}

const CLOSEOUT = [
  ["closeoutFixesValidated", "Short-term fixes validated"],
  ["closeoutDataPreserved", "Data and logs preserved"],
  ["closeoutFollowupsAssigned", "Follow-up COEs assigned"],
] as const;

export function CloseoutForm({ coe, baseVersion }: { coe: PageCoe; baseVersion: number }) {
  return (
    <EditForm
      autosave
      section="closeout"
      formId="closeout"
      intent="closeout"
      baseVersion={baseVersion}
      current={closeoutFormValues(coe)}
      label="Close-out checklist"
      submitLabel="Save checklist"
    >
      {(_, v) => (
        <fieldset className="checklist">
          <legend className="visually-hidden">Close-out checklist</legend>
          {CLOSEOUT.map(([name, label]) => (
            <div className="checkbox" key={name}>
              <input type="checkbox" id={name} name={name} defaultChecked={v[name] === "on"} />
              <label htmlFor={name}>{label}</label>
            </div>
          ))}
        </fieldset>
      )}
    </EditForm>
  );
}
