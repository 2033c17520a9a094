import type { InputHTMLAttributes } from "react";
import { useTextLength } from "./char-counter";
import { FieldShell, type FieldProps } from "./field-shell";

type Props = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "className">;

/** A labelled input. `limit` (or, for the same meaning, `maxLength`) counts and warns; it never truncates. */
export function TextField({ label, name, error, hint, required, className, limit, maxLength, ...input }: Props) {
  const max = limit ?? maxLength;
  const text = useTextLength(input.value ?? input.defaultValue);
  return (
    <FieldShell
      label={label}
      name={name}
      error={error}
      hint={hint}
      required={required}
      className={className}
      counter={max ? { limit: max, length: text.length } : undefined}
    >
      {(a11y) => (
        <input
          type="text"
          {...input}
          {...a11y}
          ref={text.ref}
          onChange={(e) => {
            text.onText(e.currentTarget.value);
            input.onChange?.(e);
          }}
        />
      )}
    </FieldShell>
  );
}
