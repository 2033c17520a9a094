import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { TextareaField } from "~/components/ui/textarea-field";
import { ACTION_STATUS_LABELS, HORIZON_LABELS, optionsOf, SCALING_LABELS } from "~/domain/coe/labels";
import type { ActionItemRow } from "./action-item-list";
import { EditForm } from "./edit-form";
import { useFormResult } from "./form-result";
import { LIMITS } from "~/domain/limits";

type Item = ActionItemRow & { ownerId: number | null };

export function ActionItemForm({ item, baseVersion, people }: { item?: Item; baseVersion: number; people: { id: number; name: string }[] }) {
  const formId = item ? `item-${item.id}` : "item-new";
  const result = useFormResult(formId);
  const v = result?.values;
  const e = result?.errors;
  return (
    <EditForm
      formId={formId}
      intent={item ? "edit-action-item" : "add-action-item"}
      baseVersion={baseVersion}
      entityId={item?.id}
      label={item ? `Edit action item ${item.title}` : "Add action item"}
      submitLabel={item ? "Save action item" : "Add action item"}
      className="item-form"
    >
      {() => (
        <>
      <TextField label="Title" name="title" defaultValue={v?.title ?? item?.title} error={e?.title} required limit={LIMITS.actionItemTitle} />
      <div className="row">
        <SelectField
          label="Horizon"
          name="horizon"
          defaultValue={v?.horizon ?? item?.horizon ?? ""}
          error={e?.horizon}
          required
          placeholder="Choose…"
          options={optionsOf(HORIZON_LABELS)}
          hint="Short: stop recurrence now · Mid: the lasting fix · Long: a new mechanism"
        />
        <SelectField label="Owner" name="ownerId" defaultValue={v?.ownerId ?? String(item?.ownerId ?? "")} error={e?.ownerId} placeholder="Unassigned" options={people.map((p) => ({ value: p.id, label: p.name }))} />
        <TextField label="Promised date" name="promisedDate" type="date" defaultValue={v?.promisedDate ?? item?.promisedDate ?? ""} error={e?.promisedDate} />
      </div>
      {item?.promisedDate || e?.dateChangeReason ? (
        <TextField label="Reason for a date change" name="dateChangeReason" defaultValue={v?.dateChangeReason} error={e?.dateChangeReason} limit={LIMITS.dateChangeReason} hint="Needed only if you change the promised date; it is logged. The original promise is kept." />
      ) : null}
      <div className="row">
        <SelectField label="Status" name="status" defaultValue={v?.status ?? item?.status ?? "open"} error={e?.status} options={optionsOf(ACTION_STATUS_LABELS)} />
        <SelectField label="Scaling mechanism" name="scaling" defaultValue={v?.scaling ?? item?.scaling ?? ""} error={e?.scaling} placeholder="Not set" options={optionsOf(SCALING_LABELS)} />
      </div>
      <TextareaField label="Validation note" name="validationNote" defaultValue={v?.validationNote ?? item?.validationNote ?? ""} error={e?.validationNote} limit={LIMITS.validationNote} hint="Required to mark it validated: how the same conditions were shown not to cause the failure" />
      <TextField label="Cancellation reason" name="cancelReason" defaultValue={v?.cancelReason ?? item?.cancelReason ?? ""} error={e?.cancelReason} limit={LIMITS.cancelReason} hint="Required to cancel" />
      <TextField label="Tracker link" name="trackerUrl" type="url" defaultValue={v?.trackerUrl ?? item?.trackerUrl ?? ""} error={e?.trackerUrl} limit={LIMITS.url} />
      <div className="checkbox">
        <input type="checkbox" id={`${formId}-cf`} name="isCustomerFacing" defaultChecked={v ? v.isCustomerFacing === "on" : item?.isCustomerFacing} />
        <label htmlFor={`${formId}-cf`}>Customer-facing (listed in the customer RCA with its date)</label>
      </div>
        </>
      )}
    </EditForm>
  );
}
