/** A form's fields as the browser submits them: a checkbox is "on" when checked and absent (here "") when not. */
export type FormValues = Record<string, string>;
export type FieldConflict = { mine: string; theirs: string };
export type FormMerge = { values: FormValues; takenFromThem: string[]; conflicts: Record<string, FieldConflict> };

/**
 * Two values of one field mean the same if they differ only in what a browser does to them on the
 * way: CRLF line ends from a textarea, surrounding spaces, and a datetime-local's ":00" seconds
 * (Chromium submits "13:42" for a field pre-filled with "13:42:00").
 */
export function sameFormValue(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}

/** A field's value, or "" when absent (never an inherited property such as `constructor`). */
const field = (values: FormValues, name: string) => (Object.hasOwn(values, name) && typeof values[name] === "string" ? values[name] : "");

function normalize(v: string): string {
  const s = v.replace(/\r\n?/g, "\n").trim();
  return /^\d{4,}-\d\d-\d\dT\d\d:\d\d:00(\.0+)?$/.test(s) ? s.replace(/:00(\.0+)?$/, "") : s;
}

/**
 * A three-way merge of one form, field by field, against the values it was based on. `theirs`
 * (the row as stored now) names the fields: a field only they changed takes their value, a field
 * only I changed keeps mine, and a field we both changed to different values keeps mine for now
 * and is listed as a conflict for the author to settle. A field gone from `theirs` (a why deleted
 * meanwhile) is dropped.
 */
export function mergeFormValues(base: FormValues, mine: FormValues, theirs: FormValues): FormMerge {
  const values: FormValues = {};
  const takenFromThem: string[] = [];
  const conflicts: Record<string, FieldConflict> = {};
  for (const [name, their] of Object.entries(theirs)) {
    const was = field(base, name);
    const my = field(mine, name);
    if (sameFormValue(my, was)) {
      values[name] = their;
      if (!sameFormValue(their, was)) takenFromThem.push(name);
    } else {
      values[name] = my;
      if (!sameFormValue(their, was) && !sameFormValue(their, my)) conflicts[name] = { mine: my, theirs: their };
    }
  }
  return { values, takenFromThem, conflicts };
}

/** The name of the radio pair that settles a conflict on `field`. */
export const choiceName = (field: string) => `choose.${field}`;

/**
 * The submitted values with each listed conflict settled by its radio pair: "theirs" takes the
 * base's value (after a 409 the base is their version), "mine" keeps what the field holds. A
 * conflict left unsettled is named in `unsettled`, so nothing is dropped silently.
 */
export function settleConflicts(values: FormValues, base: FormValues, conflictNames: readonly string[]): { values: FormValues; unsettled: string[] } {
  const settled: FormValues = { ...values };
  const unsettled: string[] = [];
  for (const name of conflictNames) {
    const choice = field(values, choiceName(name));
    if (choice === "theirs") settled[name] = field(base, name);
    else if (choice !== "mine") unsettled.push(name);
  }
  return { values: settled, unsettled };
}

// ─── The hidden fields that carry a form's base ───────────────────────────────────────────

export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;
export const MAX_FIELDS = 500;
export const MAX_BASE_CHARS = 200_000;

export function parseBase(raw: string): FormValues | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  if (entries.length > MAX_FIELDS || !entries.every(([k, v]) => FIELD_NAME.test(k) && typeof v === "string")) return undefined;
  return Object.fromEntries(entries) as FormValues;
}
