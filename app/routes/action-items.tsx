import { data, Form, Link, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/action-items";
import { requireUser } from "~/auth/session.server";
import { SelectField } from "~/components/ui/select-field";
import { TextareaField } from "~/components/ui/textarea-field";
import { ErrorAlert } from "~/components/ui/error-alert";
import { toPayload, usePayload } from "~/components/ui/json-payload";
import { ItemRows } from "~/components/action-items/item-rows";
import { SlipFiguresFacts } from "~/components/action-items/slip-figures";
import { CalendarSubscribe } from "~/components/action-items/calendar-subscribe";
import { changeItemStatus } from "~/data/action-item-writes.server";
import { itemRefusal } from "~/server/action-item-intents.server";
import { coeOfItems, listActionItems } from "~/data/action-item-lists.server";
import { calendarFeedOf } from "~/data/calendar-feeds.server";
import { listTeams } from "~/data/coe-list.server";
import { db } from "~/data/db.server";
import { BUCKET_PAGE, BUCKET_TITLES, BUCKETS, matchesFilter, ownerBuckets } from "~/domain/action-items/owner-view";
import { slipFigures } from "~/domain/action-items/slip";
import { utcDay } from "~/domain/calendar-date";
import { ACTION_STATUS_LABELS, HORIZON_LABELS, optionsOf } from "~/domain/coe/labels";
import { canReview, type Actor } from "~/domain/coe/permissions";
import { ACTION_STATUSES, HORIZONS } from "~/domain/enums";
import { LIMITS } from "~/domain/limits";
import { calendarFeedAction, isCalendarIntent, type CalendarFeedResult } from "~/server/calendar-feed-intents.server";
import { requireFormValues } from "~/server/form-body.server";

export const meta: Route.MetaFunction = () => [{ title: "Action items · COE" }];

const Query = z.object({
  status: z.enum(["open-work", "all", ...ACTION_STATUSES]).catch("open-work"),
  horizon: z.enum(HORIZONS).optional().catch(undefined),
  team: z.coerce.number().int().positive().optional().catch(undefined),
  coe: z.coerce.number().int().positive().optional().catch(undefined),
  /** The bucket shown in full (the others show their first BUCKET_PAGE rows). */
  show: z.enum(BUCKETS).optional().catch(undefined),
});

const STATUS_FILTERS = { "open-work": "Open work (not validated or cancelled)", all: "All", ...ACTION_STATUS_LABELS };

/**
 * My action items (the owner's home), or, for reviewers and admins who pick a team, the items of
 * that team's COEs with the team's slip figures. Filters are the query string (works without JavaScript).
 */
export async function loader({ request, url }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const query = Query.parse(Object.fromEntries(url.searchParams));
  const teamView = query.team !== undefined && canReview(user);
  // One read of the whole scope: the figures count every item, the buckets show those the filters keep.
  const all = await listActionItems(db(), teamView ? { teamId: query.team! } : { ownerId: user.id });
  const today = utcDay(Date.now());
  const groups = ownerBuckets(
    all.filter((i) => matchesFilter(i, query)),
    today,
  ).map(({ bucket, items }) => ({
    bucket,
    count: items.length,
    rows: (query.show === bucket ? items : items.slice(0, BUCKET_PAGE)).map(({ rePromises: _, ownerId: __, ...row }) => row),
  }));
  return {
    query,
    today,
    teamView,
    teams: canReview(user) ? await listTeams(db()) : [],
    groups: toPayload(groups),
    figures: slipFigures(all, today),
    canMove: !teamView,
    // The calendar link is of one's own items: offered on My action items, not on a team's.
    calendarFeed: teamView ? undefined : await calendarFeedStatus(user.id),
  };
}

async function calendarFeedStatus(userId: number) {
  const feed = await calendarFeedOf(db(), userId);
  return { madeAtMs: feed?.createdAt.getTime() };
}

const Bulk = z.object({ status: z.enum(ACTION_STATUSES, { error: "Choose a status" }), note: z.string().trim().max(LIMITS.validationNote).optional() });
export type BulkResult = { ok?: true; message?: string; errors?: Record<string, string>; refused?: { title: string; why: string }[] };

/** The page's forms: the calendar link's (by intent), else the bulk move. */
export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request);
  const values = await requireFormValues(request);
  if (isCalendarIntent(values.intent)) return calendarFeedAction(values.intent, { userId: user.id, request, context });
  return moveTicked(user, values);
}

/** Moves the ticked items (each at the version the page showed) to one status: each item on its own, each refusal named. */
async function moveTicked(user: Actor, values: Record<string, string>) {
  const parsed = Bulk.safeParse(values);
  if (!parsed.success) return data<BulkResult>({ errors: { status: "Choose a status" } }, { status: 400 });
  const ticked = Object.entries(values)
    .map(([k, v]) => [/^item-(\d{1,15})$/.exec(k)?.[1], v] as const)
    .filter((e): e is readonly [string, string] => e[0] !== undefined)
    .map(([id, version]) => ({ id: Number(id), version: Number(version) }));
  if (!ticked.length) return data<BulkResult>({ errors: { form: "Tick the items to move first." } }, { status: 400 });
  const coeOf = await coeOfItems(
    db(),
    ticked.map((t) => t.id),
  );
  const refused: { title: string; why: string }[] = [];
  let moved = 0;
  for (const t of ticked) {
    const item = coeOf.get(t.id);
    const why = item ? await moveOne(user, item.coeId, t, parsed.data.status, parsed.data.note || null) : "It no longer exists.";
    if (why) refused.push({ title: item?.title ?? `Item ${t.id}`, why });
    else moved += 1;
  }
  const message = `${moved === 1 ? "1 item" : `${moved} items`} moved to ${ACTION_STATUS_LABELS[parsed.data.status]}.`;
  return data<BulkResult>({ ok: true, message, refused }, { status: refused.length && !moved ? 400 : 200 });
}

/** One item of a bulk move: undefined when it moved, else why not (in words for the page). */
async function moveOne(user: Actor, coeId: number, t: { id: number; version: number }, to: (typeof ACTION_STATUSES)[number], note: string | null) {
  try {
    await changeItemStatus(db(), { coeId, itemId: t.id, baseVersion: t.version, actor: user, now: new Date() }, to, note);
    return undefined;
  } catch (e) {
    const refusal = itemRefusal(e);
    if (!refusal) throw e;
    return refusal.status === 409 ? "It changed since the page was loaded; reload to see it." : Object.values(refusal.errors).join(" ");
  }
}

/** The page's query with one bucket shown in full. */
function showAll(query: Record<string, string | number | undefined>, bucket: string) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, show: bucket })) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

export default function ActionItems({
  loaderData: { query, today, teamView, teams, groups: groupsPayload, figures, canMove, calendarFeed },
}: Route.ComponentProps) {
  const groups = usePayload(groupsPayload);
  const answer = useActionData<BulkResult | CalendarFeedResult>();
  const [result, calendarResult] = answer && "calendarFeed" in answer ? [undefined, answer.calendarFeed] : [answer, undefined];
  const busy = useNavigation().state === "submitting";
  const team = teams.find((t) => t.id === query.team);
  const who = teamView && team ? team.name : "your items";
  return (
    <section className="action-items-page">
      <h1>{teamView && team ? `Action items of ${team.name}` : "My action items"}</h1>
      <SlipFiguresFacts figures={figures} who={who} />
      {calendarFeed ? <CalendarSubscribe madeAtMs={calendarFeed.madeAtMs} result={calendarResult} busy={busy} /> : null}
      <Form method="get" className="filters" aria-label="Filter action items">
        <SelectField label="Status" name="status" defaultValue={query.status} options={optionsOf(STATUS_FILTERS)} />
        <SelectField label="Horizon" name="horizon" defaultValue={query.horizon ?? ""} placeholder="Any horizon" options={optionsOf(HORIZON_LABELS)} />
        {teams.length ? (
          <SelectField
            label="Team"
            name="team"
            defaultValue={query.team ?? ""}
            placeholder="My items"
            options={teams.map((t) => ({ value: t.id, label: t.name }))}
          />
        ) : null}
        {query.coe ? <input type="hidden" name="coe" value={query.coe} /> : null}
        <button type="submit">Apply</button>
      </Form>
      {groups.length ? (
        <Form method="post" className="stack" aria-label="Move selected items">
          <ErrorAlert message={result?.errors?.form} />
          {result?.ok ? (
            <div role="status">
              <p>{result.message}</p>
              {result.refused?.length ? (
                <ul className="small">
                  {result.refused.map((r) => (
                    <li key={r.title}>
                      Not moved: {r.title}: {r.why}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {groups.map((g) => (
            <section key={g.bucket} aria-labelledby={`bucket-${g.bucket}`}>
              <h2 id={`bucket-${g.bucket}`}>
                {BUCKET_TITLES[g.bucket]} <span className="badge">{g.count}</span>
              </h2>
              <ItemRows rows={g.rows} today={today} canMove={canMove} teamView={teamView} />
              {g.count > g.rows.length ? (
                <p>
                  <Link to={`?${showAll(query, g.bucket)}#bucket-${g.bucket}`}>
                    Show all {g.count.toLocaleString("en")} {BUCKET_TITLES[g.bucket].toLowerCase()}
                  </Link>
                </p>
              ) : null}
            </section>
          ))}
          {canMove ? (
            <fieldset className="bulk-move">
              <legend>Move the selected items</legend>
              <div className="row">
                <SelectField label="To status" name="status" placeholder="Choose…" options={optionsOf(ACTION_STATUS_LABELS)} error={result?.errors?.status} />
                <TextareaField
                  label="Note"
                  name="note"
                  rows={2}
                  limit={LIMITS.validationNote}
                  hint="Needed to validate (how it was shown to work) or to cancel (why)."
                />
              </div>
              <button type="submit" className="button" disabled={busy}>
                Move selected
              </button>
            </fieldset>
          ) : null}
        </Form>
      ) : (
        <p className="empty">No action items match these filters.</p>
      )}
    </section>
  );
}
