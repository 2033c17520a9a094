import { z } from "zod";
import { CoeDocumentSchema, DocNodeSchema, WhyNodeSchema } from "./interchange";

// Names for the recursive parts, so $defs read "WhyNode" rather than "__schema1". Given here, not
// with .meta({ id }) in the global registry, where a second load of the module would clash.
const DEF_NAMES = new Map<z.core.$ZodType, string>([
  [DocNodeSchema, "RichTextNode"],
  [WhyNodeSchema, "WhyNode"],
]);
const metadata = Object.assign(z.registry<z.core.GlobalMeta>(), {
  get(schema: z.core.$ZodType) {
    const meta = z.globalRegistry.get(schema);
    const id = DEF_NAMES.get(schema);
    return id ? { ...meta, id } : meta;
  },
});

/** Where the published schema lives (served as /schema/coe-v1.json), relative to the repository root. */
export const COE_JSON_SCHEMA_FILE = "public/schema/coe-v1.json";

/**
 * The JSON Schema of what import accepts (io "input": defaults make fields optional). Cross-field
 * rules — why paths that resolve, lesson indices that exist, a reason for a cancelled item — are
 * not expressible in JSON Schema; import reports them by path.
 */
export function coeJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(CoeDocumentSchema, { io: "input", target: "draft-2020-12", metadata });
  return {
    $schema,
    $id: "urn:coe-platform:schema:coe-document:v1",
    title: "COE interchange document, version 1",
    description: "One Correction-of-Errors document per file. See SPEC §7.",
    ...schema,
  };
}

/** The exact bytes committed to COE_JSON_SCHEMA_FILE, so a test can tell when they are stale. */
export function coeJsonSchemaText(): string {
  return JSON.stringify(coeJsonSchema(), null, 2) + "\n";
}
