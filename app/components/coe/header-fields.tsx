import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { optionsOf, SEVERITY_LABELS } from "~/domain/coe/labels";
import type { FieldErrors } from "~/domain/coe/forms";
import { headerFormValues } from "~/domain/coe/form-values";
import { EditForm } from "./edit-form";
import { LIMITS } from "~/domain/limits";

export type HeaderValues = {
  title?: string;
  severity?: string | number;
  teamId?: string | number;
  services?: string;
  tags?: string;
  event?: string;
  [tenet: `tenet-${number}`]: string;
};
/** A tenet the header offers to cite. */
export type TenetOffer = { id: number; title: string; isRetired: boolean };

/** Checkboxes named `tenet-<id>`; `citesTenets` tells the server the form lists them (so none checked cites none). */
function TenetFields({ tenets, values }: { tenets: readonly TenetOffer[]; values: HeaderValues }) {
  if (!tenets.length) return null;
  return (
    <fieldset className="why-links">
      <legend>Tenets this COE cites</legend>
      <input type="hidden" name="citesTenets" value="on" />
      <ul className="cited-tenets">
        {tenets.map((t) => (
          <li key={t.id}>
            <input type="checkbox" id={`cite-tenet-${t.id}`} name={`tenet-${t.id}`} defaultChecked={values[`tenet-${t.id}`] === "on"} />{" "}
            <label htmlFor={`cite-tenet-${t.id}`}>
              {t.title}
              {t.isRetired ? " (retired)" : ""}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** The header's fields, shared by the new-COE page and the edit page. */
export function HeaderFields({
  values,
  errors,
  teams,
  tenets = [],
}: {
  values: HeaderValues;
  errors?: FieldErrors;
  teams: { id: number; name: string }[];
  tenets?: readonly TenetOffer[];
}) {
  return (
    <>
      <TextField
        label="Title"
        name="title"
        defaultValue={values.title}
        error={errors?.title}
        required
        limit={LIMITS.coeTitle}
        hint="What customers experienced, e.g. “3% of API calls failed for 45 minutes”"
      />
      <div className="row">
        <SelectField
          label="Severity"
          name="severity"
          defaultValue={String(values.severity ?? "")}
          error={errors?.severity}
          required
          placeholder="Choose…"
          options={optionsOf(SEVERITY_LABELS)}
        />
        <SelectField
          label="Owning team"
          name="teamId"
          defaultValue={String(values.teamId ?? "")}
          error={errors?.teamId}
          required
          placeholder="Choose…"
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
        />
      </div>
      <TextField label="Affected services" name="services" defaultValue={values.services} error={errors?.services} hint="Comma-separated" />
      <div className="row">
        <TextField label="Tags" name="tags" defaultValue={values.tags} error={errors?.tags} hint="Comma-separated" />
        <TextField
          label="Event"
          name="event"
          defaultValue={values.event}
          error={errors?.event}
          limit={LIMITS.name}
          hint="Shared name when several teams write COEs for one outage"
        />
      </div>
      <TenetFields tenets={tenets} values={values} />
    </>
  );
}

/** The edit page's header form: based on the header as stored, so a 409 merges field by field. */
export function HeaderForm({
  coe,
  teams,
  baseVersion,
}: {
  coe: Parameters<typeof headerFormValues>[0] & { tenets: readonly (TenetOffer & { cited: boolean })[] };
  teams: { id: number; name: string }[];
  baseVersion: number;
}) {
  const describe = (name: string, value: string) =>
    name === "severity"
      ? (SEVERITY_LABELS[Number(value)] ?? value)
      : name === "teamId"
        ? (teams.find((t) => String(t.id) === value)?.name ?? value)
        : name.startsWith("tenet-")
          ? value === "on"
            ? "cited"
            : "not cited"
          : value;
  return (
    <EditForm
      autosave
      section="header"
      formId="header"
      intent="header"
      baseVersion={baseVersion}
      current={headerFormValues(coe)}
      describe={describe}
      label="Header"
      submitLabel="Save header"
    >
      {(header, values) => <HeaderFields values={values} errors={header?.errors} teams={teams} tenets={coe.tenets} />}
    </EditForm>
  );
}
