import {
  addActionItem,
  addTimelineEntry,
  deleteTimelineEntry,
  updateActionItem,
  updateCoeFields,
  updateHeader,
  updateTimelineEntry,
} from "~/data/coe-edit.server";
import { db } from "~/data/db.server";
import { ActionItemFormSchema, CloseoutFormSchema, CustomerImpactFormSchema, HeaderFormSchema, TimelineEntryFormSchema } from "~/domain/coe/forms";
import { saveRichField } from "~/data/coe-rich-text.server";
import { RichTextFormSchema } from "~/domain/coe/forms";
import { richFieldInfo } from "~/domain/coe/rich-fields";
import { validateRichText } from "~/editor/validate-doc";
import { entityId, withForm, type IntentHandler } from "./intent.server";

/** A plain post scrolls to `anchor`; a script caller (an autosaving form) gets the section's new version to base its next save on. */
const done = (anchor: string, version?: number) => ({ ok: true as const, anchor, ...(version === undefined ? {} : { payload: { version } }) });

/** The header, figures, timeline and action-item forms of the edit page. */
export const coeIntents: Record<string, IntentHandler> = {
  header: withForm(HeaderFormSchema, async (form, { write }) => done("header", (await updateHeader(db(), write, form)).version)),
  "customer-impact": withForm(CustomerImpactFormSchema, async (form, { write }) =>
    done("customer-impact", (await updateCoeFields(db(), write, "customer-impact", form)).version),
  ),
  closeout: withForm(CloseoutFormSchema, async (form, { write }) => done("closeout", (await updateCoeFields(db(), write, "closeout", form)).version)),
  // The no-JavaScript form of a narrative section: plain paragraphs, checked like any submitted document (an empty lesson is a field error).
  "save-rich-text": withForm(RichTextFormSchema, async (form, { write }) => {
    const doc = validateRichText(form.doc);
    if (!doc.ok) return { ok: false, errors: { text: doc.message } };
    await saveRichField(db(), write, form.field, doc.doc);
    return done(form.field.kind === "coe" ? richFieldInfo(form.field).lock : form.field.key);
  }),
  "add-timeline": withForm(TimelineEntryFormSchema, async (form, { write }) => (await addTimelineEntry(db(), write, form), done("timeline"))),
  "edit-timeline": withForm(TimelineEntryFormSchema, async (form, { write, values }) =>
    done("timeline", (await updateTimelineEntry(db(), write, entityId(values), form)).version),
  ),
  "delete-timeline": async ({ write, values }) => (await deleteTimelineEntry(db(), write, entityId(values)), done("timeline")),
  "add-action-item": withForm(ActionItemFormSchema, async (form, { write }) => (await addActionItem(db(), write, form), done("action-items"))),
  "edit-action-item": withForm(ActionItemFormSchema, async (form, { write, values }) =>
    done("action-items", (await updateActionItem(db(), write, entityId(values), form)).version),
  ),
};
