import { SelectField } from "~/components/ui/select-field";
import { WhenOpened } from "~/components/ui/when-opened";
import { TextField } from "~/components/ui/text-field";
import { TextareaField } from "~/components/ui/textarea-field";
import { actionItemFormValues } from "~/domain/coe/form-values";
import { ACTION_STATUS_LABELS, HORIZON_LABELS, optionsOf, SCALING_LABELS } from "~/domain/coe/labels";
import type { ActionItemRow } from "./action-item-list";
import { EditForm } from "./edit-form";
import type { WhyChoice } from "./why-link-fields";
import { LIMITS } from "~/domain/limits";
import { SCALING_EXPLANATIONS } from "~/domain/action-items/horizon";
import { HorizonAdvice } from "~/components/action-items/horizon-advice";

type Item = ActionItemRow & { ownerId: number | null; lessonId: number | null };
export type LessonChoice = { id: number; text: string };

const short = (s: string, n = 70) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The COE's whys as options, indented like the tree ("— " per level), root causes marked. */
export const whyOptions = (whys: readonly WhyChoice[]) =>
  whys.map((w) => ({ value: w.id, label: `${"— ".repeat(Math.max(0, w.depth - 1))}${short(w.text)}${w.isRootCause ? " (root cause)" : ""}` }));
export const lessonOptions = (lessons: readonly LessonChoice[]) => lessons.map((l, i) => ({ value: l.id, label: `Lesson ${i + 1}: ${short(l.text)}` }));

type Props = { item?: Item; baseVersion: number; people: { id: number; name: string }[]; whyChoices: readonly WhyChoice[]; lessons: readonly LessonChoice[] };

export function ActionItemForm({ item, baseVersion, people, whyChoices, lessons }: Props) {
  const formId = item ? `item-${item.id}` : "item-new";
  const whys = whyOptions(whyChoices);
  const lessonsOf = lessonOptions(lessons);
  const describe = (name: string, value: string) => {
    const options = {
      horizon: optionsOf(HORIZON_LABELS),
      status: optionsOf(ACTION_STATUS_LABELS),
      scaling: optionsOf(SCALING_LABELS),
      ownerId: people.map((p) => ({ value: p.id, label: p.name })),
      whyNodeId: whys,
      lessonId: lessonsOf,
    }[name];
    return options?.find((o) => String(o.value) === value)?.label ?? value;
  };
  return (
    <EditForm
      autosave={!!item}
      section="action-items"
      formId={formId}
      intent={item ? "edit-action-item" : "add-action-item"}
      baseVersion={baseVersion}
      current={actionItemFormValues(item)}
      isNew={!item}
      describe={describe}
      entityId={item?.id}
      label={item ? `Edit action item ${item.title}` : "Add action item"}
      submitLabel={item ? "Save action item" : "Add action item"}
      className="item-form"
    >
      {(result, v) => {
        const e = result?.errors;
        const id = (name: string) => `${formId}-${name}`;
        return (
          <>
            <TextField label="Title" name="title" defaultValue={v.title} error={e?.title} required limit={LIMITS.actionItemTitle} />
            <div className="row">
              <SelectField
                label="Horizon"
                name="horizon"
                defaultValue={v.horizon ?? ""}
                error={e?.horizon}
                required
                placeholder="Choose…"
                options={optionsOf(HORIZON_LABELS)}
                hint="Short: stop recurrence now · Mid: the lasting fix · Long: a new mechanism"
              />
              <SelectField
                label="Owner"
                name="ownerId"
                defaultValue={v.ownerId ?? ""}
                error={e?.ownerId}
                placeholder="Unassigned"
                options={people.map((p) => ({ value: p.id, label: p.name }))}
              />
              <TextField label="Promised date" name="promisedDate" type="date" defaultValue={v.promisedDate ?? ""} error={e?.promisedDate} />
            </div>
            <HorizonAdvice horizon={item?.horizon ?? null} promisedDate={item?.promisedDate ?? null} createdDay={item?.createdDay} />
            {item?.promisedDate || e?.dateChangeReason ? (
              <TextField
                label="Reason for a date change"
                name="dateChangeReason"
                defaultValue={v.dateChangeReason}
                error={e?.dateChangeReason}
                limit={LIMITS.dateChangeReason}
                hint="Needed only if you change the promised date; it is logged. The original promise is kept."
              />
            ) : null}
            <div className="row">
              <SelectField label="Status" name="status" defaultValue={v.status ?? "open"} error={e?.status} options={optionsOf(ACTION_STATUS_LABELS)} />
              <SelectField
                label="Scaling mechanism"
                name="scaling"
                defaultValue={v.scaling ?? ""}
                error={e?.scaling}
                placeholder="Not set"
                options={optionsOf(SCALING_LABELS)}
                hint={`From least to most effective: education, distributed change, centralized change. ${SCALING_EXPLANATIONS.centralized_change}`}
              />
            </div>
            <div className="row">
              {item ? (
                // Every existing item's form would list every why (about 55 KB of HTML per form on a
                // 500-node tree): its HTML lists the root causes and its own link, and the whole list
                // is rendered from the page's data when its Edit disclosure opens. The add form lists all.
                <WhenOpened>
                  {(opened) => {
                    const shown = opened ? whys : whys.filter((o, i) => whyChoices[i]!.isRootCause || String(o.value) === v.whyNodeId);
                    return (
                      <SelectField
                        label="Why it addresses"
                        name="whyNodeId"
                        defaultValue={v.whyNodeId ?? ""}
                        error={e?.whyNodeId}
                        placeholder={whys.length ? "None" : "No whys yet"}
                        options={shown}
                        hint={shown.length < whys.length ? "Root causes only: listing every why needs JavaScript." : undefined}
                      />
                    );
                  }}
                </WhenOpened>
              ) : (
                <SelectField
                  label="Why it addresses"
                  name="whyNodeId"
                  defaultValue={v.whyNodeId ?? ""}
                  error={e?.whyNodeId}
                  placeholder={whys.length ? "None" : "No whys yet"}
                  options={whys}
                />
              )}
              <SelectField
                label="Lesson it follows from"
                name="lessonId"
                defaultValue={v.lessonId ?? ""}
                error={e?.lessonId}
                placeholder={lessonsOf.length ? "None" : "No lessons yet"}
                options={lessonsOf}
              />
            </div>
            <TextareaField
              label="Validation note"
              name="validationNote"
              defaultValue={v.validationNote ?? ""}
              error={e?.validationNote}
              limit={LIMITS.validationNote}
              hint="Required to mark it validated: how the same conditions were shown not to cause the failure"
            />
            <TextField
              label="Cancellation reason"
              name="cancelReason"
              defaultValue={v.cancelReason ?? ""}
              error={e?.cancelReason}
              limit={LIMITS.cancelReason}
              hint="Required to cancel"
            />
            <TextField label="Tracker link" name="trackerUrl" type="url" defaultValue={v.trackerUrl ?? ""} error={e?.trackerUrl} limit={LIMITS.url} />
            <div className="checkbox">
              <input type="checkbox" id={id("cf")} name="isCustomerFacing" defaultChecked={v.isCustomerFacing === "on"} />
              <label htmlFor={id("cf")}>Customer-facing (listed in the customer RCA with its date)</label>
            </div>
          </>
        );
      }}
    </EditForm>
  );
}
