import { useEffect, useRef } from "react";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { TextareaField } from "~/components/ui/textarea-field";
import { timelineFormValues } from "~/domain/coe/form-values";
import { UTC_OFFSETS } from "~/domain/coe/instant";
import { optionsOf, TIMELINE_KIND_LABELS } from "~/domain/coe/labels";
import type { TimelineRow } from "./timeline-table";
import { EditForm } from "./edit-form";
import { useFormResult } from "./form-result";
import { LIMITS } from "~/domain/limits";

/** "+02:00" for the browser's current offset. */
function browserOffset(): string {
  const minutes = -new Date().getTimezoneOffset();
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const NEW_ENTRY = { local: "", offset: "+00:00", kind: "", text: "", link: "" };
const describe = (name: string, value: string) =>
  name === "kind" ? (TIMELINE_KIND_LABELS[value as keyof typeof TIMELINE_KIND_LABELS] ?? value) : name === "offset" ? `UTC${value}` : value;

export function TimelineEntryForm({ entry, baseVersion }: { entry?: TimelineRow; baseVersion: number }) {
  const formId = entry ? `timeline-${entry.id}` : "timeline-new";
  const result = useFormResult(formId);
  const v = result?.values;
  const offsetRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A new entry defaults to the author's own zone once JavaScript knows it (the server cannot).
    const select = offsetRef.current?.querySelector("select[name=offset]");
    if (!entry && !v && select instanceof HTMLSelectElement && (UTC_OFFSETS as readonly string[]).includes(browserOffset())) select.value = browserOffset();
  }, [entry, v]);
  return (
    <EditForm
      autosave={!!entry}
      section="timeline"
      formId={formId}
      intent={entry ? "edit-timeline" : "add-timeline"}
      baseVersion={baseVersion}
      current={entry ? timelineFormValues(entry) : NEW_ENTRY}
      isNew={!entry}
      describe={describe}
      entityId={entry?.id}
      label={entry ? "Edit timeline entry" : "Add timeline entry"}
      submitLabel={entry ? "Save entry" : "Add entry"}
      className="entry-form"
    >
      {(r, values) => (
        <>
          <div className="row" ref={offsetRef}>
            <TextField label="Time" name="local" type="datetime-local" step={1} defaultValue={values.local} error={r?.errors?.local} required />
            <SelectField
              label="UTC offset"
              name="offset"
              defaultValue={values.offset || "+00:00"}
              error={r?.errors?.offset}
              options={UTC_OFFSETS.map((o) => ({ value: o, label: `UTC${o}` }))}
            />
            <SelectField
              label="Kind"
              name="kind"
              defaultValue={values.kind ?? ""}
              error={r?.errors?.kind}
              required
              placeholder="Choose…"
              options={optionsOf(TIMELINE_KIND_LABELS)}
            />
          </div>
          <TextareaField
            label="What happened"
            name="text"
            defaultValue={values.text}
            error={r?.errors?.text}
            limit={LIMITS.timelineText}
            required
            hint="An alarm, an error pasted, a rollback started, a metric, a suspected correlation…"
          />
          <TextField
            label="Link"
            name="link"
            type="url"
            defaultValue={values.link ?? ""}
            error={r?.errors?.link}
            limit={LIMITS.url}
            hint="Optional: a dashboard, ticket or log link"
          />
        </>
      )}
    </EditForm>
  );
}
