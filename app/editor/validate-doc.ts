import { getSchema } from "@tiptap/core";
import { Mark, Node, type NodeType, type Schema } from "@tiptap/pm/model";
import type { DocJSON } from "../domain/enums";
import { hasMergeMarker, MERGE_MARKER_MESSAGE } from "../domain/coe/merge-scaffold";
import { ATTRIBUTE_RULES, describeValue, extensions, RICH_TEXT_LIMITS } from "./extensions";

export type RichTextValidation = { ok: true; doc: DocJSON } | { ok: false; message: string; path?: string };

// Built once per module: the same schema the editor and the renderer use.
const schema: Schema = getSchema(extensions);

// Attributes the editor always writes and the document is meaningless without.
const REQUIRED_ATTRIBUTES: Record<string, string[]> = { heading: ["level"], link: ["href"] };

const NODE_KEYS = new Set(["type", "attrs", "content", "marks", "text"]);
const MARK_KEYS = new Set(["type", "attrs"]);

/**
 * Checks a rich-text document submitted by a client before it is stored: size, depth, node and
 * mark types, attributes and the content model of the one shared extension list. Every check that
 * can be done on the raw value is done first and without recursion, so a hostile value (100 000
 * levels deep, cyclic, megabytes) is refused cheaply and cannot overflow the stack; only then is
 * ProseMirror asked to build and `.check()` the document. A valid document is returned unchanged.
 */
export function validateRichText(input: unknown): RichTextValidation {
  if (!isPlainObject(input)) return fail(`A rich-text document must be a JSON object with "type": "doc" (got ${describeValue(input)})`);
  if (input.type !== "doc") return fail(`A rich-text document must have "type": "doc" (got ${describeValue(input.type)})`);

  const shape = checkNesting(input);
  if (shape) return shape;

  let json: string;
  try {
    json = JSON.stringify(input);
  } catch {
    return fail("A rich-text document must be plain JSON");
  }
  const bytes = utf8Length(json);
  if (bytes > RICH_TEXT_LIMITS.maxBytes) {
    return fail(`The text is too large (${Math.ceil(bytes / 1000)} KB; the limit is ${RICH_TEXT_LIMITS.maxBytes / 1000} KB)`);
  }

  const doc = input as DocJSON;
  const problem = checkNodes(doc);
  if (problem) return problem;
  // A merge in progress is the author's scaffold, not content: every reader would see the marker line.
  if (hasMergeMarker(doc)) return fail(MERGE_MARKER_MESSAGE);

  let node: Node;
  try {
    node = Node.fromJSON(schema, doc);
  } catch (e) {
    return fail(`The document does not fit the editor: ${(e as Error).message}`);
  }
  try {
    node.check();
  } catch (e) {
    return explainContentError(node) ?? fail(`The document does not fit the editor: ${(e as Error).message}`);
  }
  return { ok: true, doc };
}

// ─── Pass 1: depth and size of the raw value, no recursion ─────────────────────────────────

// A node at depth d sits 2d − 1 containers down (object, content array, object, …) and its marks
// add four more; past this the value is refused before anything walks it precisely.
const MAX_CONTAINERS = 2 * RICH_TEXT_LIMITS.maxDepth + 4;
const tooDeep = `Nested too deeply (more than ${RICH_TEXT_LIMITS.maxDepth} levels)`;

function checkNesting(input: object): RichTextValidation | undefined {
  const stack: { value: object; depth: number }[] = [{ value: input, depth: 1 }];
  // Every value costs at least one byte of JSON, so more values than bytes is too large; this
  // also bounds the work on values that share objects (which JSON.parse never produces).
  let seen = 0;
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (depth > MAX_CONTAINERS) return fail(tooDeep);
    for (const child of Object.values(value)) {
      if (++seen > RICH_TEXT_LIMITS.maxBytes) return fail(`The text is too large (more than ${RICH_TEXT_LIMITS.maxBytes / 1000} KB)`);
      if (typeof child === "object" && child !== null) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return undefined;
}

function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// ─── Pass 2: types, keys, attributes and text, iteratively, with a path ───────────────────

type Path = { parent: Path | undefined; key: string } | undefined;
const at = (parent: Path, key: string): Path => ({ parent, key });

function pathString(path: Path): string {
  const parts: string[] = [];
  for (let p = path; p; p = p.parent) parts.push(p.key);
  return parts.reverse().join(".").replace(/\.\[/g, "[");
}

function failAt(message: string, path: Path, style: "at" | "paren" = "paren"): RichTextValidation {
  const where = pathString(path);
  if (!where) return fail(message);
  return { ok: false, message: style === "at" ? `${message} at ${where}` : `${message} (${where})`, path: where };
}

function checkNodes(doc: DocJSON): RichTextValidation | undefined {
  const stack: { node: unknown; path: Path; depth: number }[] = [{ node: doc, path: undefined, depth: 1 }];
  while (stack.length) {
    const { node, path, depth } = stack.pop()!;
    if (depth > RICH_TEXT_LIMITS.maxDepth) return failAt(tooDeep, path);
    if (!isPlainObject(node)) return failAt(`Expected a node object, got ${describeValue(node)}`, path);
    if (typeof node.type !== "string") return failAt(`A node needs a "type" (got ${describeValue(node.type)})`, path);
    const type = schema.nodes[node.type];
    if (!type) return failAt(`Unknown node type ${JSON.stringify(node.type)}`, path, "at");

    for (const key of Object.keys(node)) {
      if (!NODE_KEYS.has(key)) return failAt(`Unknown property ${JSON.stringify(key)} on a ${node.type} node`, path);
    }
    const attrsProblem = checkAttrs(node.attrs, type.name, type.spec.attrs ?? {}, at(path, "attrs"), path);
    if (attrsProblem) return attrsProblem;

    if (type.isText) {
      if (typeof node.text !== "string") return failAt(`Text must be a string (got ${describeValue(node.text)})`, path);
      if (node.text === "") return failAt("A text node cannot be empty", path);
      if (node.content !== undefined) return failAt("A text node cannot have content", path);
    } else if (node.text !== undefined) {
      return failAt(`A ${node.type} node cannot carry text; put it in a text node`, path);
    }

    if (node.marks !== undefined) {
      if (!Array.isArray(node.marks)) return failAt(`"marks" must be a list (got ${describeValue(node.marks)})`, path);
      for (let i = 0; i < node.marks.length; i++) {
        const markPath = at(path, `marks[${i}]`);
        const problem = checkMark(node.marks[i], markPath, path);
        if (problem) return problem;
      }
    }

    if (node.content !== undefined) {
      if (!Array.isArray(node.content)) return failAt(`"content" must be a list (got ${describeValue(node.content)})`, path);
      if (type.isLeaf && node.content.length > 0) return failAt(`A ${node.type} cannot contain anything`, path);
      // Pushed in reverse so problems are reported in reading order.
      for (let i = node.content.length - 1; i >= 0; i--) stack.push({ node: node.content[i], path: at(path, `content[${i}]`), depth: depth + 1 });
    }
  }
  return undefined;
}

function checkMark(mark: unknown, path: Path, nodePath: Path): RichTextValidation | undefined {
  if (!isPlainObject(mark)) return failAt(`Expected a mark object, got ${describeValue(mark)}`, path);
  if (typeof mark.type !== "string") return failAt(`A mark needs a "type" (got ${describeValue(mark.type)})`, path);
  const type = schema.marks[mark.type];
  if (!type) return failAt(`Unknown mark type ${JSON.stringify(mark.type)}`, path, "at");
  for (const key of Object.keys(mark)) {
    if (!MARK_KEYS.has(key)) return failAt(`Unknown property ${JSON.stringify(key)} on a ${mark.type} mark`, path);
  }
  // A bad link is reported where the linked text is: that is where an author can find it.
  return checkAttrs(mark.attrs, type.name, type.spec.attrs ?? {}, at(path, "attrs"), nodePath);
}

function checkAttrs(
  attrs: unknown,
  typeName: string,
  declared: Record<string, { default?: unknown }>,
  path: Path,
  reportAt: Path,
): RichTextValidation | undefined {
  const rules = ATTRIBUTE_RULES[typeName] ?? {};
  const required = REQUIRED_ATTRIBUTES[typeName] ?? [];
  if (attrs === undefined) {
    return required.length ? failAt(ruleMessage(rules, required[0]!, undefined), reportAt) : undefined;
  }
  if (!isPlainObject(attrs)) return failAt(`"attrs" must be an object (got ${describeValue(attrs)})`, path);
  for (const name of Object.keys(attrs)) {
    if (!Object.prototype.hasOwnProperty.call(declared, name)) {
      return failAt(`A ${typeName} has no attribute ${JSON.stringify(name)}`, reportAt);
    }
    const value = attrs[name];
    const rule = rules[name];
    // An attribute without a rule (a new extension's) only takes null or its default until one is written.
    const message = rule
      ? rule(value)
      : value === null || value === declared[name]!.default
        ? undefined
        : `A ${typeName}'s ${name} must be empty (got ${describeValue(value)})`;
    if (message) return failAt(message, reportAt);
  }
  for (const name of required) {
    if (!(name in attrs)) return failAt(ruleMessage(rules, name, undefined), reportAt);
  }
  return undefined;
}

const ruleMessage = (rules: (typeof ATTRIBUTE_RULES)[string], name: string, value: unknown) => rules[name]?.(value) ?? `Missing attribute ${name}`;

// ─── Pass 3: the content model, explained ─────────────────────────────────────────────────

/** `.check()` says that something is misplaced; this says what, and where. */
function explainContentError(doc: Node): RichTextValidation | undefined {
  const stack: { node: Node; path: Path }[] = [{ node: doc, path: undefined }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    const type = node.type;
    if (
      !Mark.sameSet(
        node.marks.reduce((set, m) => m.addToSet(set), Mark.none),
        node.marks,
      )
    ) {
      return failAt(`Repeated or conflicting formatting (${node.marks.map((m) => m.type.name).join(", ")})`, path);
    }
    let match = type.contentMatch;
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      const childPath = at(path, `content[${i}]`);
      const next = match.matchType(child.type);
      if (!next) return failAt(`${article(type)} cannot contain ${nameOf(child.type)} here`, childPath);
      match = next;
      const mark = child.marks.find((m) => !type.allowsMarkType(m.type));
      if (mark) return failAt(`Formatting "${mark.type.name}" is not allowed inside ${nameOf(type)}`, childPath);
    }
    if (!match.validEnd) {
      const needed = match.defaultType;
      return failAt(`${article(type)} is incomplete${needed ? `: it needs ${nameOf(needed)}` : ""}`, path);
    }
    for (let i = node.childCount - 1; i >= 0; i--) stack.push({ node: node.child(i), path: at(path, `content[${i}]`) });
  }
  return undefined;
}

const nameOf = (type: NodeType) => (type.isText ? "text" : `a ${type.name}`);
const article = (type: NodeType) => (type.name === "doc" ? "The document" : `A ${type.name}`);

// ─── Helpers ───────────────────────────────────────────────────────────────────────────────

function fail(message: string): RichTextValidation {
  return { ok: false, message };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
