import { data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/coes.$coeId.sections.$section";
import { getUser } from "~/auth/session.server";
import { MissingPartError } from "~/data/coe-edit.server";
import { EmptyRichTextError, getRichField, saveRichField } from "~/data/coe-rich-text.server";
import { getCoeAccess } from "~/data/coe-reading.server";
import { StaleWriteError } from "~/data/coe-write.server";
import { db } from "~/data/db.server";
import { renderRichText } from "~/editor/render.server";
import { validateRichText } from "~/editor/validate-doc";
import { canEditCoe } from "~/domain/coe/permissions";
import { parseRichField } from "~/domain/coe/rich-fields";
import { readJsonBody } from "~/server/form-body.server";

const GONE = { error: "not-found", message: "This part was deleted by someone else. Copy your text before leaving the page." } as const;
const BodySchema = z.object({ doc: z.unknown(), baseVersion: z.number().int().min(0) });

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
  const access = getCoeAccess(db(), coeId.data);
  if (!access) return data({ error: "not-found", message: "That COE does not exist." }, { status: 404 });
  if (!canEditCoe(user, access)) return data({ error: "forbidden", message: "Only this COE's authors can edit it, and only before approval." }, { status: 403 });

  const read = await readJsonBody(request);
  if (!read.ok) return data({ error: read.status === 415 ? "unsupported-media-type" : "invalid", message: read.message }, { status: read.status });
  const body = BodySchema.safeParse(read.value);
  if (!body.success) return data({ error: "invalid", message: "The request was not understood." }, { status: 400 });
  const doc = validateRichText(body.data.doc);
  if (!doc.ok) return data({ error: "invalid", message: doc.message }, { status: 400 });
  try {
    const saved = saveRichField(db(), { coeId: coeId.data, baseVersion: body.data.baseVersion, actorId: user.id }, field, doc.doc);
    return { ok: true as const, version: saved.version, savedAt: new Date().toISOString() };
  } catch (e) {
    if (e instanceof EmptyRichTextError) return data({ error: "invalid", message: e.message }, { status: 400 });
    if (e instanceof MissingPartError) return data(GONE, { status: 404 });
    if (!(e instanceof StaleWriteError)) throw e;
    const current = getRichField(db(), coeId.data, field);
    if (!current) return data(GONE, { status: 404 });
    return data({ error: "conflict", message: "Someone else saved this section first.", current: { ...current, html: renderRichText(current.doc) } }, { status: 409 });
  }
}
