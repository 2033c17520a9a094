import { DependencyForm } from "~/components/coe/dependency-form";
import { DependencyList } from "~/components/coe/dependency-list";
import { EditDisclosure } from "~/components/coe/edit-disclosure";
import { RowControls } from "~/components/coe/row-controls";
import type { EditPageData, RichContext } from "./edit-page-data";
import { EditSection } from "./edit-section";
import { RichRowField } from "./rich-fields";

/** The dependencies involved, each with its notes, edit form and row controls, and the form that adds one. */
export function DependenciesSection({ dependencies, context }: { dependencies: EditPageData["rows"]["dependencies"]; context: RichContext }) {
  const version = context.versions.of("dependencies");
  return (
    <EditSection id="dependencies" title="Dependencies">
      <p className="small muted">
        For each dependency involved: did it perform as promised, was our use of it validated, was the failure mode expected, and what would reduce the blast
        radius?
      </p>
      <DependencyList
        dependencies={dependencies}
        notes={(d) => <RichRowField kind="dependency" id={d.id} label={`Notes on ${d.name}`} view={d.rich} context={context} />}
        actions={(d, i) => (
          <div className="row-actions">
            <EditDisclosure formId={`dependency-${d.id}`} label={`Edit dependency: ${d.name}`}>
              <DependencyForm key={`d-${d.id}`} dependency={d} baseVersion={version} />
            </EditDisclosure>
            <RowControls kind="dependency" id={d.id} index={i} count={dependencies.length} baseVersion={version} name={d.name} />
          </div>
        )}
      />
      <h3>Add a dependency</h3>
      <DependencyForm key={`d-new-${context.versions.freshKey("dependencies")}`} baseVersion={version} />
    </EditSection>
  );
}
