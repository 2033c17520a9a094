import { addActionItem, addTimelineEntry, deleteTimelineEntry, updateActionItem, updateCoeFields, updateHeader, updateTimelineEntry } from "~/data/coe-edit.server";
import { db } from "~/data/db.server";
import {
  ActionItemFormSchema,
  CloseoutFormSchema,
  CustomerImpactFormSchema,
  HeaderFormSchema,
  TimelineEntryFormSchema,
} from "~/domain/coe/forms";
import { saveRichField } from "~/data/coe-rich-text.server";
import { RichTextFormSchema } from "~/domain/coe/forms";
import { richFieldInfo } from "~/domain/coe/rich-fields";
import { validateRichText } from "~/editor/validate-doc";
import { entityId, withForm, type IntentHandler } from "./intent.server";

const done = (anchor: string) => ({ ok: true as const, anchor });

/** The header, figures, timeline and action-item forms of the edit page. */
export const coeIntents: Record<string, IntentHandler> = {
  header: withForm(HeaderFormSchema, (form, { write }) => (updateHeader(db(), write, form), done("header"))),
  "customer-impact": withForm(CustomerImpactFormSchema, (form, { write }) => (updateCoeFields(db(), write, "customer-impact", form), done("customer-impact"))),
  closeout: withForm(CloseoutFormSchema, (form, { write }) => (updateCoeFields(db(), write, "closeout", form), done("closeout"))),
  // The no-JavaScript form of a narrative section: plain paragraphs, checked like any submitted document (an empty lesson is a field error).
  "save-rich-text": withForm(RichTextFormSchema, (form, { write }) => {
    const doc = validateRichText(form.doc);
    if (!doc.ok) return { ok: false, errors: { text: doc.message } };
    saveRichField(db(), write, form.field, doc.doc);
    return done(form.field.kind === "coe" ? richFieldInfo(form.field).lock : form.field.key);
  }),
  "add-timeline": withForm(TimelineEntryFormSchema, (form, { write }) => (addTimelineEntry(db(), write, form), done("timeline"))),
  "edit-timeline": withForm(TimelineEntryFormSchema, (form, { write, values }) => (updateTimelineEntry(db(), write, entityId(values), form), done("timeline"))),
  "delete-timeline": ({ write, values }) => (deleteTimelineEntry(db(), write, entityId(values)), done("timeline")),
  "add-action-item": withForm(ActionItemFormSchema, (form, { write }) => (addActionItem(db(), write, form), done("action-items"))),
  "edit-action-item": withForm(ActionItemFormSchema, (form, { write, values }) => (updateActionItem(db(), write, entityId(values), form), done("action-items"))),
};
