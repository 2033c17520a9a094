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
  header: withForm(HeaderFormSchema, (form, { write }) => done("header", updateHeader(db(), write, form).version)),
  "customer-impact": withForm(CustomerImpactFormSchema, (form, { write }) =>
    done("customer-impact", updateCoeFields(db(), write, "customer-impact", form).version),
  ),
  closeout: withForm(CloseoutFormSchema, (form, { write }) => done("closeout", updateCoeFields(db(), write, "closeout", form).version)),
  // The no-JavaScript form of a narrative section: plain paragraphs, checked like any submitted document (an empty lesson is a field error).
  "save-rich-text": withForm(RichTextFormSchema, (form, { write }) => {
    const doc = validateRichText(form.doc);
    if (!doc.ok) return { ok: false, errors: { text: doc.message } };
    saveRichField(db(), write, form.field, doc.doc);
    return done(form.field.kind === "coe" ? richFieldInfo(form.field).lock : form.field.key);
  }),
  "add-timeline": withForm(TimelineEntryFormSchema, (form, { write }) => (addTimelineEntry(db(), write, form), done("timeline"))),
  "edit-timeline": withForm(TimelineEntryFormSchema, (form, { write, values }) =>
    done("timeline", updateTimelineEntry(db(), write, entityId(values), form).version),
  ),
  "delete-timeline": ({ write, values }) => (deleteTimelineEntry(db(), write, entityId(values)), done("timeline")),
  "add-action-item": withForm(ActionItemFormSchema, (form, { write }) => (addActionItem(db(), write, form), done("action-items"))),
  "edit-action-item": withForm(ActionItemFormSchema, (form, { write, values }) =>
    done("action-items", updateActionItem(db(), write, entityId(values), form).version),
  ),
};
