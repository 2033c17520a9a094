import { useMemo } from "react";
import { data, redirect, type ShouldRevalidateFunctionArgs } from "react-router";
import type { LintOptions } from "~/domain/coe/blameless-lint";
import { z } from "zod";
import type { Route } from "./+types/route";
import { forbidden, notFound, requireIdParam } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { CloseoutForm, CustomerImpactForm } from "~/components/coe/coe-field-forms";
import type { FormResult } from "~/components/coe/form-result";
import { HeaderForm } from "~/components/coe/header-fields";
import { listTeams } from "~/data/coe-list.server";
import { listCategories } from "~/data/categories.server";
import { getCoe, getCoeAccess } from "~/data/coe-reading.server";
import { attemptWrite } from "~/data/write-errors.server";
import { db } from "~/data/db.server";
import { listActiveUsers } from "~/data/users.server";
import { BaseVersionSchema } from "~/domain/coe/forms";
import { coeIntents } from "./coe-intents.server";
import { whyIntents } from "./why-intents.server";
import { canEditCoe } from "~/domain/coe/permissions";
import { BlamelessNotesList } from "~/components/coe/blameless-notes-list";
import { coeInsights, lintOptionsFor } from "~/data/coe-insights.server";
import { flattenWhyTree } from "~/domain/whys/tree";
import { whyChoicesOf } from "~/components/coe/why-link-fields";
import { editingView } from "~/data/rich-views.server";
import { listIntents } from "./list-intents.server";
import { answerStaleForm, keepOffering, settlePostedForm } from "./form-merge.server";
import { readFormValues } from "~/server/form-body.server";
import { SectionNav } from "~/components/coe/section-nav";
import { ActionItemsSection } from "./action-items-section";
import { DependenciesSection } from "./dependencies-section";
import { DetectionSection } from "./detection-section";
import { sectionVersionsOf, type RichContext } from "./edit-page-data";
import { EditPageHead } from "./edit-page-head";
import { editPageSections } from "./edit-page-sections";
import { EditSection } from "./edit-section";
import { FiveWhysSection } from "./five-whys-section";
import { whyCommentCounts } from "~/components/comments/open-badge";
import { commentsOf } from "~/data/comments.server";
import { unresolvedCounts } from "~/domain/comments/threads";
import { LessonsSection } from "./lessons-section";
import { RichFieldSection } from "./rich-fields";
import { TimelineSection } from "./timeline-section";

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
    categories: await listCategories(db()),
    people,
    selectedWhyId: q.why,
    // Open comments per why: the tree editor badges them (comments are written on the reading view).
    whyComments: whyCommentCounts(Object.fromEntries(unresolvedCounts(await commentsOf(db(), coeId)).byAnchor)),
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
  loaderData: { coe, metrics, coverage, blameless, narrative, rows, teams, people, selectedWhyId, undo, whyComments, categories },
}: Route.ComponentProps) {
  // The editors' underlines check the same people the server's notes do (the owner list is the active users).
  const lint = useMemo<LintOptions>(() => ({ people, teamName: coe.teamName }), [people, coe.teamName]);
  const versions = sectionVersionsOf(coe.sectionVersions);
  const rich: RichContext = { coeId: coe.id, versions, lint };
  const whyById = new Map(flattenWhyTree(coe.whyTree).map((n) => [n.id, n]));
  const whyChoices = whyChoicesOf(coe.whyTree);
  return (
    <article className="coe edit has-section-nav">
      <EditPageHead coe={coe} />
      <SectionNav states={editPageSections({ coe, narrative, rows, blameless })} watchConflicts />
      <p className="small muted save-model">
        Changes save as you type (a why when you press Enter); the line under each part says when. A new entry is saved by its Add button.
      </p>
      <BlamelessNotesList notes={blameless} />

      <EditSection id="header" title="Header">
        <HeaderForm key="header" coe={coe} teams={teams} baseVersion={versions.of("header")} />
      </EditSection>
      <RichFieldSection field="impact-summary" title="Impact summary" view={narrative["impact-summary"]} context={rich} />
      <EditSection id="customer-impact" title="Customer impact">
        <CustomerImpactForm key="ci" coe={coe} baseVersion={versions.of("customer-impact")} />
      </EditSection>
      <TimelineSection timeline={coe.timeline} metrics={metrics} versions={versions} />
      <FiveWhysSection
        coe={coe}
        version={versions.of("whys")}
        coverage={coverage}
        people={people}
        selectedWhyId={selectedWhyId}
        undo={undo}
        whyComments={whyComments}
        categories={categories}
      />
      <DetectionSection narrative={narrative} context={rich} />
      <DependenciesSection dependencies={rows.dependencies} context={rich} />
      <LessonsSection lessons={rows.lessons} whyById={whyById} whyChoices={whyChoices} context={rich} />
      <ActionItemsSection items={coe.actionItems} lessons={rows.lessons} people={people} whyById={whyById} whyChoices={whyChoices} versions={versions} />
      <RichFieldSection field="customer-rca" title="Customer-facing root cause analysis" view={narrative["customer-rca"]} context={rich} />
      <EditSection id="closeout" title="Close-out checklist">
        <CloseoutForm key="closeout" coe={coe} baseVersion={versions.of("closeout")} />
      </EditSection>
    </article>
  );
}
