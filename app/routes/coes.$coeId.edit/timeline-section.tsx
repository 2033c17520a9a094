import { EditDisclosure } from "~/components/coe/edit-disclosure";
import { MetricsPanel } from "~/components/coe/metrics-panel";
import { RowButton } from "~/components/coe/row-controls";
import { TimelineEntryForm } from "~/components/coe/timeline-entry-form";
import { TimelineTable } from "~/components/coe/timeline-table";
import type { EditPageData, SectionVersionsOf } from "./edit-page-data";
import { EditSection } from "./edit-section";

type Props = { timeline: EditPageData["coe"]["timeline"]; metrics: EditPageData["metrics"]; versions: SectionVersionsOf };

/** The incident's metrics, its timeline with each entry's edit and delete, and the form that adds an entry. */
export function TimelineSection({ timeline, metrics, versions }: Props) {
  const version = versions.of("timeline");
  return (
    <EditSection id="timeline" title="Timeline">
      <MetricsPanel metrics={metrics} />
      <TimelineTable
        entries={timeline}
        actions={(entry) => (
          <>
            <EditDisclosure formId={`timeline-${entry.id}`} label={`Edit entry: ${entry.text.slice(0, 40)}`}>
              <TimelineEntryForm key={`t-${entry.id}`} entry={entry} baseVersion={version} />
            </EditDisclosure>
            <RowButton
              intent="delete-timeline"
              formId={`timeline-${entry.id}`}
              id={entry.id}
              baseVersion={version}
              label={`Delete entry: ${entry.text.slice(0, 40)}`}
              className="danger"
            >
              Delete
            </RowButton>
          </>
        )}
      />
      <h3>Add an entry</h3>
      <TimelineEntryForm key={`t-new-${versions.freshKey("timeline")}`} baseVersion={version} />
    </EditSection>
  );
}
