import { useMemo } from "react";
import { data, Link, redirect, type ShouldRevalidateFunctionArgs } from "react-router";
import type { LintOptions } from "~/domain/coe/blameless-lint";
import { z } from "zod";
import type { Route } from "./+types/route";
import { forbidden, notFound, requireIdParam } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { ActionItemForm } from "~/components/coe/action-item-form";
import { ActionItemList } from "~/components/coe/action-item-list";
import { CloseoutForm, CustomerImpactForm } from "~/components/coe/coe-field-forms";
import { EditDisclosure } from "~/components/coe/edit-disclosure";
import type { FormResult } from "~/components/coe/form-result";
import { HeaderForm } from "~/components/coe/header-fields";
import { MetricsPanel } from "~/components/coe/metrics-panel";
import { StatusBadge } from "~/components/coe/status-badge";
import { TimelineEntryForm } from "~/components/coe/timeline-entry-form";
import { TimelineTable } from "~/components/coe/timeline-table";
import { listTeams } from "~/data/coe-list.server";
import { getCoe, getCoeAccess } from "~/data/coe-reading.server";
import { RICH_SECTIONS, type RichSection } from "~/domain/coe/rich-sections";
import { attemptWrite } from "~/data/write-errors.server";
import { db } from "~/data/db.server";
import { listActiveUsers } from "~/data/users.server";
import { BaseVersionSchema } from "~/domain/coe/forms";
import { coeIntents } from "./coe-intents.server";
import { whyIntents } from "./why-intents.server";
import { canEditCoe } from "~/domain/coe/permissions";
import { BlamelessNotesList } from "~/components/coe/blameless-notes-list";
import { RichTextSection } from "~/components/coe/rich-text-section";
import { coeInsights, lintOptionsFor } from "~/data/coe-insights.server";
import { sectionVersion, type CoeSection } from "~/domain/coe/sections";
import { flattenWhyTree } from "~/domain/whys/tree";
import { LessonList } from "~/components/coe/lesson-list";
import { AddLessonForm, LessonLinksForm } from "~/components/coe/lesson-forms";
import { DependencyForm } from "~/components/coe/dependency-form";
import { DependencyList } from "~/components/coe/dependency-list";
import { RowButton, RowControls } from "~/components/coe/row-controls";
import { whyChoicesOf } from "~/components/coe/why-link-fields";
import { editingView, type RichFieldView } from "~/data/rich-views.server";
import { ROW_FIELDS, rowFieldKey, type RowFieldKind } from "~/domain/coe/rich-fields";
import { listIntents } from "./list-intents.server";
import { answerStaleForm, keepOffering, settlePostedForm } from "./form-merge.server";
import { readFormValues } from "~/server/form-body.server";
import { RootCauseCoverage } from "~/whys-tree/root-cause-coverage";
import { WhyOutlineEditor } from "~/whys-tree/why-outline-editor";
import { WhyTreeEditor } from "~/whys-tree/why-tree-editor";
import { SectionNav } from "~/components/coe/section-nav";
import { ownSaveOrigin } from "~/components/coe/own-section-versions";
import { sectionStates } from "~/domain/coe/page-sections";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData ? `Edit: ${loaderData.coe.title} · COE` : "Edit COE" }];

async function requireEditableCoe(request: Request, rawId: string | undefined) {
  const user = await requireUser(request);
  const coeId = requireIdParam(rawId, "That COE");
  const access = (await getCoeAccess(db(), coeId)) ?? notFound("That COE");
  if (!canEditCoe(user, access))
    forbidden(
      access.status === "approved" || access.status === "closed"
        ? "This COE is approved or closed and can no longer be edited."
        : "Only this COE's authors (and admins) can edit it.",
    );
  return { user, coeId };
}

const WhyQuerySchema = z.object({
  why: z.coerce.number().int().positive().optional().catch(undefined),
  undo: z.coerce.number().int().positive().optional().catch(undefined),
  removed: z.coerce.number().int().positive().catch(1),
});

export async function loader({ request, params, url }: Route.LoaderArgs) {
  const { coeId } = await requireEditableCoe(request, params.coeId);
  const coe = (await getCoe(db(), coeId)) ?? notFound("That COE");
  const q = WhyQuerySchema.parse(Object.fromEntries(url.searchParams));
  const people = await listActiveUsers(db());
  return {
    // Rich text goes to the page once, as what each editor starts from.
    ...editingView(coe),
    ...coeInsights(coe, lintOptionsFor(coe, people)),
    teams: await listTeams(db()),
    people,
    selectedWhyId: q.why,
    undo: q.undo ? { trashId: q.undo, removed: q.removed } : undefined,
  };
}

const HANDLERS = { ...coeIntents, ...whyIntents, ...listIntents };

export async function action({ request, params }: Route.ActionArgs) {
  const { user, coeId } = await requireEditableCoe(request, params.coeId);
  const read = await readFormValues(request);
  if (!read.ok) return data<FormResult>({ formId: "form", errors: { form: read.message } }, { status: read.status });
  const values = read.value;
  const formId = values.formId ?? values.intent ?? "form";
  const fail = (status: number, extra: Omit<FormResult, "formId">) => data<FormResult>({ formId, values, ...extra }, { status });

  const handler = Object.hasOwn(HANDLERS, values.intent ?? "") ? HANDLERS[values.intent!] : undefined;
  if (!handler) return fail(400, { errors: { form: "This form is out of date; reload the page.", intent: "Unknown intent" } });
  const base = BaseVersionSchema.safeParse(values);
  if (!base.success) return fail(400, { errors: { form: "This form is out of date; reload the page.", baseVersion: "Missing or malformed base version" } });

  // A form based on stored values merges a 409 field by field (form-merge.server.ts).
  const settled = settlePostedForm(values.intent!, values);
  if (!settled.ok) return fail(settled.status, settled.result);
  const attempt = await attemptWrite(async () => handler({ values: settled.values, write: { coeId, baseVersion: base.data.baseVersion, actorId: user.id } }));
  if (!attempt.ok) {
    if (attempt.status === 409) {
      const stale = await answerStaleForm(coeId, values.intent!, settled.values, settled.merge, attempt.stale.currentVersion);
      return fail(stale.status, stale.result);
    }
    if (attempt.status === 404) return fail(404, { errors: { form: "That part no longer exists; it may have been deleted." } });
    return fail(400, { errors: attempt.errors, ...keepOffering(settled.merge) });
  }
  const outcome = attempt.value;
  if (!outcome.ok) return fail(400, { errors: outcome.errors, ...keepOffering(settled.merge) });
  // Script callers (the tree editor) get the outcome; plain form posts are redirected (post/redirect/get).
  if (values.via === "script") return { formId, ok: true as const, ...outcome.payload };
  throw redirect(`/coes/${coeId}/edit${outcome.query ?? ""}#${outcome.anchor}`);
}

/** After a 409 the page reloads the current COE, so the author sees what changed next to the input the form kept. */
export function shouldRevalidate({ actionStatus, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return actionStatus === 409 ? true : defaultShouldRevalidate;
}

export default function EditCoe({
  loaderData: { coe, metrics, coverage, blameless, narrative, rows, teams, people, selectedWhyId, undo },
}: Route.ComponentProps) {
  // The editors' underlines check the same people the server's notes do (the owner list is the active users).
  const lint = useMemo<LintOptions>(() => ({ people, teamName: coe.teamName }), [people, coe.teamName]);
  const askAgainIds = new Set(coverage.askAgain.map((n) => n.id));
  // Each form is based on its own section's version, and re-mounts only when that section changes.
  const v = (section: CoeSection) => sectionVersion(coe.sectionVersions, section);
  // A form that adds a row starts afresh after someone's change, but not after this page's own autosave of its section.
  const k = (section: CoeSection) => ownSaveOrigin(section, v(section));
  const rich = (field: RichSection, compact?: boolean) => {
    const { label, placeholder, lock } = RICH_SECTIONS[field];
    return (
      <RichTextSection
        coeId={coe.id}
        field={field}
        label={label}
        placeholder={placeholder}
        version={v(lock)}
        lint={lint}
        compact={compact}
        {...narrative[field]}
      />
    );
  };
  const richRow = (kind: RowFieldKind, id: number, label: string, view: RichFieldView) => (
    <RichTextSection
      coeId={coe.id}
      field={rowFieldKey(kind, id)}
      label={label}
      placeholder={ROW_FIELDS[kind].placeholder}
      version={v(ROW_FIELDS[kind].lock)}
      lint={lint}
      rows={4}
      compact
      {...view}
    />
  );
  const whyById = new Map(flattenWhyTree(coe.whyTree).map((n) => [n.id, n]));
  const whyChoices = whyChoicesOf(coe.whyTree);
  const written = (field: RichSection) => narrative[field].plainText.trim() !== "";
  const sections = sectionStates({
    ...coe,
    richWritten: {
      "impact-summary": written("impact-summary"),
      "detection-fast-enough": written("detection-fast-enough"),
      "detection-metrics": written("detection-metrics"),
      "detection-similar": written("detection-similar"),
      "customer-rca": written("customer-rca"),
    },
    timelineCount: coe.timeline.length,
    hasWhys: !!coe.whyTree,
    dependencyCount: rows.dependencies.length,
    lessonCount: rows.lessons.length,
    actionItemCount: coe.actionItems.length,
    closeout: [coe.closeoutFixesValidated, coe.closeoutDataPreserved, coe.closeoutFollowupsAssigned],
    notes: blameless,
  });
  return (
    <article className="coe edit has-section-nav">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            Editing COE #{coe.id} · <StatusBadge status={coe.status} /> · version {coe.version}
          </p>
          <h1>{coe.title}</h1>
        </div>
        <Link to={`/coes/${coe.id}/history`} className="button history-link">
          History
        </Link>
        <Link to={`/coes/${coe.id}`} className="button">
          View
        </Link>
      </div>

      <SectionNav states={sections} watchConflicts />

      <p className="small muted save-model">
        Changes save as you type (a why when you press Enter); the line under each part says when. A new entry is saved by its Add button.
      </p>

      <BlamelessNotesList notes={blameless} />

      <section aria-labelledby="header">
        <h2 id="header">Header</h2>
        <HeaderForm key="header" coe={coe} teams={teams} baseVersion={v("header")} />
      </section>

      <section aria-labelledby="impact-summary">
        <h2 id="impact-summary">Impact summary</h2>
        {rich("impact-summary")}
      </section>

      <section aria-labelledby="customer-impact">
        <h2 id="customer-impact">Customer impact</h2>
        <CustomerImpactForm key="ci" coe={coe} baseVersion={v("customer-impact")} />
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        <MetricsPanel metrics={metrics} />
        <TimelineTable
          entries={coe.timeline}
          actions={(entry) => (
            <>
              <EditDisclosure formId={`timeline-${entry.id}`} label={`Edit entry: ${entry.text.slice(0, 40)}`}>
                <TimelineEntryForm key={`t-${entry.id}`} entry={entry} baseVersion={v("timeline")} />
              </EditDisclosure>
              <RowButton
                intent="delete-timeline"
                formId={`timeline-${entry.id}`}
                id={entry.id}
                baseVersion={v("timeline")}
                label={`Delete entry: ${entry.text.slice(0, 40)}`}
                className="danger"
              >
                Delete
              </RowButton>
            </>
          )}
        />
        <h3>Add an entry</h3>
        <TimelineEntryForm key={`t-new-${k("timeline")}`} baseVersion={v("timeline")} />
      </section>

      <section aria-labelledby="five-whys">
        <h2 id="five-whys">Five whys</h2>
        <p className="small muted">
          A tree, not a chain: give each independent contributing factor its own branch, and keep asking until an answer names something that, fixed, prevents a
          class of failures. Mark those as root causes.
        </p>
        {coe.whyTree ? <RootCauseCoverage coverage={coverage} linkTo={(n) => <a href={`#why-${n.id}`}>{n.text}</a>} /> : null}
        <WhyTreeEditor coeId={coe.id} version={v("whys")} root={coe.whyTree} askAgainIds={askAgainIds} people={people} />
        <WhyOutlineEditor root={coe.whyTree} version={v("whys")} selectedId={selectedWhyId} undo={undo} />
      </section>

      <section aria-labelledby="detection">
        <h2 id="detection">Detection and observability</h2>
        {(["detection-fast-enough", "detection-metrics", "detection-similar"] as const).map((field) => (
          <div key={field} className="detection-question">
            <h3>{RICH_SECTIONS[field].label}</h3>
            {rich(field, true)}
          </div>
        ))}
      </section>

      <section aria-labelledby="dependencies">
        <h2 id="dependencies">Dependencies</h2>
        <p className="small muted">
          For each dependency involved: did it perform as promised, was our use of it validated, was the failure mode expected, and what would reduce the blast
          radius?
        </p>
        <DependencyList
          dependencies={rows.dependencies}
          notes={(d) => richRow("dependency", d.id, `Notes on ${d.name}`, d.rich)}
          actions={(d, i) => (
            <div className="row-actions">
              <EditDisclosure formId={`dependency-${d.id}`} label={`Edit dependency: ${d.name}`}>
                <DependencyForm key={`d-${d.id}`} dependency={d} baseVersion={v("dependencies")} />
              </EditDisclosure>
              <RowControls kind="dependency" id={d.id} index={i} count={rows.dependencies.length} baseVersion={v("dependencies")} name={d.name} />
            </div>
          )}
        />
        <h3>Add a dependency</h3>
        <DependencyForm key={`d-new-${k("dependencies")}`} baseVersion={v("dependencies")} />
      </section>

      <section aria-labelledby="lessons">
        <h2 id="lessons">Lessons learned</h2>
        <p className="small muted">Each lesson flows from one or more whys, and generally has an action item.</p>
        <LessonList
          lessons={rows.lessons}
          whyById={whyById}
          body={(l, i) => richRow("lesson", l.id, `Lesson ${i + 1}`, l.rich)}
          actions={(l, i) => (
            <div className="row-actions">
              <EditDisclosure formId={`lesson-links-${l.id}`} label={`Edit the whys lesson ${i + 1} flows from`} summary="Edit links">
                <LessonLinksForm key={`l-${l.id}`} lessonId={l.id} linked={l.whyNodeIds} baseVersion={v("lessons")} whyChoices={whyChoices} />
              </EditDisclosure>
              <RowControls kind="lesson" id={l.id} index={i} count={rows.lessons.length} baseVersion={v("lessons")} name={`lesson ${i + 1}`} />
            </div>
          )}
        />
        <h3>Add a lesson</h3>
        <AddLessonForm key={`l-new-${k("lessons")}`} baseVersion={v("lessons")} whyChoices={whyChoices} />
      </section>

      <section aria-labelledby="action-items">
        <h2 id="action-items">Action items</h2>
        <ActionItemList
          items={coe.actionItems}
          whyById={whyById}
          lessons={rows.lessons}
          actions={(item) => (
            <EditDisclosure formId={`item-${item.id}`} label={`Edit action item: ${item.title}`}>
              <ActionItemForm key={`i-${item.id}`} item={item} baseVersion={v("action-items")} people={people} whyChoices={whyChoices} lessons={rows.lessons} />
            </EditDisclosure>
          )}
        />
        <h3>Add an action item</h3>
        <ActionItemForm key={`i-new-${k("action-items")}`} baseVersion={v("action-items")} people={people} whyChoices={whyChoices} lessons={rows.lessons} />
      </section>

      <section aria-labelledby="customer-rca">
        <h2 id="customer-rca">Customer-facing root cause analysis</h2>
        {rich("customer-rca")}
      </section>

      <section aria-labelledby="closeout">
        <h2 id="closeout">Close-out checklist</h2>
        <CloseoutForm key="closeout" coe={coe} baseVersion={v("closeout")} />
      </section>
    </article>
  );
}
