import type { SelectHTMLAttributes } from "react";
import { FieldShell, type FieldProps } from "./field-shell";

type Option = { value: string | number; label: string };
type Props = FieldProps & { options: readonly Option[]; placeholder?: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "className">;

export function SelectField({ label, name, error, hint, required, className, options, placeholder, ...select }: Props) {
  return (
    <FieldShell label={label} name={name} error={error} hint={hint} required={required} className={className}>
      {(a11y) => (
        <select {...select} {...a11y}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
