import type { InputHTMLAttributes } from "react";
import { FieldShell, type FieldProps } from "./field-shell";

type Props = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "className">;

export function TextField({ label, name, error, hint, required, className, ...input }: Props) {
  return (
    <FieldShell label={label} name={name} error={error} hint={hint} required={required} className={className}>
      {(a11y) => <input type="text" {...input} {...a11y} />}
    </FieldShell>
  );
}
