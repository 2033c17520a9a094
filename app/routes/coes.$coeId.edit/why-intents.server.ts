import { db } from "~/data/db.server";
import {
  addActionItemFromWhy,
  addLessonFromWhy,
  addSiblingWhy,
  addWhy,
  deleteWhy,
  editWhy,
  restructureWhy,
  setRootCause,
  setWhyCategory,
  undoDeleteWhy,
} from "~/data/whys.server";
import {
  ActionItemFromWhyFormSchema,
  AddSiblingWhyFormSchema,
  AddWhyFormSchema,
  DeleteWhyFormSchema,
  EditWhyFormSchema,
  LessonFromWhyFormSchema,
  RestructureWhyFormSchema,
  RootCauseFormSchema,
  UndoDeleteWhyFormSchema,
  WhyCategoryFormSchema,
} from "~/domain/whys/forms";
import { withForm, type IntentHandler } from "./intent.server";

const anchor = "five-whys";

/** The five-whys tree operations: the D3 editor (by fetcher) and the no-JS outline forms post these. */
export const whyIntents: Record<string, IntentHandler> = {
  "add-why": withForm(AddWhyFormSchema, async (form, { write }) => {
    const { version, result } = await addWhy(db(), write, form);
    return { ok: true, anchor, payload: { nodeId: result, version } };
  }),
  "add-sibling-why": withForm(AddSiblingWhyFormSchema, async (form, { write }) => {
    const { version, result } = await addSiblingWhy(db(), write, form.siblingId, form);
    return { ok: true, anchor, payload: { nodeId: result, version } };
  }),
  "edit-why": withForm(EditWhyFormSchema, async (form, { write }) => {
    const { version } = await editWhy(db(), write, form.id, form);
    return { ok: true, anchor, payload: { nodeId: form.id, version } };
  }),
  "set-root-cause": withForm(RootCauseFormSchema, async (form, { write }) => {
    const { version } = await setRootCause(db(), write, form.id, form.isRootCause);
    return { ok: true, anchor, payload: { nodeId: form.id, version } };
  }),
  "set-why-category": withForm(WhyCategoryFormSchema, async (form, { write }) => {
    const { version } = await setWhyCategory(db(), write, form.id, form.categoryId);
    return { ok: true, anchor, payload: { nodeId: form.id, version } };
  }),
  "restructure-why": withForm(RestructureWhyFormSchema, async (form, { write }) => {
    const { version } = await restructureWhy(
      db(),
      write,
      form.id,
      form.how === "move" ? { kind: "move", parentId: form.parentId, position: form.position } : { kind: form.how },
    );
    return { ok: true, anchor, payload: { nodeId: form.id, version } };
  }),
  "delete-why": withForm(DeleteWhyFormSchema, async (form, { write }) => {
    const { version, result } = await deleteWhy(db(), write, form.id);
    return {
      ok: true,
      anchor,
      payload: { trashId: result.trashId, removed: result.removed, version },
      query: `?undo=${result.trashId}&removed=${result.removed}`,
    };
  }),
  "undo-delete-why": withForm(UndoDeleteWhyFormSchema, async (form, { write }) => {
    const { version } = await undoDeleteWhy(db(), write, form.trashId);
    return { ok: true, anchor, payload: { version } };
  }),
  "add-lesson-from-why": withForm(LessonFromWhyFormSchema, async (form, { write }) => {
    const { version, result } = await addLessonFromWhy(db(), write, form.whyId, form.text);
    return { ok: true, anchor: "lessons", payload: { lessonId: result, nodeId: form.whyId, version } };
  }),
  "add-action-item-from-why": withForm(ActionItemFromWhyFormSchema, async (form, { write }) => {
    const { version, result } = await addActionItemFromWhy(db(), write, form.whyId, form);
    return { ok: true, anchor: "action-items", payload: { actionItemId: result, nodeId: form.whyId, version } };
  }),
};
