import { useEffect, useRef } from "react";
import { data, Form, Link, redirect, type ShouldRevalidateFunctionArgs } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/coes.$coeId.history";
import { forbidden, notFound, requireIdParam } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { StatusBadge } from "~/components/coe/status-badge";
import { ErrorAlert } from "~/components/ui/error-alert";
import { LocalTime, useViewerTimeZone } from "~/components/ui/local-time";
import { writeFailure } from "~/data/write-errors.server";
import { itemUpdatesOfCoe } from "~/data/action-item-reads.server";
import { ItemUpdatesSection } from "~/components/action-items/item-updates";
import { db } from "~/data/db.server";
import { getHistoryCoe, getRevision, listRevisions, restoreRevision, UnrestorableRevisionError } from "~/data/revisions.server";
import { fieldErrors, type FieldErrors } from "~/domain/coe/forms";
import { formatInstant } from "~/domain/coe/date-format";
import { RestoreFormSchema } from "~/domain/coe/restore-form";
import { canEditCoe } from "~/domain/coe/permissions";
import type { ImplausibleDate } from "~/domain/coe/implausible-dates";
import { STATUS_LABELS } from "~/domain/coe/labels";
import {
  DIFF_SECTION_LABELS,
  diffCoeDocuments,
  RESTORABLE_SECTIONS,
  statusChange,
  type DiffPart,
  type RestorableSection,
  type SectionDiff,
} from "~/domain/coe/revision-diff";
import { readFormValues } from "~/server/form-body.server";
import { sectionVersion } from "~/domain/coe/sections";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData ? `History: ${loaderData.coe.title} · COE` : "History · COE" }];

const Version = z.coerce.number().int().positive().optional().catch(undefined);
/** Compare links name the COE's version numbers, as the page does: `?from-version=3&to-version=5`. */
const CompareQuerySchema = z.object({ "from-version": Version, "to-version": Version });

/** Links from before compare URLs named versions carried revision ids (`?from=<id>&to=<id>`): the same comparison, by version. */
function versionLink(coeId: number, search: URLSearchParams, revisions: { id: number; coeVersion: number }[]): string | undefined {
  if (!search.has("from") && !search.has("to")) return undefined;
  const versionOf = new Map(revisions.map((r) => [String(r.id), r.coeVersion]));
  const query = new URLSearchParams();
  for (const [old, name] of [
    ["from", "from-version"],
    ["to", "to-version"],
  ] as const) {
    const version = versionOf.get(search.get(old) ?? "");
    if (version !== undefined) query.set(name, String(version));
  }
  return `/coes/${coeId}/history${query.size ? `?${query}` : ""}`;
}

export async function loader({ request, params, url }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const coeId = requireIdParam(params.coeId, "That COE");
  const coe = (await getHistoryCoe(db(), coeId)) ?? notFound("That COE");
  const revisions = (await listRevisions(db(), coeId)).map(({ createdAt, ...r }) => ({ ...r, createdAtMs: createdAt.getTime() }));
  const moved = versionLink(coeId, url.searchParams, revisions);
  if (moved) throw redirect(moved, 301);
  const query = CompareQuerySchema.parse(Object.fromEntries(url.searchParams));
  // Unknown versions fall back to the default: the newest version against the one before it.
  const idOf = (version: number | undefined) => revisions.find((r) => r.coeVersion === version)?.id;
  const toId = idOf(query["to-version"]) ?? revisions[0]?.id;
  const fromId = idOf(query["from-version"]) ?? revisions[1]?.id;
  const from = fromId === undefined ? undefined : await getRevision(db(), coeId, fromId);
  const to = toId === undefined ? undefined : await getRevision(db(), coeId, toId);
  return {
    coe: { id: coe.id, title: coe.title, status: coe.status },
    revisions,
    canRestore: canEditCoe(user, coe),
    itemUpdates: await itemUpdatesOfCoe(db(), coeId),
    baseVersions: Object.fromEntries(RESTORABLE_SECTIONS.map((s) => [s, sectionVersion(coe.sectionVersions, s)])) as Record<RestorableSection, number>,
    compare:
      from && to
        ? { fromId: from.id, toId: to.id, sections: diffCoeDocuments(from.snapshot, to.snapshot), statusChange: statusChange(from.snapshot, to.snapshot) }
        : undefined,
  };
}

type ActionResult =
  { error: string; errors?: FieldErrors; notice?: undefined } | { notice: string; dates: ImplausibleDate[]; error?: undefined; errors?: undefined };

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  const coeId = requireIdParam(params.coeId, "That COE");
  const coe = (await getHistoryCoe(db(), coeId)) ?? notFound("That COE");
  if (!canEditCoe(user, coe))
    forbidden(
      coe.status === "approved" || coe.status === "closed"
        ? "This COE is approved or closed and can no longer be changed."
        : "Only this COE's authors (and admins) can restore an earlier version.",
    );
  const read = await readFormValues(request);
  if (!read.ok) return data<ActionResult>({ error: read.message }, { status: read.status });
  const parsed = RestoreFormSchema.safeParse(read.value);
  if (!parsed.success) return data<ActionResult>({ error: "This form is out of date; reload the page.", errors: fieldErrors(parsed.error) }, { status: 400 });
  try {
    const { sections, keptDates } = await restoreRevision(db(), {
      coeId,
      revisionId: parsed.data.revisionId,
      actorId: user.id,
      baseVersions: parsed.data.baseVersions,
    });
    // Dates from before the plausible range was enforced are put back as they were, and named.
    if (keptDates.length)
      return data<ActionResult>({
        notice: `${sections.length ? "Restored" : "Nothing to restore: this COE already reads like that version"}. ${keptDates.length === 1 ? "One date is" : `${keptDates.length} dates are`} outside the plausible range and ${keptDates.length === 1 ? "was" : "were"} kept as written; correct ${keptDates.length === 1 ? "it" : "them"} on the edit page:`,
        dates: keptDates,
      });
  } catch (e) {
    if (e instanceof UnrestorableRevisionError) return data<ActionResult>({ error: e.message }, { status: 422 });
    const failure = writeFailure(e);
    if (!failure) throw e;
    if (failure.status === 404) notFound("That version");
    if (failure.status === 400)
      return data<ActionResult>({ error: Object.values(failure.errors)[0] ?? "Nothing was restored.", errors: failure.errors }, { status: 400 });
    const section = failure.stale.section;
    const what = section && section !== "status" ? `the ${DIFF_SECTION_LABELS[section].toLowerCase()} section` : "this COE";
    return data<ActionResult>(
      {
        error: `Nothing was restored: someone changed ${what} after this page was loaded. The list now shows the latest versions; compare again, then restore if you still want to.`,
      },
      { status: 409 },
    );
  }
  throw redirect(`/coes/${coeId}/history`);
}

/** After a refused restore the page reloads, so the versions it would restore against are current. */
export function shouldRevalidate({ actionStatus, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return actionStatus === 409 ? true : defaultShouldRevalidate;
}

type RevisionRow = Route.ComponentProps["loaderData"]["revisions"][number];

/** An option cannot hold a <time>: its date is written by the same function, in the same zone, as the table's. */
const optionLabel = (r: RevisionRow, zone: string) =>
  `Version ${r.coeVersion} · ${formatInstant(r.createdAtMs, zone)} · ${r.authorName ?? "someone"} · ${r.summary}`;

export default function CoeHistory({ loaderData: { coe, revisions, canRestore, baseVersions, compare, itemUpdates }, actionData }: Route.ComponentProps) {
  const byId = new Map(revisions.map((r) => [r.id, r]));
  const from = compare && byId.get(compare.fromId);
  const to = compare && byId.get(compare.toId);
  return (
    <article className="history">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            History of COE #{coe.id} · <StatusBadge status={coe.status} />
          </p>
          <h1>{coe.title}</h1>
        </div>
        <p className="history-links">
          <Link to={`/coes/${coe.id}`} className="button">
            View
          </Link>
          {canRestore ? (
            <Link to={`/coes/${coe.id}/edit`} className="button">
              Edit
            </Link>
          ) : null}
        </p>
      </div>
      <p className="muted">Every saved change is kept. Saves by one person to one section within five minutes of each other are kept as one version.</p>
      <ErrorAlert message={(actionData as ActionResult | undefined)?.error} />
      {actionData && "dates" in actionData && actionData.dates ? (
        <KeptDatesNotice notice={actionData.notice} dates={actionData.dates} editPage={`/coes/${coe.id}/edit`} />
      ) : null}

      <section aria-labelledby="compare">
        <h2 id="compare">Compare two versions</h2>
        {revisions.length < 2 ? (
          <p className="empty">There is only one version so far.</p>
        ) : (
          <Form method="get" className="filters" aria-label="Choose versions to compare" key={`${compare?.fromId}-${compare?.toId}`}>
            <VersionSelect label="From version" name="from-version" revisions={revisions} defaultValue={from?.coeVersion} />
            <VersionSelect label="To version" name="to-version" revisions={revisions} defaultValue={to?.coeVersion} />
            <button type="submit">Compare</button>
          </Form>
        )}
        {compare && from && to ? (
          <div className="diff">
            <h3 id="diff-heading">
              Changes from version {from.coeVersion} to version {to.coeVersion}
            </h3>
            {compare.fromId === compare.toId ? (
              <p className="empty">You picked the same version twice.</p>
            ) : compare.sections.length === 0 ? (
              <p className="empty">
                These two versions have the same content: restoring one over the other would change nothing.
                {compare.statusChange
                  ? ` Only the status changed, from ${STATUS_LABELS[compare.statusChange.from as keyof typeof STATUS_LABELS] ?? compare.statusChange.from} to ${STATUS_LABELS[compare.statusChange.to as keyof typeof STATUS_LABELS] ?? compare.statusChange.to}; a restore never changes the status.`
                  : null}
              </p>
            ) : (
              <>
                <p className="small muted diff-legend">
                  <ins>Added text is underlined</ins>, <del>removed text is struck through</del>; in lists, added lines are marked + and removed lines −.
                </p>
                {compare.sections.map((s) => (
                  <SectionChanges key={s.section} diff={s} />
                ))}
              </>
            )}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="versions">
        <h2 id="versions">All versions</h2>
        {canRestore ? (
          <p className="small muted">
            Restoring a version puts back everything it held — header and tenets cited, impact summary, customer impact, timeline, five whys, detection answers,
            dependencies, lessons and their links, action items with their promised dates and date-change log, customer-facing RCA and close-out checklist — as
            a new version. Nothing is lost: the current content stays in the history, and restoring it brings it back. The status does not change. Compare first
            to see exactly what a restore would change.
          </p>
        ) : null}
        <table className="history-table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col">Change</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r, i) => {
              const previous = revisions[i + 1];
              return (
                <tr key={r.id} aria-current={i === 0 ? "true" : undefined}>
                  <th scope="row">
                    {r.coeVersion}
                    {i === 0 ? <span className="badge">current</span> : null}
                  </th>
                  <td>
                    <LocalTime ms={r.createdAtMs} />
                  </td>
                  <td>{r.authorName ?? "—"}</td>
                  <td>{r.summary}</td>
                  <td>
                    <div className="history-actions">
                      {previous ? (
                        <Link to={`?from-version=${previous.coeVersion}&to-version=${r.coeVersion}#compare`}>
                          Show changes<span className="visually-hidden"> in version {r.coeVersion}</span>
                        </Link>
                      ) : null}
                      {canRestore && i > 0 ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="restore" />
                          <input type="hidden" name="revisionId" value={r.id} />
                          {RESTORABLE_SECTIONS.map((s) => (
                            <input key={s} type="hidden" name={`base-${s}`} value={baseVersions[s]} />
                          ))}
                          <button type="submit">
                            Restore this version<span className="visually-hidden"> (version {r.coeVersion})</span>
                          </button>
                        </Form>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <ItemUpdatesSection coeId={coe.id} updates={itemUpdates} />
    </article>
  );
}

function VersionSelect({ label, name, revisions, defaultValue }: { label: string; name: string; revisions: RevisionRow[]; defaultValue: number | undefined }) {
  const zone = useViewerTimeZone();
  return (
    <div className="field">
      <label htmlFor={`compare-${name}`}>{label}</label>
      <select id={`compare-${name}`} name={name} defaultValue={defaultValue}>
        {revisions.map((r) => (
          <option key={r.id} value={r.coeVersion}>
            {optionLabel(r, zone)}
          </option>
        ))}
      </select>
    </div>
  );
}

function SectionChanges({ diff }: { diff: SectionDiff }) {
  const headingId = `diff-${diff.section}`;
  return (
    <section className="diff-section" aria-labelledby={headingId}>
      <h4 id={headingId}>{diff.label}</h4>
      {diff.mode === "words" ? (
        <p className="diff-prose">
          {diff.parts.map((p, i) => (
            <Words key={i} part={p} />
          ))}
        </p>
      ) : (
        <ul className="diff-lines">
          {collapseUnchanged(diff.parts).map((group, i) =>
            group.kind === "skipped" ? (
              <li key={i} className="diff-skipped">
                <details>
                  <summary>
                    {group.lines.length} unchanged line{group.lines.length === 1 ? "" : "s"}
                  </summary>
                  <ul className="diff-lines">
                    {group.lines.map((p, j) => (
                      <Line key={j} part={p} />
                    ))}
                  </ul>
                </details>
              </li>
            ) : (
              <Line key={i} part={group.part} />
            ),
          )}
        </ul>
      )}
    </section>
  );
}

function Words({ part }: { part: DiffPart }) {
  if (part.kind === "same") return <>{part.text}</>;
  const Tag = part.kind === "added" ? "ins" : "del";
  return (
    <Tag>
      <span className="visually-hidden">[{part.kind}: </span>
      {part.text}
      <span className="visually-hidden">]</span>
    </Tag>
  );
}

const SIGN = { same: " ", added: "+", removed: "−" } as const;

function Line({ part }: { part: DiffPart }) {
  const Tag = part.kind === "added" ? "ins" : part.kind === "removed" ? "del" : "span";
  return (
    <li className={`diff-line diff-${part.kind}`}>
      <span className="diff-sign" aria-hidden="true">
        {SIGN[part.kind]}
      </span>
      <Tag className="diff-text">
        {part.kind === "same" ? null : <span className="visually-hidden">{part.kind}: </span>}
        {part.text}
      </Tag>
    </li>
  );
}

/** Long runs of unchanged lines fold away (four or more), keeping two lines of context either side of a change. */
function collapseUnchanged(parts: DiffPart[], context = 2, minFolded = 4): ({ kind: "line"; part: DiffPart } | { kind: "skipped"; lines: DiffPart[] })[] {
  const out: ({ kind: "line"; part: DiffPart } | { kind: "skipped"; lines: DiffPart[] })[] = [];
  let i = 0;
  while (i < parts.length) {
    if (parts[i]!.kind !== "same") {
      out.push({ kind: "line", part: parts[i++]! });
      continue;
    }
    let end = i;
    while (end < parts.length && parts[end]!.kind === "same") end++;
    const keepBefore = i === 0 ? 0 : context;
    const keepAfter = end === parts.length ? 0 : context;
    if (end - i - keepBefore - keepAfter >= minFolded) {
      parts.slice(i, i + keepBefore).forEach((part) => out.push({ kind: "line", part }));
      out.push({ kind: "skipped", lines: parts.slice(i + keepBefore, end - keepAfter) });
      parts.slice(end - keepAfter, end).forEach((part) => out.push({ kind: "line", part }));
    } else parts.slice(i, end).forEach((part) => out.push({ kind: "line", part }));
    i = end;
  }
  return out;
}

/** After a restore that kept dates outside the plausible range: what was kept, field by field. It takes focus, so it is seen (the button was far below) and read. */
function KeptDatesNotice({ notice, dates, editPage }: { notice: string; dates: ImplausibleDate[]; editPage: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [notice, dates]);
  return (
    <div ref={ref} className="alert" role="status" tabIndex={-1}>
      <p>{notice}</p>
      <ul>
        {dates.map((d) => (
          <li key={`${d.field}-${d.value}`}>
            <Link to={`${editPage}#${d.section}`}>{d.field}</Link>: <code>{d.value}</code> ({d.problem.replace(/^Must/, "must")})
          </li>
        ))}
      </ul>
    </div>
  );
}
