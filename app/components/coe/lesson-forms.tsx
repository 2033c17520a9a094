import { TextareaField } from "~/components/ui/textarea-field";
import type { FormValues } from "~/domain/coe/form-merge";
import { lessonLinksFormValues } from "~/domain/coe/form-values";
import { WhenOpened } from "~/components/ui/when-opened";
import { EditForm } from "./edit-form";
import { WhyLinkFields, type WhyChoice } from "./why-link-fields";
import { LIMITS } from "~/domain/limits";

/** The why ids checked in a form's values (`why-<id>` = "on"). */
function checkedWhys(values: FormValues): Set<number> {
  return new Set(Object.keys(values).flatMap((k) => (/^why-\d+$/.test(k) && values[k] === "on" ? [Number(k.slice(4))] : [])));
}

/** A new lesson: its first text (plain paragraphs; the rich editor takes over once it exists) and the whys it flows from. */
export function AddLessonForm({ baseVersion, whyChoices }: { baseVersion: number; whyChoices: readonly WhyChoice[] }) {
  return (
    <EditForm
      section="lessons"
      formId="lesson-new"
      intent="add-lesson"
      baseVersion={baseVersion}
      current={{ text: "" }}
      isNew
      label="Add a lesson"
      submitLabel="Add lesson"
    >
      {(r, v) => (
        <>
          <TextareaField
            label="Lesson"
            name="text"
            rows={3}
            required
            defaultValue={v.text ?? ""}
            error={r?.errors?.text}
            limit={LIMITS.plainParagraphs}
            hint="What applies beyond this event? Formatting comes after adding it."
          />
          <WhyLinkFields choices={whyChoices} checked={checkedWhys(v)} idPrefix="new-lesson-why" />
          {r?.errors?.whyIds ? <p className="field-error">{r.errors.whyIds}</p> : null}
        </>
      )}
    </EditForm>
  );
}

/** Which whys an existing lesson flows from: one checkbox per why, so a 409 merges link by link. */
export function LessonLinksForm({
  lessonId,
  linked,
  baseVersion,
  whyChoices,
}: {
  lessonId: number;
  linked: readonly number[];
  baseVersion: number;
  whyChoices: readonly WhyChoice[];
}) {
  const textOf = new Map(whyChoices.map((c) => [`why-${c.id}`, c.text]));
  const fieldLabel = (name: string) => (textOf.has(name) ? `the link to “${textOf.get(name)}”` : "a link to a why");
  return (
    <EditForm
      autosave
      section="lessons"
      formId={`lesson-links-${lessonId}`}
      intent="lesson-links"
      baseVersion={baseVersion}
      current={lessonLinksFormValues(
        linked,
        whyChoices.map((c) => c.id),
      )}
      fieldLabel={fieldLabel}
      entityId={lessonId}
      label="Whys this lesson flows from"
      submitLabel="Save links"
    >
      {(_, v) => {
        const checked = checkedWhys(v);
        // As with action items: the HTML of each lesson's (closed) form lists the root causes and
        // its linked whys; the whole tree is listed from the page's data when the form is opened.
        // A why left out is not linked, and an unchecked box posts nothing either, so saving from
        // the short list changes only what it shows.
        return (
          <WhenOpened>
            {(opened) => {
              const shown = opened ? whyChoices : whyChoices.filter((c) => c.isRootCause || checked.has(c.id));
              return (
                <>
                  <WhyLinkFields choices={shown} checked={checked} idPrefix={`lesson-${lessonId}-why`} />
                  {shown.length < whyChoices.length ? <p className="hint">Root causes and linked whys only: listing every why needs JavaScript.</p> : null}
                </>
              );
            }}
          </WhenOpened>
        );
      }}
    </EditForm>
  );
}
