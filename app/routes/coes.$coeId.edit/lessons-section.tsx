import { EditDisclosure } from "~/components/coe/edit-disclosure";
import { LessonList } from "~/components/coe/lesson-list";
import { AddLessonForm, LessonLinksForm } from "~/components/coe/lesson-forms";
import { RowControls } from "~/components/coe/row-controls";
import type { WhyChoice } from "~/components/coe/why-link-fields";
import type { WhyTreeNode } from "~/domain/whys/tree";
import type { EditPageData, RichContext } from "./edit-page-data";
import { EditSection } from "./edit-section";
import { RichRowField } from "./rich-fields";

type Props = {
  lessons: EditPageData["rows"]["lessons"];
  whyById: Map<number, WhyTreeNode>;
  whyChoices: readonly WhyChoice[];
  context: RichContext;
};

/** Lessons learned, each with its text, the whys it flows from and its row controls, and the form that adds one. */
export function LessonsSection({ lessons, whyById, whyChoices, context }: Props) {
  const version = context.versions.of("lessons");
  return (
    <EditSection id="lessons" title="Lessons learned">
      <p className="small muted">Each lesson flows from one or more whys, and generally has an action item.</p>
      <LessonList
        lessons={lessons}
        whyById={whyById}
        body={(l, i) => <RichRowField kind="lesson" id={l.id} label={`Lesson ${i + 1}`} view={l.rich} context={context} />}
        actions={(l, i) => (
          <div className="row-actions">
            <EditDisclosure formId={`lesson-links-${l.id}`} label={`Edit the whys lesson ${i + 1} flows from`} summary="Edit links">
              <LessonLinksForm key={`l-${l.id}`} lessonId={l.id} linked={l.whyNodeIds} baseVersion={version} whyChoices={whyChoices} />
            </EditDisclosure>
            <RowControls kind="lesson" id={l.id} index={i} count={lessons.length} baseVersion={version} name={`lesson ${i + 1}`} />
          </div>
        )}
      />
      <h3>Add a lesson</h3>
      <AddLessonForm key={`l-new-${context.versions.freshKey("lessons")}`} baseVersion={version} whyChoices={whyChoices} />
    </EditSection>
  );
}
