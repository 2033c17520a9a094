import { SelectField } from "~/components/ui/select-field";
import { optionsOf, SEVERITY_LABELS } from "~/domain/coe/labels";

type Named = { id: number; name: string };

const optionsFor = (rows: readonly Named[]) => rows.map((r) => ({ value: r.id, label: r.name }));

/**
 * The team, service and severity selects of a filter form over COEs (the list, the trends), each
 * named as its query parameter and offering "Any …" for no filter. The service select shows only
 * where `services` is given (the list offers none: it keeps a service it was linked with as a
 * hidden field).
 */
export function CoeFilterFields({
  teams,
  services,
  values,
}: {
  teams: readonly Named[];
  services?: readonly Named[];
  values: { team?: number; service?: number; severity?: number };
}) {
  return (
    <>
      <SelectField label="Team" name="team" defaultValue={values.team ?? ""} placeholder="Any team" options={optionsFor(teams)} />
      {services ? (
        <SelectField label="Service" name="service" defaultValue={values.service ?? ""} placeholder="Any service" options={optionsFor(services)} />
      ) : null}
      <SelectField label="Severity" name="severity" defaultValue={values.severity ?? ""} placeholder="Any severity" options={optionsOf(SEVERITY_LABELS)} />
    </>
  );
}
