import type { TextareaHTMLAttributes } from "react";
import { FieldShell, type FieldProps } from "./field-shell";

type Props = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "className">;

export function TextareaField({ label, name, error, hint, required, className, ...textarea }: Props) {
  return (
    <FieldShell label={label} name={name} error={error} hint={hint} required={required} className={className}>
      {(a11y) => <textarea rows={3} {...textarea} {...a11y} />}
    </FieldShell>
  );
}
