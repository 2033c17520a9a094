import { useId, type ReactNode } from "react";
import { CharCounter, counterBand } from "./char-counter";

export type FieldProps = {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  required?: boolean;
  className?: string;
  /**
   * The most characters the server accepts. The field shows a counter from 80 % of it and is marked
   * invalid past it; it never truncates (a `maxLength` would cut pasted text silently).
   */
  limit?: number;
};

type ShellProps = Omit<FieldProps, "limit"> & {
  /** The limit and the current length, when the field has a limit. */
  counter?: { limit: number; length: number };
  children: (a11y: { id: string; "aria-describedby"?: string; "aria-invalid"?: true; name: string; required?: boolean }) => ReactNode;
};

/** Label, hint, counter and error wired to the control with aria-describedby / aria-invalid. */
export function FieldShell({ label, name, error, hint, required, className, counter, children }: ShellProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const band = counter ? counterBand(counter.length, counter.limit) : "quiet";
  const counterId = band !== "quiet" ? `${id}-count` : undefined;
  const describedBy = [hintId, counterId, errorId].filter(Boolean).join(" ") || undefined;
  const invalid = !!error || band === "over";
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
      {children({ id, name, "aria-describedby": describedBy, ...(invalid ? { "aria-invalid": true as const } : {}), required })}
      {counter ? <CharCounter id={`${id}-count`} length={counter.length} limit={counter.limit} /> : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
