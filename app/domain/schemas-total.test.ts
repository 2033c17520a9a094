import { describe, expect, it } from "vitest";
import { z } from "zod";
import { mulberry32 } from "./random";
import { chance, hostileValues, int, pick, PLAUSIBLE_VALUES } from "../../tests/fixtures/fuzz-values";

/**
 * Every zod schema exported anywhere in app/domain (found, not listed, so a new form is covered
 * the day it is written) must answer any input with success or issues, never by throwing: a
 * refinement or transform that throws on an odd value is a 500 in the route that parses with it.
 * (`2025-13-01` as a promised date once was: the regex failed, the refine still ran and called
 * toISOString on an invalid Date.)
 */
const modules = import.meta.glob<Record<string, unknown>>(["./**/*.ts", "!./**/*.test.ts"], { eager: true });

const isSchema = (v: unknown): v is z.ZodType => v instanceof z.ZodType;

const schemas = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => isSchema(value))
    .map(([name, schema]) => ({ name: `${file.replace(/^\.\//, "")} ${name}`, schema: schema as z.ZodType })),
);

/** The field names and the enum/literal values a schema mentions anywhere inside it, to build inputs that reach its refinements. */
function vocabulary(root: z.ZodType): { keys: Set<string>; words: Set<unknown> } {
  const keys = new Set<string>();
  const words = new Set<unknown>();
  const seen = new Set<unknown>();
  const visit = (value: unknown) => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (isSchema(value)) {
      const def = (value as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
      if (def.type === "object" && def.shape) for (const key of Object.keys(def.shape)) keys.add(key);
      if (def.type === "enum" && def.entries) for (const v of Object.values(def.entries as object)) words.add(v);
      if (def.type === "literal" && Array.isArray(def.values)) for (const v of def.values) words.add(v);
      if (def.type === "lazy" && typeof def.getter === "function") visit((def.getter as () => unknown)());
      for (const part of Object.values(def)) visit(part);
      return;
    }
    for (const part of Array.isArray(value) ? value : Object.values(value)) visit(part);
  };
  visit(root);
  return { keys, words };
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const ROUNDS = 400;

describe("every exported schema in app/domain is total", () => {
  it("finds the schemas (forms of both editors, the interchange document, the list query, users)", () => {
    const names = schemas.map((s) => s.name);
    for (const expected of [
      "coe/forms.ts ActionItemFormSchema",
      "whys/forms.ts AddWhyFormSchema",
      "coe/interchange.ts CoeDocumentSchema",
      "coe/list-query.ts CoeListQuerySchema",
      "users.ts UserAddSchema",
    ])
      expect(names).toContain(expected);
  });

  it.each(schemas.map((s) => [s.name, s.schema] as const))("%s: safeParse never throws", (name, schema) => {
    const random = mulberry32(SEED);
    const hostile = hostileValues();
    const { keys, words } = vocabulary(schema);
    const values = [...hostile, ...PLAUSIBLE_VALUES, ...words];
    const keyList = [...keys, "intent", "__proto__", "constructor", "why-1", "why-0"];
    const inputs: unknown[] = [...values];
    for (let i = 0; i < ROUNDS; i++) {
      // Objects with the schema's own field names: mostly plausible values (so parsing gets as
      // far as the refinements), some hostile, some fields left out.
      const input: Record<string, unknown> = {};
      for (const key of keyList) {
        if (chance(random, 0.15)) continue;
        input[key] = chance(random, 0.6) ? pick(random, [...PLAUSIBLE_VALUES, ...words]) : pick(random, values);
      }
      for (let extra = int(random, 0, 2); extra > 0; extra--) input[pick(random, keyList)] = pick(random, hostile);
      inputs.push(input);
    }
    for (const [i, input] of inputs.entries()) {
      let threw: unknown;
      try {
        schema.safeParse(input);
      } catch (e) {
        threw = e;
      }
      if (threw) {
        const shown = (() => {
          try {
            return JSON.stringify(input, (_k, v) =>
              typeof v === "bigint" || typeof v === "symbol" || typeof v === "function"
                ? String(v)
                : typeof v === "string" && v.length > 200
                  ? `${v.slice(0, 40)}…(${v.length} characters)`
                  : v,
            )?.slice(0, 2000);
          } catch {
            return String(input);
          }
        })();
        expect.fail(`${name}.safeParse threw ${String(threw)} on input #${i} (FUZZ_SEED=${SEED}): ${shown}`);
      }
    }
  });
});
