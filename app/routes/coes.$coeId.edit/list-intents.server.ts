import { addDependency, addLesson, deleteDependency, deleteLesson, moveRow, setLessonWhyLinks, updateDependency } from "~/data/coe-lists.server";
import { db } from "~/data/db.server";
import { DependencyFormSchema, LessonFormSchema, LessonLinksFormSchema, MoveRowFormSchema, NewDependencyFormSchema } from "~/domain/coe/forms";
import { entityId, withForm, type IntentHandler } from "./intent.server";

/** The lessons and dependencies forms of the edit page; a row's rich text is saved by its editor (save-rich-text without JavaScript). */
export const listIntents: Record<string, IntentHandler> = {
  "add-lesson": withForm(LessonFormSchema, async (form, { write }) => {
    const { result } = await addLesson(db(), write, form);
    return { ok: true, anchor: `lesson-${result}`, payload: { lessonId: result } };
  }),
  "lesson-links": withForm(LessonLinksFormSchema, async (form, { write }) => {
    const { version } = await setLessonWhyLinks(db(), write, form.id, form.whyIds);
    return { ok: true, anchor: `lesson-${form.id}`, payload: { version } };
  }),
  "delete-lesson": async ({ write, values }) => (await deleteLesson(db(), write, entityId(values)), { ok: true, anchor: "lessons" }),
  "move-lesson": withForm(
    MoveRowFormSchema,
    async (form, { write }) => (await moveRow(db(), write, "lessons", form.id, form.direction), { ok: true, anchor: `lesson-${form.id}` }),
  ),
  "add-dependency": withForm(NewDependencyFormSchema, async (form, { write }) => {
    const { result } = await addDependency(db(), write, form);
    return { ok: true, anchor: `dependency-${result}`, payload: { dependencyId: result } };
  }),
  "edit-dependency": withForm(DependencyFormSchema, async (form, { write, values }) => {
    const id = entityId(values);
    const { version } = await updateDependency(db(), write, id, form);
    return { ok: true, anchor: `dependency-${id}`, payload: { version } };
  }),
  "delete-dependency": async ({ write, values }) => (await deleteDependency(db(), write, entityId(values)), { ok: true, anchor: "dependencies" }),
  "move-dependency": withForm(
    MoveRowFormSchema,
    async (form, { write }) => (await moveRow(db(), write, "dependencies", form.id, form.direction), { ok: true, anchor: `dependency-${form.id}` }),
  ),
};
