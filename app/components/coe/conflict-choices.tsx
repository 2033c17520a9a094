import type { FieldErrors } from "~/domain/coe/forms";
import { choiceName, type FormValues } from "~/domain/coe/form-merge";

const readable = (value: string) => (value.trim() === "" ? "(empty)" : value === "on" ? "checked" : value);

/**
 * For each field both people changed: their value and yours side by side, as a radio pair that
 * works without JavaScript. "Yours" is what the field below holds when the form is saved.
 */
export function ConflictChoices({
  formId,
  names,
  mine,
  theirs,
  errors,
  label,
  describe,
}: {
  formId: string;
  names: readonly string[];
  mine: FormValues;
  theirs: FormValues;
  errors?: FieldErrors;
  label: (name: string) => string;
  describe?: (name: string, value: string) => string;
}) {
  if (!names.length) return null;
  const show = (name: string, value: string) => readable(describe?.(name, value) ?? value);
  return (
    <div className="field-choices">
      {names.map((name) => {
        const id = `${formId}-choose-${name}`;
        const error = errors?.[choiceName(name)];
        return (
          <fieldset key={name} className="field-choice" aria-describedby={error ? `${id}-error` : undefined}>
            <legend>{label(name)}: both of you changed it</legend>
            <div className="choice">
              <input type="radio" id={`${id}-mine`} name={choiceName(name)} value="mine" defaultChecked={mine[choiceName(name)] === "mine"} />
              <label htmlFor={`${id}-mine`}>
                Keep yours (as in the field below): <span className="choice-value">{show(name, mine[name] ?? "")}</span>
              </label>
            </div>
            <div className="choice">
              <input type="radio" id={`${id}-theirs`} name={choiceName(name)} value="theirs" defaultChecked={mine[choiceName(name)] === "theirs"} />
              <label htmlFor={`${id}-theirs`}>
                Take theirs: <span className="choice-value">{show(name, theirs[name] ?? "")}</span>
              </label>
            </div>
            {error ? (
              <p className="field-error" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
          </fieldset>
        );
      })}
    </div>
  );
}
