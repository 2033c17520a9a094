import { RICH_SECTIONS } from "~/domain/coe/rich-sections";
import type { EditPageData, RichContext } from "./edit-page-data";
import { EditSection } from "./edit-section";
import { RichField } from "./rich-fields";

const QUESTIONS = ["detection-fast-enough", "detection-metrics", "detection-similar"] as const;

/** Detection and observability: three questions, each answered in its own rich-text field. */
export function DetectionSection({ narrative, context }: { narrative: EditPageData["narrative"]; context: RichContext }) {
  return (
    <EditSection id="detection" title="Detection and observability">
      {QUESTIONS.map((field) => (
        <div key={field} className="detection-question">
          <h3>{RICH_SECTIONS[field].label}</h3>
          <RichField field={field} view={narrative[field]} compact context={context} />
        </div>
      ))}
    </EditSection>
  );
}
