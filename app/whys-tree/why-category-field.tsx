import type { Ref } from "react";
import { offeredChoices } from "~/domain/taxonomy/rules";

/** A root-cause category as the edit page ships it. */
export type CategoryOption = { id: number; name: string; retiredAt: string | Date | null };

/** "No category", the live categories, and the node's current one even when retired (marked so). */
export function categoryOptions(categories: readonly CategoryOption[], currentId: number | null | undefined) {
  return [
    { value: "", label: "No category" },
    ...offeredChoices(categories, [currentId ?? null]).map((c) => ({ value: String(c.id), label: c.retiredAt ? `${c.name} (retired)` : c.name })),
  ];
}

type Props = {
  id: string;
  categories: readonly CategoryOption[];
  currentId: number | null | undefined;
  value?: string;
  onChange?: (value: string) => void;
  selectRef?: Ref<HTMLSelectElement>;
  error?: string;
};

/** The category select of a root cause (the tree's panel and the outline's no-JavaScript form share it). */
export function WhyCategorySelect({ id, categories, currentId, value, onChange, selectRef, error }: Props) {
  const options = categoryOptions(categories, currentId);
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>Root-cause category</label>
      <select
        id={id}
        name="categoryId"
        ref={selectRef}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? true : undefined}
        {...(onChange ? { value, onChange: (e) => onChange(e.target.value) } : { defaultValue: String(currentId ?? "") })}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
