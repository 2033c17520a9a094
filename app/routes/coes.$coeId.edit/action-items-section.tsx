import { ActionItemForm } from "~/components/coe/action-item-form";
import { ActionItemList } from "~/components/coe/action-item-list";
import { EditDisclosure } from "~/components/coe/edit-disclosure";
import type { WhyChoice } from "~/components/coe/why-link-fields";
import type { WhyTreeNode } from "~/domain/whys/tree";
import type { EditPageData, SectionVersionsOf } from "./edit-page-data";
import { EditSection } from "./edit-section";

type Props = {
  items: EditPageData["coe"]["actionItems"];
  lessons: EditPageData["rows"]["lessons"];
  people: EditPageData["people"];
  whyById: Map<number, WhyTreeNode>;
  whyChoices: readonly WhyChoice[];
  versions: SectionVersionsOf;
};

/** The action items, each with its edit form, and the form that adds one. */
export function ActionItemsSection({ items, lessons, people, whyById, whyChoices, versions }: Props) {
  const version = versions.of("action-items");
  return (
    <EditSection id="action-items" title="Action items">
      <ActionItemList
        items={items}
        whyById={whyById}
        lessons={lessons}
        actions={(item) => (
          <EditDisclosure formId={`item-${item.id}`} label={`Edit action item: ${item.title}`}>
            <ActionItemForm key={`i-${item.id}`} item={item} baseVersion={version} people={people} whyChoices={whyChoices} lessons={lessons} />
          </EditDisclosure>
        )}
      />
      <h3>Add an action item</h3>
      <ActionItemForm key={`i-new-${versions.freshKey("action-items")}`} baseVersion={version} people={people} whyChoices={whyChoices} lessons={lessons} />
    </EditSection>
  );
}
