// Writes the published JSON Schema from the zod schema: `tsx app/cli/write-json-schema.ts`.
// A script, kept out of domain/ so the domain stays free of the filesystem.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { COE_JSON_SCHEMA_FILE, coeJsonSchemaText } from "../domain/coe/coe-json-schema";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const file = resolve(root, COE_JSON_SCHEMA_FILE);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, coeJsonSchemaText());
console.log(`wrote ${COE_JSON_SCHEMA_FILE}`);
