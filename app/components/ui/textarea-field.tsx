import type { TextareaHTMLAttributes } from "react";
import { useTextLength } from "./char-counter";
import { FieldShell, type FieldProps } from "./field-shell";

type Props = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "className">;

/** A labelled textarea. `limit` (or, for the same meaning, `maxLength`) counts and warns; it never truncates. */
export function TextareaField({ label, name, error, hint, required, className, limit, maxLength, ...textarea }: Props) {
  const max = limit ?? maxLength;
  const text = useTextLength(textarea.value ?? textarea.defaultValue);
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
        <textarea
          rows={3}
          {...textarea}
          {...a11y}
          ref={text.ref}
          onChange={(e) => {
            text.onText(e.currentTarget.value);
            textarea.onChange?.(e);
          }}
        />
      )}
    </FieldShell>
  );
}
