import { Link } from "react-router";
import type { Route } from "./+types/route";
import { notFound, requireIdParam } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { ActionItemList } from "~/components/coe/action-item-list";
import { BlamelessNotesList } from "~/components/coe/blameless-notes-list";
import { DependencyList } from "~/components/coe/dependency-list";
import { LessonList } from "~/components/coe/lesson-list";
import { RenderedRichText } from "~/components/coe/rendered-rich-text";
import { readingView } from "~/data/rich-views.server";
import { coeInsights, lintOptionsFor } from "~/data/coe-insights.server";
import { listActiveUsers } from "~/data/users.server";
import { MetricsPanel } from "~/components/coe/metrics-panel";
import { StatusBadge } from "~/components/coe/status-badge";
import { CitedTenets } from "~/components/taxonomy/cited-tenets";
import { TimelineTable } from "~/components/coe/timeline-table";
import { LocalTime } from "~/components/ui/local-time";
import { Facts } from "~/components/ui/facts";
import { timeHtml } from "~/components/ui/time-html";
import { getCoe } from "~/data/coe-reading.server";
import { db } from "~/data/db.server";
import { renderRichText } from "~/editor/render.server";
import { customerRcaDue, impactStartMs } from "~/domain/coe/customer-rca";
import { canEditCoe } from "~/domain/coe/permissions";
import { flattenWhyTree } from "~/domain/whys/tree";
import { unpackWhyTree } from "~/domain/whys/packed-rows";
import { useMemo } from "react";
import { toPayload, usePayload } from "~/components/ui/json-payload";
import { RootCauseCoverage } from "~/whys-tree/root-cause-coverage";
import { WhyTreeFigure } from "~/whys-tree/why-tree-figure";
import { SectionNav } from "~/components/coe/section-nav";
import { sectionStates } from "~/domain/coe/page-sections";
import { data } from "react-router";
import { CommentsPanel } from "~/components/comments/comments-panel";
import { anchorChoices } from "~/domain/comments/anchor-choices";
import { OpenBadge, partBadges, whyCommentCounts } from "~/components/comments/open-badge";
import { commentsPanelData, type CommentsPanelData } from "~/data/comment-views.server";
import { agendaPlaceOf, transitionsOf } from "~/data/coe-lifecycle.server";
import type { CoeView } from "~/data/coe-reading.server";
import { availableTransitions } from "~/domain/coe/lifecycle";
import type { Actor } from "~/domain/coe/permissions";
import { requireFormValues } from "~/server/form-body.server";
import { commentAction, isCommentIntent } from "~/server/comment-intents.server";
import { reviewAction } from "./review-action.server";
import { itemAction, isItemIntent } from "~/server/action-item-intents.server";
import { dateChangesOfCoe } from "~/data/action-item-reads.server";
import { actionItemRights } from "~/domain/action-items/rights";
import { utcDay } from "~/domain/calendar-date";
import { ActionItemProgress, promiseMoves } from "~/components/coe/action-item-progress";
import { CustomerCommitmentList } from "~/components/coe/customer-commitment-list";
import { customerCommitments } from "~/domain/action-items/customer-commitments";
import type { OpenCounts } from "~/components/comments/open-badge";
import { ReviewPanel, type ReviewPanelProps } from "./review-panel";
import { similarCoes } from "~/data/similar-coes.server";
import { SimilarCoes } from "~/components/coe/similar-coes";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData ? `${loaderData.title} · COE` : "COE" }];

export async function loader({ request, params, url }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const coe = (await getCoe(db(), requireIdParam(params.coeId, "That COE"))) ?? notFound("That COE");
  const customerRcaHtml = renderRichText(coe.customerRca);
  const { createdAt: _created, updatedAt: _updated, ...view } = readingView(coe);
  const people = await listActiveUsers(db());
  const comments = await commentsPanelData(db(), coe, user, people);
  const review = await reviewPanelData(coe, user, comments);
  const items = { ...(await itemsPanelData(coe, user, people)), openItem: Number(url.searchParams.get("update")) || undefined };
  const similar = await similarCoes(db(), coe.id);
  return { title: coe.title, page: toPayload(readingPage()), comments, review, items, similar, focusAnchor: url.searchParams.get("on") ?? undefined };

  function readingPage() {
    return {
      coe: view,
      impactSummaryHtml: renderRichText(coe.impactSummary),
      detectionHtml: {
        fastEnough: renderRichText(coe.detectionFastEnough),
        metrics: renderRichText(coe.detectionMetricsReflectedCustomers),
        similar: renderRichText(coe.detectionSimilarEventsDetectable),
      },
      customerRcaHtml,
      ...coeInsights(coe, lintOptionsFor(coe, people)),
      rcaDue: customerRcaDue({ impactStartedMs: impactStartMs(coe.impactStartedAt, coe.timeline), now: Date.now(), isWritten: customerRcaHtml !== "" }),
      canEdit: canEditCoe(user, { status: coe.status, authorIds: coe.authors.map((a) => a.id) }),
    };
  }
}

function Answer({ html }: { html: string }) {
  return <RenderedRichText html={html} empty="Not answered yet." />;
}

/** The review panel's facts: what the viewer may do next, where the COE waits on the agenda, what happened so far. */
async function reviewPanelData(coe: CoeView, user: Actor, comments: CommentsPanelData): Promise<ReviewPanelProps> {
  const history = await transitionsOf(db(), coe.id);
  const place = await agendaPlaceOf(db(), coe.id);
  return {
    coeId: coe.id,
    status: coe.status,
    statusVersion: coe.sectionVersions.status ?? 0,
    coeVersion: coe.version,
    available: availableTransitions(user, { status: coe.status, authorIds: coe.authors.map((a) => a.id) }),
    place: place && { ...place, startsAt: place.startsAt?.getTime() ?? null },
    history: history.map((h) => ({ id: h.id, from: h.from, to: h.to, note: h.note, at: h.createdAt.getTime(), actorName: h.actorName })),
    openComments: comments.threads
      .filter((t) => t.isOpen)
      .map((t) => ({ id: t.id, excerpt: excerpt(t.spans.map((s) => s.text).join("")), about: t.about.text })),
  };
}

/** What the action items show beyond the document: today's slip, each item's promised-date log, and what the viewer may do to each. */
async function itemsPanelData(coe: CoeView, user: Actor, people: readonly { id: number; name: string }[]) {
  const coeFacts = { status: coe.status, authorIds: coe.authors.map((a) => a.id) };
  const rights = Object.fromEntries(
    coe.actionItems.map((i) => [i.id, actionItemRights(user, i, coeFacts)] as const).filter(([, r]) => r.progress || r.validate || r.reassign),
  );
  const reassigns = Object.values(rights).some((r) => r.reassign);
  return {
    today: utcDay(Date.now()),
    rights,
    changes: coe.actionItems.length ? await dateChangesOfCoe(db(), coe.id) : {},
    people: reassigns ? people.map(({ id, name }) => ({ id, name })) : [],
  };
}

const excerpt = (text: string) => (text.length > 90 ? `${text.slice(0, 89)}…` : text);

/** Review decisions and comments; both forms post here, and presenting mode posts its comments the same way. */
export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  const coeId = requireIdParam(params.coeId, "That COE");
  const values = await requireFormValues(request);
  if (isCommentIntent(values.intent)) return commentAction(values, user, coeId);
  if (values.intent === "transition") return reviewAction(values, user, coeId);
  if (isItemIntent(values.intent)) return itemAction(values, user, coeId);
  return data({ formId: "form", errors: { form: "This form is out of date; reload the page." } }, { status: 400 });
}

export default function CoeReading({ loaderData }: Route.ComponentProps) {
  const { comments, review, items, similar, focusAnchor } = loaderData;
  const { coe, impactSummaryHtml, detectionHtml, customerRcaHtml, metrics, rcaDue, canEdit, coverage, blameless } = usePayload(loaderData.page);
  const whyTree = useMemo(() => unpackWhyTree(coe.whyRows), [coe.whyRows]);
  const whyNodes = useMemo(() => flattenWhyTree(whyTree), [whyTree]);
  const whyById = new Map(whyNodes.map((n) => [n.id, n]));
  // The "Comment on" choices, from the parts this page holds (not sent a second time).
  const choices = useMemo(
    () =>
      anchorChoices(
        { whys: whyNodes, timeline: coe.timeline, lessons: coe.lessons, actionItems: coe.actionItems },
        new Set([...comments.threads.map((t) => t.about.key), ...(focusAnchor ? [focusAnchor] : [])]),
      ),
    [whyNodes, coe.timeline, coe.lessons, coe.actionItems, comments.threads, focusAnchor],
  );
  const customerFacing = customerCommitments(coe.actionItems, (id) => promiseMoves(items.changes[id] ?? []));
  const sections = sectionStates({
    ...coe,
    richWritten: {
      "impact-summary": !!impactSummaryHtml,
      "detection-fast-enough": !!detectionHtml.fastEnough,
      "detection-metrics": !!detectionHtml.metrics,
      "detection-similar": !!detectionHtml.similar,
      "customer-rca": !!customerRcaHtml,
    },
    timelineCount: coe.timeline.length,
    hasWhys: !!whyTree,
    dependencyCount: coe.dependencies.length,
    lessonCount: coe.lessons.length,
    actionItemCount: coe.actionItems.length,
    closeout: [coe.closeoutFixesValidated, coe.closeoutDataPreserved, coe.closeoutFollowupsAssigned],
    notes: blameless,
  });
  return (
    <article className="coe has-section-nav">
      <header className="coe-header" id="header">
        <p className="eyebrow">
          COE #{coe.id} · <span className={`sev sev-${coe.severity}`}>Sev {coe.severity}</span> · <StatusBadge status={coe.status} />
        </p>
        <h1>{coe.title}</h1>
        <Facts
          facts={[
            ["Team", coe.teamName],
            ["Services", coe.services.join(", ")],
            ...(coe.eventName ? [["Event", coe.eventName] as const] : []),
            ["Tags", coe.tags.join(", ")],
            ["Authors", coe.authors.map((a) => a.name).join(", ")],
          ]}
        />
        <CitedTenets tenets={coe.tenets} />
        {canEdit ? (
          <Link to={`/coes/${coe.id}/edit`} className="button primary">
            Edit
          </Link>
        ) : null}
        <Link to={`/coes/${coe.id}/history`} className="button history-link">
          History
        </Link>
      </header>

      <SectionNav
        states={sections}
        also={[
          { id: "review", label: "Review" },
          { id: "comments", label: "Comments", badge: comments.openCount ? `${comments.openCount} open` : undefined },
        ]}
      />

      <ReviewPanel {...review} />

      <BlamelessNotesList notes={blameless} />

      <section aria-labelledby="impact-summary">
        <h2 id="impact-summary">
          Impact summary <OpenBadge counts={comments.openByAnchor} anchor="section:impact-summary" />
        </h2>
        <div data-comment-section="impact-summary">
          <RenderedRichText html={impactSummaryHtml} empty="Not written yet." />
        </div>
      </section>

      <section aria-labelledby="customer-impact">
        <h2 id="customer-impact">Customer impact</h2>
        <Facts
          facts={[
            ["Impact started", coe.impactStartedAt ? { html: timeHtml(Date.parse(coe.impactStartedAt), coe.impactStartedAt) } : ""],
            ["Impact ended", coe.impactEndedAt ? { html: timeHtml(Date.parse(coe.impactEndedAt), coe.impactEndedAt) } : ""],
            ["Error rate / affected share", coe.errorRate ?? ""],
            ["Customers or requests affected", coe.affected ?? ""],
            ["Regions", coe.regions.join(", ")],
          ]}
        />
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        <MetricsPanel metrics={metrics} />
        <TimelineTable entries={coe.timeline} actions={partBadges(comments.openByAnchor, "timeline_entry")} />
      </section>

      <section aria-labelledby="five-whys">
        <h2 id="five-whys">
          Five whys <OpenBadge counts={comments.openByAnchor} anchor="section:five-whys" />
        </h2>
        {whyTree ? <RootCauseCoverage coverage={coverage} linkTo={(n) => <a href={`#why-${n.id}`}>{n.text}</a>} /> : null}
        <WhyTreeFigure
          root={whyTree}
          answers={whyNodes.length}
          picture={`/coes/${coe.id}/whys.svg?v=${coe.sectionVersions.whys ?? 0}`}
          comments={whyCommentCounts(comments.openByAnchor)}
        />
      </section>

      <section aria-labelledby="detection">
        <h2 id="detection">
          Detection and observability <OpenBadge counts={comments.openByAnchor} anchor="section:detection" />
        </h2>
        <div data-comment-section="detection">
          <h3>Did we detect it fast enough?</h3>
          <Answer html={detectionHtml.fastEnough} />
          <h3>Did our metrics reflect what customers experienced?</h3>
          <Answer html={detectionHtml.metrics} />
          <h3>Could we detect similar events?</h3>
          <Answer html={detectionHtml.similar} />
        </div>
      </section>

      <section aria-labelledby="dependencies">
        <h2 id="dependencies">Dependencies</h2>
        <DependencyList dependencies={coe.dependencies} notes={(d) => <RenderedRichText html={d.html} empty="No notes." />} />
      </section>

      <section aria-labelledby="lessons">
        <h2 id="lessons">Lessons learned</h2>
        <LessonList
          lessons={coe.lessons}
          whyById={whyById}
          body={(l) => (
            <>
              <OpenBadge counts={comments.openByAnchor} anchor={`lesson:${l.id}`} />
              <RenderedRichText html={l.html} empty="" />
            </>
          )}
        />
      </section>

      <section aria-labelledby="action-items">
        <h2 id="action-items">Action items</h2>
        <ActionItemList
          items={coe.actionItems}
          whyById={whyById}
          lessons={coe.lessons}
          today={items.today}
          actions={itemActions(comments.openByAnchor, items)}
        />
      </section>

      <section aria-labelledby="customer-rca">
        <h2 id="customer-rca">
          Customer-facing root cause analysis <OpenBadge counts={comments.openByAnchor} anchor="section:customer-rca" />
        </h2>
        <p className={rcaDue.isLate ? "alert error" : "muted"}>
          {rcaDue.dueMs === null ? (
            "Due 7 days after impact starts (no impact start recorded yet)."
          ) : (
            <>
              Due <LocalTime ms={rcaDue.dueMs} />
              {rcaDue.isLate ? " — late" : ""}
            </>
          )}
        </p>
        <div data-comment-section="customer-rca">
          <RenderedRichText html={customerRcaHtml} empty="Not written yet." />
        </div>
        <CustomerCommitmentList commitments={customerFacing} />
      </section>

      <section aria-labelledby="closeout">
        <h2 id="closeout">Close-out checklist</h2>
        <ul className="checklist">
          <li data-done={coe.closeoutFixesValidated}>{coe.closeoutFixesValidated ? "✔" : "☐"} Short-term fixes validated</li>
          <li data-done={coe.closeoutDataPreserved}>{coe.closeoutDataPreserved ? "✔" : "☐"} Data and logs preserved</li>
          <li data-done={coe.closeoutFollowupsAssigned}>{coe.closeoutFollowupsAssigned ? "✔" : "☐"} Follow-up COEs assigned</li>
        </ul>
      </section>

      <SimilarCoes similar={similar} />

      <CommentsPanel {...comments} anchorChoices={choices} focusAnchor={focusAnchor} />
    </article>
  );
}

type ItemsPanel = Awaited<ReturnType<typeof itemsPanelData>> & { openItem?: number };

/** Each item's open-comment badge, promised-date log and update forms, when it has any of them. */
function itemActions(counts: OpenCounts, items: ItemsPanel) {
  const badge = partBadges(counts, "action_item");
  const anyLog = Object.values(items.changes).some((c) => promiseMoves(c) > 0);
  if (!badge && !anyLog && !Object.keys(items.rights).length) return undefined;
  return (item: CoeView["actionItems"][number]) => (
    <>
      {badge?.(item)}
      <ActionItemProgress
        item={item}
        rights={items.rights[item.id]}
        people={items.people}
        changes={items.changes[item.id] ?? []}
        open={items.openItem === item.id}
      />
    </>
  );
}
