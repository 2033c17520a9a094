import { RootCauseCoverage } from "~/whys-tree/root-cause-coverage";
import { WhyOutlineEditor } from "~/whys-tree/why-outline-editor";
import { WhyTreeEditor } from "~/whys-tree/why-tree-editor";
import type { EditPageData } from "./edit-page-data";
import { EditSection } from "./edit-section";

type Props = Pick<EditPageData, "coverage" | "people" | "selectedWhyId" | "undo" | "categories"> & {
  coe: EditPageData["coe"];
  version: number;
  /** Open comments per why id. */
  whyComments: Readonly<Record<number, number>>;
};

/** The five whys: root-cause coverage, the tree editor (with script) and the outline editor (without). */
export function FiveWhysSection({ coe, version, coverage, people, selectedWhyId, undo, whyComments, categories }: Props) {
  const askAgainIds = new Set(coverage.askAgain.map((n) => n.id));
  return (
    <EditSection id="five-whys" title="Five whys">
      <p className="small muted">
        A tree, not a chain: give each independent contributing factor its own branch, and keep asking until an answer names something that, fixed, prevents a
        class of failures. Mark those as root causes.
      </p>
      {coe.whyTree ? <RootCauseCoverage coverage={coverage} linkTo={(n) => <a href={`#why-${n.id}`}>{n.text}</a>} /> : null}
      <WhyTreeEditor
        coeId={coe.id}
        version={version}
        root={coe.whyTree}
        askAgainIds={askAgainIds}
        people={people}
        comments={whyComments}
        categories={categories}
      />
      <WhyOutlineEditor root={coe.whyTree} version={version} selectedId={selectedWhyId} undo={undo} categories={categories} />
    </EditSection>
  );
}
