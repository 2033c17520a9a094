import { choiceName, type FormValues } from "~/domain/coe/form-merge";

/** The hidden fields every edit form carries about itself; not what the author typed. */
const META = new Set(["intent", "formId", "baseVersion", "formBase", "formConflicts", "id", "via"]);

/**
 * What a form's fields hold now, as the browser would submit them (an unchecked box is absent);
 * without the hidden fields about the form and the radio pairs that settle a conflict.
 */
export function readFields(form: HTMLFormElement): FormValues {
  const values: FormValues = {};
  for (const [name, value] of new FormData(form)) if (!META.has(name) && !name.startsWith("choose.") && typeof value === "string") values[name] = value;
  return values;
}

/** The author's choice for a field both people changed ("mine", "theirs"), or "" while none is made. */
export function chosen(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(choiceName(name));
  return typeof value === "string" ? value : "";
}

/** One string per state of the fields, to tell whether anything changed since the last save. */
export function fieldsKey(values: FormValues): string {
  return JSON.stringify(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Puts `value` into the field called `name`, as the author would have (a checkbox is checked by "on"). */
export function setField(form: HTMLFormElement, name: string, value: string) {
  const field = form.elements.namedItem(name);
  if (field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio")) field.checked = value === "on";
  else if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement) field.value = value;
}
