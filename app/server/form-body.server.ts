import { data } from "react-router";
import { mediaType } from "./request-body.server";

/**
 * Route handlers read bodies only through these, so every route answers a body it cannot read the
 * same way: the wrong type is 415, broken encoding or syntax is 400, and nothing is written.
 */
export type BodyResult<T> = { ok: true; value: T } | { ok: false; status: 400 | 415; message: string };

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
// C0 controls other than tab, line feed and carriage return have no place in anything typed into a form.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const fail = (status: 400 | 415, message: string) => ({ ok: false as const, status, message });

function decodeUtf8(bytes: ArrayBuffer): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** application/x-www-form-urlencoded, decoded strictly: a malformed %-escape or invalid UTF-8 is an error, not U+FFFD. */
function parseUrlEncoded(text: string): [string, string][] | undefined {
  const pairs: [string, string][] = [];
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const [rawKey, rawValue] = eq === -1 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
    try {
      pairs.push([decodeURIComponent(rawKey.replaceAll("+", " ")), decodeURIComponent(rawValue.replaceAll("+", " "))]);
    } catch {
      return undefined;
    }
  }
  return pairs;
}

async function formPairs(request: Request): Promise<BodyResult<[string, string][]>> {
  const type = mediaType(request.headers.get("Content-Type") ?? undefined);
  if (!FORM_TYPES.includes(type)) return fail(415, "This address takes a form (application/x-www-form-urlencoded or multipart/form-data).");
  if (type === "multipart/form-data") {
    // The parser would quietly turn invalid UTF-8 into U+FFFD; a form of text fields is UTF-8 throughout, so check the bytes first.
    const bytes = await request.arrayBuffer();
    if (decodeUtf8(bytes) === undefined) return fail(400, "The form could not be read (it is not valid UTF-8).");
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { "Content-Type": request.headers.get("Content-Type")! } }).formData();
    } catch {
      return fail(400, "The form could not be read (a broken or truncated multipart body, or no boundary).");
    }
    const pairs: [string, string][] = [];
    for (const [key, value] of form) {
      if (typeof value !== "string") return fail(400, `The field "${key.slice(0, 60)}" is a file; this form takes no files.`);
      pairs.push([key, value]);
    }
    return { ok: true, value: pairs };
  }
  const text = decodeUtf8(await request.arrayBuffer());
  const pairs = text === undefined ? undefined : parseUrlEncoded(text);
  return pairs ? { ok: true, value: pairs } : fail(400, "The form could not be read (it is not valid UTF-8 or has a broken %-escape).");
}

/** A form's fields (the last value of a repeated name). */
export async function readFormValues(request: Request): Promise<BodyResult<Record<string, string>>> {
  const pairs = await formPairs(request);
  if (!pairs.ok) return pairs;
  const bad = pairs.value.find(([k, v]) => CONTROL.test(k) || CONTROL.test(v));
  if (bad) return fail(400, `The field "${bad[0].replace(CONTROL, "?").slice(0, 60)}" contains control characters.`);
  return { ok: true, value: Object.fromEntries(pairs.value) };
}

/** A JSON body; its content type must say so. */
export async function readJsonBody(request: Request): Promise<BodyResult<unknown>> {
  if (mediaType(request.headers.get("Content-Type") ?? undefined) !== "application/json")
    return fail(415, "This address takes JSON (Content-Type: application/json).");
  const text = decodeUtf8(await request.arrayBuffer());
  if (text === undefined) return fail(400, "The request is not valid UTF-8.");
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    // JSON.parse recurses: a body of a few hundred thousand "[" exhausts the stack (RangeError) instead of failing to parse.
    return fail(400, e instanceof RangeError ? "The request is nested too deeply." : "The request is not valid JSON.");
  }
}

/** A form's fields, or the error page with the reason (400/415): for routes whose forms come only from our own pages. */
export async function requireFormValues(request: Request): Promise<Record<string, string>> {
  const read = await readFormValues(request);
  if (!read.ok) throw data({ reason: read.message }, { status: read.status });
  return read.value;
}
