import { ESLint } from "eslint";
import { typeAwareRules } from "../../eslint.config.js";
import { describe, expect, it } from "vitest";

// The import boundaries of STYLE.md §15 are lint rules (eslint.config.js); these show each one refuses what it should.
// The probes are not files of the TypeScript project, so the type-aware rules (floating promises) are off for them.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [
    {
      files: ["**/zz-probe*"],
      languageOptions: { parserOptions: { projectService: false } },
      rules: Object.fromEntries(Object.entries(typeAwareRules).map(([rule]) => [rule, "off"])),
    },
  ],
});
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}
const USE = "\nexport const used = [x];\n";

describe("import boundaries", () => {
  it("only app/data touches the database", async () => {
    expect(await problems("app/routes/zz-probe.tsx", `import { getDb as x } from "../../db/client";${USE}`)).toEqual([
      expect.stringContaining("Only app/data touches the database"),
    ]);
    expect(await problems("app/auth/zz-probe.server.ts", `import { eq as x } from "drizzle-orm";${USE}`)).toHaveLength(1);
    expect(await problems("app/data/zz-probe.server.ts", `import { getDb as x } from "../../db/client";${USE}`)).toEqual([]);
  });

  it("app/domain imports no React, database or data module", async () => {
    for (const source of ["react", "react-router", "drizzle-orm", "~/data/db.server", "../data/coe-write.server", "../../db/schema"])
      expect(await problems("app/domain/coe/zz-probe.ts", `import x from "${source}";${USE}`), source).toEqual([expect.stringContaining("app/domain is pure")]);
  });

  it("components import no server module, except for its types", async () => {
    expect(await problems("app/components/coe/zz-probe.tsx", `import { readingView as x } from "~/data/rich-views.server";${USE}`)).toEqual([
      expect.stringContaining("Components run in the browser"),
    ]);
    expect(await problems("app/components/coe/zz-probe.tsx", `import { requireUser as x } from "~/auth/session.server";${USE}`)).toHaveLength(1);
    expect(await problems("app/components/coe/zz-probe.tsx", `import type { CoeListRow as x } from "~/data/coe-list.server";${USE}`)).toEqual([]);
  });

  it("a disable comment that disables nothing is itself an error", async () => {
    expect(await problems("app/domain/zz-probe.ts", `// eslint-disable-next-line no-console\nexport const x = 1;\n`)).toEqual([
      expect.stringContaining("Unused eslint-disable directive"),
    ]);
  });
});
