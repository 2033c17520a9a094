import type { ReactNode } from "react";

import type { CoverageView } from "~/domain/whys/coverage-view";
import { ANOTHER_WHY_PROMPT } from "~/domain/whys/coverage";

/**
 * "N of M root causes have follow-up", naming the ones that do not, and the leaves that stop at
 * a blame phrase. `linkTo` renders each reference (an anchor in the reading view, a focus button
 * in the editor).
 */
export function RootCauseCoverage({ coverage, linkTo }: { coverage: CoverageView; linkTo: (node: { id: number; text: string }) => ReactNode }) {
  const { total, covered, uncovered, askAgain } = coverage;
  return (
    <div className="coverage" data-testid="root-cause-coverage">
      <p className={total === 0 || uncovered.length ? "coverage-warn" : "coverage-ok"}>
        {total === 0
          ? "No root cause marked yet: mark the whys where the analysis stops."
          : total === 1
            ? `${covered} of 1 root cause has follow-up.`
            : `${covered} of ${total} root causes have follow-up.`}
      </p>
      {uncovered.length ? (
        <div>
          <p className="small">Each root cause needs a lesson or an action item. Without follow-up:</p>
          <ul className="small">
            {uncovered.map((n) => (
              <li key={n.id}>{linkTo(n)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {askAgain.length ? (
        <div className="ask-again">
          <p className="small">{ANOTHER_WHY_PROMPT}</p>
          <ul className="small">
            {askAgain.map((n) => (
              <li key={n.id}>{linkTo(n)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
