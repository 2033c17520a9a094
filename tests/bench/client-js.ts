import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** Every module a chunk imports statically, transitively (Vite writes `from"./x.js"` / `import"./x.js"`; a dynamic `import("./x.js")` loads later and is not followed). */
function closure(assets: string, start: string[], seen = new Set<string>()): Set<string> {
  const queue = [...start];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(join(assets, file))) continue;
    seen.add(file);
    const code = readFileSync(join(assets, file), "utf8");
    for (const m of code.matchAll(/(?:from\s*|\bimport\s*)["']\.\/([\w.-]+\.js)["']/g)) queue.push(m[1]!);
  }
  return seen;
}

const gz = (assets: string, files: Iterable<string>) => [...files].reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f))).length, 0);

/**
 * Gzipped client JavaScript a page loads: the modules its HTML preloads or imports, and for the edit
 * page the lazily loaded rich-text editor chunk (with what it imports that the page has not).
 */
export async function measureClientJs(root: string, origin: string, cookie: string, pages: { name: string; path: string }[]) {
  const assets = join(root, "build/client/assets");
  const editorChunk = readdirSync(assets).find((f) => /^rich-text-editor-[\w-]+\.js$/.test(f));
  // Without it the edit view's lazy size would silently read 0.
  if (!editorChunk) throw new Error("no rich-text-editor chunk in build/client/assets: has the lazy import been renamed?");
  const rows: { name: string; initialGzipBytes: number; lazyEditorGzipBytes: number }[] = [];
  for (const page of pages) {
    const html = await (await fetch(origin + page.path, { headers: { cookie } })).text();
    // What the browser fetches at load: <link rel="modulepreload"> and the inline scripts' imports. Not every
    // /assets/ path in the page: the inline route manifest also names the modules of routes the page links to
    // (for lazy route discovery), which load only if the reader goes there.
    const referenced = [
      ...[...html.matchAll(/<link rel="modulepreload"[^>]*href="\/assets\/([\w.-]+\.js)"/g)].map((m) => m[1]!),
      ...[...html.matchAll(/\bimport\s*(?:[^"';]*?\bfrom\s*)?\(?\s*"\/assets\/([\w.-]+\.js)"/g)].map((m) => m[1]!),
    ];
    if (!referenced.length) throw new Error(`${page.path}: no modulepreload link or import of /assets/ in the page; has the markup changed?`);
    const initial = closure(assets, referenced);
    // Only a page whose modules can import the editor chunk loads it (after hydration).
    const lazy =
      editorChunk && [...initial].some((f) => readFileSync(join(assets, f), "utf8").includes(editorChunk))
        ? closure(assets, [editorChunk], new Set(initial))
        : new Set<string>();
    for (const f of initial) lazy.delete(f);
    rows.push({ name: page.name, initialGzipBytes: gz(assets, initial), lazyEditorGzipBytes: gz(assets, lazy) });
  }
  return rows;
}
