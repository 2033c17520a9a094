import { memoByText } from "../text-memo";
import { buildWhyTree, flattenWhyTree, type WhyRow, type WhyTreeNode } from "./tree";

export type RootCauseCoverage = { total: number; covered: number; uncoveredIds: number[] };

/**
 * Every root cause must lead to at least one lesson or action item (SPEC §2.5); this counts the
 * ones that do and lists the rest in reading order, so the editor can walk the author to each.
 * Only nodes reachable from the problem statement count: orphaned rows are not shown anywhere.
 */
export function rootCauseCoverage(rows: readonly WhyRow[], followUps: readonly { whyNodeId: number }[]): RootCauseCoverage {
  return coverageOfTree(flattenWhyTree(buildWhyTree(rows)), followUps);
}

/** The same, for the nodes of a tree already built (rows that hang off no tree are not in it). */
export function coverageOfTree(nodes: readonly WhyTreeNode[], followUps: readonly { whyNodeId: number }[]): RootCauseCoverage {
  const named = new Set(followUps.map((f) => f.whyNodeId));
  const rootCauses = nodes.filter((n) => n.isRootCause);
  const uncoveredIds = rootCauses.filter((n) => !named.has(n.id)).map((n) => n.id);
  return { total: rootCauses.length, covered: rootCauses.length - uncoveredIds.length, uncoveredIds };
}

export const ANOTHER_WHY_PROMPT = "Ask why once more: what made this error possible?";

const LEAD_IN = /^(?:it is|it was|this is|this was|that was|due to|because of|caused by|because|simply|just|a|an|the)\s+/;
const WHO = "(?:someone|somebody|engineer|operator|developer|dev|admin|user|human|person|oncall|on call|on call engineer|sre|team|we|they|he|she|i)";
const SLIP = "(?:error|errors|mistake|mistakes|oversight)";
const BLAME_ADJECTIVE = "(?:human|operator|user|engineer|engineering|developer|admin|people|personnel|oncall|on call|careless|simple|honest|silly|stupid|dumb)";
const BLAME_ONLY = [
  new RegExp(`^${BLAME_ADJECTIVE} ${SLIP}$`),
  /^(?:mistakes?|oversight)$/,
  new RegExp(`^(?:${WHO} )?made (?:a |an )?(?:${BLAME_ADJECTIVE} )?${SLIP}$`),
  new RegExp(`^(?:${WHO} (?:was|were|is|are|being) )?(?:careless|carelessness|negligent|negligence|sloppy)$`),
];
const FORGOT = new RegExp(`^(?:${WHO} )?(?:forgot|forget|forgets|forgetting)(?: (?:it|this|that|about it)| to(?: (.+))?)?$`);
/** Words that turn "forgot to …" into an explanation: they say what made forgetting possible. */
const EXPLAINS = /\b(?:because|since|as|so|which|when|while|but|though|although|if|unless|until|without|no|nothing|there)\b/;
const FORGOT_TAIL_MAX_WORDS = 10;

function normalize(text: string): string {
  let s = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u0060]/g, "'")
    .replace(/\bit's\b/g, "it is")
    .replace(/'s\b/g, "")
    .replace(/'/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  for (let previous = ""; previous !== s;) {
    previous = s;
    s = s.replace(LEAD_IN, "");
  }
  return s;
}

/**
 * A leaf that only names a person's slip ("human error", "someone forgot to …") stops the
 * analysis exactly where it should start: people always err, and the useful question is what
 * let the error through. Longer explanations that merely contain such words, and nodes that
 * already have answers, are not flagged.
 */
export function asksForAnotherWhy(node: { text: string }, hasChildren: boolean): boolean {
  return !hasChildren && leafAsksForAnotherWhy(node.text);
}

// Remembered per text: the reading view asks this of every leaf of a tree of hundreds on each request.
const leafAsksForAnotherWhy = memoByText((text: string): boolean => {
  const s = normalize(text);
  if (!s) return false;
  if (BLAME_ONLY.some((re) => re.test(s))) return true;
  const forgot = FORGOT.exec(s);
  if (!forgot) return false;
  const tail = forgot[1] ?? "";
  return !EXPLAINS.test(tail) && tail.split(" ").length <= FORGOT_TAIL_MAX_WORDS;
});
