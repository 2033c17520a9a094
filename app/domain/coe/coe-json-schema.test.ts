import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { COE_JSON_SCHEMA_FILE, coeJsonSchema, coeJsonSchemaText } from "./coe-json-schema";

describe("published JSON Schema", () => {
  it("is what the zod schema generates now (run `npm run schema:write` after changing it)", () => {
    const committed = readFileSync(resolve(import.meta.dirname, "../../..", COE_JSON_SCHEMA_FILE), "utf8");
    expect(committed).toBe(coeJsonSchemaText());
  });

  it("describes the input: only the four header fields are required and unknown fields are refused", () => {
    const schema = coeJsonSchema() as { $id: string; required: string[]; additionalProperties: boolean; properties: Record<string, unknown> };
    expect(schema.$id).toBe("urn:coe-platform:schema:coe-document:v1");
    expect(schema.required).toEqual(["schemaVersion", "title", "severity", "team"]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toContain("metrics");
  });
});
