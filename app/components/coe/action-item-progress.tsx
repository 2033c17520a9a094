import type { ReactNode } from "react";
import { useActionData, useFetcher } from "react-router";
import { ErrorAlert } from "~/components/ui/error-alert";
import { CalendarDate, LocalTime } from "~/components/ui/local-time";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { TextareaField } from "~/components/ui/textarea-field";
import { WhenOpened } from "~/components/ui/when-opened";
import type { DateChangeView } from "~/data/action-item-reads.server";
import type { ItemRights } from "~/domain/action-items/rights";
import { NEXT_STATUSES } from "~/domain/action-items/status";
import { ACTION_STATUS_LABELS } from "~/domain/coe/labels";
import type { ActionStatus, Horizon } from "~/domain/enums";
import { HorizonAdvice } from "~/components/action-items/horizon-advice";
import { LIMITS } from "~/domain/limits";
import type { ItemResult } from "~/server/action-item-intents.server";

export type ProgressItem = {
  id: number;
  title: string;
  horizon: Horizon;
  status: ActionStatus;
  promisedDate: string | null;
  ownerId: number | null;
  version: number;
  /** When it was created (YYYY-MM-DD), for the horizon advice beside a new date. */
  createdDay?: string;
};

type Props = { item: ProgressItem; rights?: ItemRights; people: readonly { id: number; name: string }[]; changes: readonly DateChangeView[] };

/** The result of one of an item's forms: the fetcher's with JavaScript, else the page's action answer when it names this form. */
function useItemForm(formId: string) {
  const fetcher = useFetcher<ItemResult>();
  const page = useActionData() as Partial<ItemResult> | undefined;
  const result = fetcher.state === "idle" ? (fetcher.data ?? (page?.formId === formId ? (page as ItemResult) : undefined)) : undefined;
  return { fetcher, result, busy: fetcher.state !== "idle" };
}

type ItemFormProps = {
  item: ProgressItem;
  intent: "item-status" | "item-date" | "item-owner";
  /** Names the form for assistive technology ("Status of …"). */
  label: string;
  submit: string;
  children: (errors: Record<string, string>) => ReactNode;
};

/**
 * One of an item's forms: posted in place with JavaScript (a plain form without), carrying the
 * item and the version the page showed (after a 409, the current one, so saving again applies
 * what was entered over what changed), with its outcome above its fields.
 */
function ItemForm({ item, intent, label, submit, children }: ItemFormProps) {
  const formId = `item-${item.id}-${intent}`;
  const { fetcher, result, busy } = useItemForm(formId);
  return (
    <fetcher.Form method="post" className={`stack ${intent}-form`} aria-label={`${label} of ${item.title}`}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="itemId" value={item.id} />
      <input type="hidden" name="itemVersion" value={Math.max(item.version, result?.currentVersion ?? 0)} />
      <ErrorAlert message={result?.errors?.form} />
      <p className="small item-outcome" role="status">
        {result?.ok ? result.message : ""}
      </p>
      {children(result?.errors ?? {})}
      <button type="submit" className="button" disabled={busy}>
        {submit}
      </button>
    </fetcher.Form>
  );
}

function StatusForm({ item, rights }: { item: ProgressItem; rights: ItemRights }) {
  const moves = NEXT_STATUSES[item.status].filter((s) => (s === "validated" ? rights.validate : rights.progress));
  if (!moves.length) return null;
  return (
    <ItemForm item={item} intent="item-status" label="Status" submit="Save status">
      {(e) => (
        <>
          <SelectField label="Move to" name="status" options={moves.map((s) => ({ value: s, label: ACTION_STATUS_LABELS[s] }))} error={e.status} />
          <TextareaField
            label="Note"
            name="note"
            rows={2}
            error={e.note}
            limit={LIMITS.validationNote}
            hint="To validate: how you showed the same conditions no longer cause the failure. To cancel: why."
          />
        </>
      )}
    </ItemForm>
  );
}

function DateForm({ item }: { item: ProgressItem }) {
  return (
    <ItemForm item={item} intent="item-date" label="Promised date" submit="Save date">
      {(e) => (
        <>
          <TextField label="Promised date" name="promisedDate" type="date" defaultValue={item.promisedDate ?? ""} error={e.promisedDate} />
          <TextField
            label="Why it changes"
            name="dateChangeReason"
            error={e.dateChangeReason}
            limit={LIMITS.dateChangeReason}
            hint="Logged with your name; the original promise is kept."
          />
          {item.createdDay ? <HorizonAdvice horizon={item.horizon} promisedDate={item.promisedDate} createdDay={item.createdDay} /> : null}
        </>
      )}
    </ItemForm>
  );
}

function OwnerForm({ item, people }: { item: ProgressItem; people: Props["people"] }) {
  return (
    <ItemForm item={item} intent="item-owner" label="Owner" submit="Reassign">
      {(e) => (
        <SelectField
          label="Owner"
          name="ownerId"
          defaultValue={item.ownerId ?? ""}
          placeholder="Unassigned"
          options={people.map((p) => ({ value: p.id, label: p.name }))}
          error={e.ownerId}
        />
      )}
    </ItemForm>
  );
}

/** How many times a promise was moved (the first promise is not a move). */
export const promiseMoves = (changes: readonly DateChangeView[]) => changes.filter((c) => c.from !== null).length;

function DateHistory({ changes }: { changes: readonly DateChangeView[] }) {
  const moves = promiseMoves(changes);
  if (moves < 1) return null;
  return (
    <details className="date-history">
      <summary>
        Promise moved {moves} time{moves === 1 ? "" : "s"}
      </summary>
      <ol className="small">
        {changes.map((c, i) => (
          <li key={i}>
            <LocalTime ms={c.at} /> {c.byName ?? "Someone"}: {c.from ? <CalendarDate date={c.from} /> : "no date"} →{" "}
            {c.to ? <CalendarDate date={c.to} /> : "no date"} — {c.reason}
          </li>
        ))}
      </ol>
    </details>
  );
}

/**
 * An item's promised-date history, and the forms the viewer may use on it (status, date, owner),
 * behind one "Update" disclosure. The forms are rendered when the disclosure opens (a COE page
 * with many items would otherwise send every item's forms); without JavaScript, the disclosure
 * holds a link that reloads the page with this item's forms open (`open`).
 */
export function ActionItemProgress({ item, rights, people, changes, open = false }: Props & { open?: boolean }) {
  const canUpdate = rights && (rights.progress || rights.validate || rights.reassign);
  return (
    <>
      <DateHistory changes={changes} />
      {canUpdate ? (
        <details className="item-progress" open={open || undefined}>
          <summary>Update</summary>
          <WhenOpened>
            {(opened) =>
              opened || open ? (
                <>
                  <StatusForm item={item} rights={rights} />
                  {rights.progress ? <DateForm item={item} /> : null}
                  {rights.reassign ? <OwnerForm item={item} people={people} /> : null}
                </>
              ) : (
                <a href={`?update=${item.id}#action-item-${item.id}`}>Show the forms</a>
              )
            }
          </WhenOpened>
        </details>
      ) : null}
    </>
  );
}
