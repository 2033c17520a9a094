import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { TextareaField } from "~/components/ui/textarea-field";
import { FAILURE_MODE_LABELS, optionsOf, TRI_STATE_LABELS } from "~/domain/coe/labels";
import type { FailureMode, TriState } from "~/domain/enums";
import { dependencyFormValues } from "~/domain/coe/form-values";
import { EditForm } from "./edit-form";
import { LIMITS } from "~/domain/limits";

type Dependency = { id: number; name: string; performedAsPromised: TriState; implementationValidated: TriState; failureMode: FailureMode | null };

const TRI_OPTIONS = optionsOf(TRI_STATE_LABELS);
const FAILURE_OPTIONS = optionsOf(FAILURE_MODE_LABELS);
const NEW_DEPENDENCY = dependencyFormValues({ name: "", performedAsPromised: "unknown", implementationValidated: "unknown", failureMode: null });
const describe = (name: string, value: string) => [...TRI_OPTIONS, ...FAILURE_OPTIONS].find((o) => name !== "name" && o.value === value)?.label ?? value;

/**
 * A dependency's name and the SPEC's three questions. A new one may come with its first notes
 * (plain paragraphs); an existing one's notes have their own rich-text editor.
 */
export function DependencyForm({ dependency, baseVersion }: { dependency?: Dependency; baseVersion: number }) {
  const formId = dependency ? `dependency-${dependency.id}` : "dependency-new";
  return (
    <EditForm
      autosave={!!dependency}
      section="dependencies"
      formId={formId}
      intent={dependency ? "edit-dependency" : "add-dependency"}
      baseVersion={baseVersion}
      current={dependency ? dependencyFormValues(dependency) : NEW_DEPENDENCY}
      isNew={!dependency}
      describe={describe}
      entityId={dependency?.id}
      label={dependency ? `Edit dependency ${dependency.name}` : "Add a dependency"}
      submitLabel={dependency ? "Save dependency" : "Add dependency"}
      className="dependency-form"
    >
      {(r, v) => {
        return (
          <>
            <TextField
              label="Dependency"
              name="name"
              required
              defaultValue={v.name ?? ""}
              error={r?.errors?.name}
              limit={LIMITS.name}
              hint="A service, team or vendor we rely on, e.g. “the DNS provider”"
            />
            <div className="row">
              <SelectField
                label="Did it perform as promised (SLA, RPO, RTO)?"
                name="performedAsPromised"
                options={TRI_OPTIONS}
                defaultValue={v.performedAsPromised ?? "unknown"}
                error={r?.errors?.performedAsPromised}
              />
              <SelectField
                label="Was our use of it validated?"
                name="implementationValidated"
                options={TRI_OPTIONS}
                defaultValue={v.implementationValidated ?? "unknown"}
                error={r?.errors?.implementationValidated}
              />
              <SelectField
                label="Failure mode"
                name="failureMode"
                options={FAILURE_OPTIONS}
                placeholder="Not said"
                defaultValue={v.failureMode ?? ""}
                error={r?.errors?.failureMode}
              />
            </div>
            {dependency ? null : (
              <TextareaField
                label="Notes"
                name="notes"
                rows={3}
                defaultValue={v.notes ?? ""}
                error={r?.errors?.notes}
                limit={LIMITS.plainParagraphs}
                hint="What would reduce the blast radius: graceful degradation, caching, a fallback? Formatting comes after adding it."
              />
            )}
          </>
        );
      }}
    </EditForm>
  );
}
