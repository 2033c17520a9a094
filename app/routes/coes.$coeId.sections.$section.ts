import { data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/coes.$coeId.sections.$section";
import { getUser } from "~/auth/session.server";
import { getRichField, saveRichField } from "~/data/coe-rich-text.server";
import { getCoeAccess } from "~/data/coe-reading.server";
import { db } from "~/data/db.server";
import { attemptWrite } from "~/data/write-errors.server";
import { fieldErrors, RichTextSaveSchema, type FieldErrors } from "~/domain/coe/forms";
import { readJsonBody } from "~/server/form-body.server";
import { renderRichText } from "~/editor/render.server";
import { validateRichText } from "~/editor/validate-doc";
import { canEditCoe } from "~/domain/coe/permissions";
import { parseRichField } from "~/domain/coe/rich-fields";

const GONE = { error: "not-found", message: "This part was deleted by someone else. Copy your text before leaving the page." } as const;
/** A field-level 400: `message` is what the editor shows, `errors` names each field of the body that is wrong. */
const invalid = (errors: FieldErrors) =>
  data({ error: "invalid", message: Object.values(errors)[0] ?? "The request was not understood.", errors }, { status: 400 });

/**
 * Autosave endpoint of every rich-text field: a narrative section ("impact-summary") or a row's
 * field ("lesson-12", "dependency-3"). JSON in, JSON out. Answers 401 rather than a redirect when
 * the session has expired, so the editor can keep the text and say "sign in again".
 */
export async function action({ request, params }: Route.ActionArgs) {
  const user = await getUser(request);
  if (!user) return data({ error: "signed-out", message: "Your session has ended. Sign in again; your text is kept on this device." }, { status: 401 });
  const coeId = z.coerce.number().int().positive().safeParse(params.coeId);
  const field = parseRichField(params.section);
  if (!coeId.success || !field) return data({ error: "not-found", message: "No such section." }, { status: 404 });
  const access = await getCoeAccess(db(), coeId.data);
  if (!access) return data({ error: "not-found", message: "That COE does not exist." }, { status: 404 });
  if (!canEditCoe(user, access))
    return data({ error: "forbidden", message: "Only this COE's authors can edit it, and only before approval." }, { status: 403 });

  const body = await readJsonBody(request);
  if (!body.ok) return data({ error: body.status === 415 ? "unsupported-media-type" : "invalid", message: body.message }, { status: body.status });
  const parsed = RichTextSaveSchema.safeParse(body.value);
  if (!parsed.success) return invalid(fieldErrors(parsed.error));
  const doc = validateRichText(parsed.data.doc);
  if (!doc.ok) return invalid({ doc: doc.message });
  const saved = await attemptWrite(async () =>
    saveRichField(db(), { coeId: coeId.data, baseVersion: parsed.data.baseVersion, actorId: user.id }, field, doc.doc),
  );
  if (saved.ok) return { ok: true as const, version: saved.value.version, savedAt: new Date().toISOString() };
  // An empty lesson is the form's "text"; here the text is the document.
  if (saved.status === 400) return invalid(Object.fromEntries(Object.entries(saved.errors).map(([k, v]) => [k === "text" ? "doc" : k, v])));
  if (saved.status === 404) return data(GONE, { status: 404 });
  const current = await getRichField(db(), coeId.data, field);
  if (!current) return data(GONE, { status: 404 });
  return data(
    { error: "conflict", message: "Someone else saved this section first.", current: { ...current, html: renderRichText(current.doc) } },
    { status: 409 },
  );
}
