import { useId, type ReactNode } from "react";

export type FieldProps = { label: string; name: string; error?: string; hint?: string; required?: boolean; className?: string };

/** Label, hint and error wired to the control with aria-describedby / aria-invalid. */
export function FieldShell({ label, name, error, hint, required, className, children }: FieldProps & { children: (a11y: { id: string; "aria-describedby"?: string; "aria-invalid"?: true; name: string; required?: boolean }) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " has-error" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id, name, "aria-describedby": describedBy, ...(error ? { "aria-invalid": true as const } : {}), required })}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
