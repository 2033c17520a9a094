import { TextareaField } from "~/components/ui/textarea-field";
import { EditForm } from "./edit-form";
import { WhyLinkFields, type WhyChoice } from "./why-link-fields";
import { LIMITS } from "~/domain/limits";

/** The ids a form came back with (after an error), or the stored ones. */
function checkedWhys(values: Record<string, string> | undefined, stored: readonly number[]): Set<number> {
  if (!values) return new Set(stored);
  return new Set(Object.keys(values).flatMap((k) => (/^why-\d+$/.test(k) && values[k] === "on" ? [Number(k.slice(4))] : [])));
}

/** A new lesson: its first text (plain paragraphs; the rich editor takes over once it exists) and the whys it flows from. */
export function AddLessonForm({ baseVersion, whyChoices }: { baseVersion: number; whyChoices: readonly WhyChoice[] }) {
  return (
    <EditForm section="lessons" formId="lesson-new" intent="add-lesson" baseVersion={baseVersion} label="Add a lesson" submitLabel="Add lesson">
      {(r) => (
        <>
          <TextareaField
            label="Lesson"
            name="text"
            rows={3}
            required
            defaultValue={r?.values?.text ?? ""}
            error={r?.errors?.text}
            limit={LIMITS.plainParagraphs}
            hint="What applies beyond this event? Formatting comes after adding it."
          />
          <WhyLinkFields choices={whyChoices} checked={checkedWhys(r?.values, [])} idPrefix="new-lesson-why" />
          {r?.errors?.whyIds ? <p className="field-error">{r.errors.whyIds}</p> : null}
        </>
      )}
    </EditForm>
  );
}

/** Which whys an existing lesson flows from. */
export function LessonLinksForm({ lessonId, linked, baseVersion, whyChoices }: { lessonId: number; linked: readonly number[]; baseVersion: number; whyChoices: readonly WhyChoice[] }) {
  return (
    <EditForm section="lessons" formId={`lesson-links-${lessonId}`} intent="lesson-links" baseVersion={baseVersion} entityId={lessonId} label="Whys this lesson flows from" submitLabel="Save links">
      {(r) => <WhyLinkFields choices={whyChoices} checked={checkedWhys(r?.values, linked)} idPrefix={`lesson-${lessonId}-why`} />}
    </EditForm>
  );
}
