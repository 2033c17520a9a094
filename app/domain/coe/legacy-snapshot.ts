/**
 * Revisions written before snapshots recorded everything a COE is. Such a snapshot has no
 * `closeout` (every snapshot since has one: the normal form always carries it), and neither the
 * tenets cited, why categories, a lesson's further why links, nor anything about action items
 * beyond the first version of the format. Restoring one must not wipe what it never recorded, so
 * those parts are taken from the COE as it is now, matched by text where rows are rewritten.
 */
import { sortWhyPaths, walkWhys, type ActionItem, type CoeDocument, type Lesson, type WhyNode } from "./interchange";
import { docToPlainText, plainTextToDoc } from "./plain-text-doc";

/** True for a raw snapshot that records everything (written since the close-out checklist was added to it). */
export function recordsEverything(snapshot: unknown): boolean {
  return snapshot !== null && typeof snapshot === "object" && "closeout" in snapshot;
}

const lessonText = (lesson: Pick<Lesson, "text">) => docToPlainText(typeof lesson.text === "string" ? plainTextToDoc(lesson.text) : lesson.text).trim();
const linkedPaths = (lesson: Pick<Lesson, "whyPath" | "whyPaths">) => [...(lesson.whyPath === undefined ? [] : [lesson.whyPath]), ...(lesson.whyPaths ?? [])];

/** Path → node, and text → the first path (in reading order) with that text. */
function indexTree(root: WhyNode | null) {
  const byPath = new Map<string, WhyNode>();
  const pathByText = new Map<string, string>();
  walkWhys(root, (node, path) => {
    byPath.set(path, node);
    if (!pathByText.has(node.text)) pathByText.set(node.text, path);
  });
  return { byPath, pathByText };
}

function withLinks<T extends { whyPath?: string; whyPaths?: string[] }>(value: T, paths: string[]): T {
  const { whyPath: _first, whyPaths: _all, ...rest } = value;
  const sorted = sortWhyPaths(paths);
  return { ...rest, ...(sorted.length ? { whyPath: sorted[0] } : {}), ...(sorted.length > 1 ? { whyPaths: sorted } : {}) } as T;
}

/**
 * `target` (an old snapshot, parsed) completed from `current` (the COE now): close-out and tenets
 * as they are; each why keeps the category of the current node with the same text; each lesson
 * keeps the further links of the current lesson with the same text (to nodes of the restored tree
 * with the same text); action items stay as they are (old restores never rewrote them), linked to
 * what the snapshot's item of the same title named, else to the why and lesson with the text they
 * point at now, when the restored version has them.
 */
export function completeLegacySnapshot(target: CoeDocument, current: CoeDocument): CoeDocument {
  const now = indexTree(current.whys);
  const then = indexTree(target.whys);
  const categoryByText = new Map<string, string>();
  walkWhys(current.whys, (node) => {
    if (node.category !== undefined && !categoryByText.has(node.text)) categoryByText.set(node.text, node.category);
  });
  const withCategories = (node: WhyNode): WhyNode => {
    const category = node.category ?? categoryByText.get(node.text);
    return { ...node, ...(category === undefined ? {} : { category }), children: node.children.map(withCategories) };
  };

  const currentLessons = current.lessons.map((lesson) => ({ text: lessonText(lesson), paths: linkedPaths(lesson), used: false }));
  const lessons = target.lessons.map((lesson) => {
    const match = currentLessons.find((l) => !l.used && l.text === lessonText(lesson));
    if (!match) return lesson;
    match.used = true;
    const carried = match.paths.flatMap((path) => {
      const text = now.byPath.get(path)?.text;
      const there = text === undefined ? undefined : then.pathByText.get(text);
      return there === undefined ? [] : [there];
    });
    return withLinks(lesson, [...linkedPaths(lesson), ...carried]);
  });

  const lessonIndexByText = new Map<string, number>();
  lessons.forEach((lesson, i) => {
    const text = lessonText(lesson);
    if (!lessonIndexByText.has(text)) lessonIndexByText.set(text, i);
  });
  const snapshotItems = new Map<string, ActionItem[]>();
  for (const item of target.actionItems) snapshotItems.set(item.title, [...(snapshotItems.get(item.title) ?? []), item]);
  const actionItems = current.actionItems.map((item) => {
    const snap = snapshotItems.get(item.title)?.shift();
    const whyText = item.whyPath === undefined ? undefined : now.byPath.get(item.whyPath)?.text;
    const lesson = item.lessonIndex === undefined ? undefined : current.lessons[item.lessonIndex];
    const whyPath = snap?.whyPath ?? (whyText === undefined ? undefined : then.pathByText.get(whyText));
    const lessonIndex = snap?.lessonIndex ?? (lesson === undefined ? undefined : lessonIndexByText.get(lessonText(lesson)));
    const { whyPath: _w, lessonIndex: _l, ...rest } = item;
    return { ...rest, ...(whyPath === undefined ? {} : { whyPath }), ...(lessonIndex === undefined ? {} : { lessonIndex }) };
  });

  return {
    ...target,
    whys: target.whys && withCategories(target.whys),
    lessons,
    actionItems,
    tenets: current.tenets,
    closeout: current.closeout,
  };
}
