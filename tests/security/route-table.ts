import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../setup/build";

/** One route of the app as React Router's build lists it. */
export type AppRoute = {
  id: string;
  /** The URL pattern, parents' paths joined: "/coes/:coeId/edit", "/" for the root and the home page. */
  pattern: string;
  index: boolean;
  hasAction: boolean;
  hasLoader: boolean;
  /** A resource route (no component): answers with what its loader or action returns. */
  isResource: boolean;
};

type Manifest = { entry: { module: string }; routes: Record<string, ManifestRoute> };
type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; hasAction: boolean; hasLoader: boolean; hasDefaultExport: boolean };

/**
 * Every route of the production build the test server runs, read from the route manifest React
 * Router writes into build/client (the same table the server and the browser route with). A new
 * route file appears here by itself: tests that loop over this list cover it without anyone
 * remembering to add it.
 */
export function appRoutes(): AppRoute[] {
  const { routes } = readManifest();
  const patternOf = (route: ManifestRoute): string => {
    const parent = route.parentId ? patternOf(routes[route.parentId]!) : "";
    const own = route.path ?? "";
    return [parent.replace(/\/$/, ""), own].filter(Boolean).join("/").replace(/^\/?/, "/");
  };
  return Object.values(routes).map((r) => ({
    id: r.id,
    pattern: patternOf(r),
    index: r.index === true,
    hasAction: r.hasAction,
    hasLoader: r.hasLoader,
    isResource: !r.hasDefaultExport,
  }));
}

function readManifest(): Manifest {
  const dir = join(ROOT, "build/client/assets");
  const files = readdirSync(dir).filter((f) => /^manifest-[\w-]+\.js$/.test(f));
  if (files.length !== 1) throw new Error(`expected one route manifest in build/client/assets, found ${files.length}: rebuild (npx react-router build)`);
  const text = readFileSync(join(dir, files[0]!), "utf8");
  const json = /^window\.__reactRouterManifest=(\{.*\});?\s*$/s.exec(text)?.[1];
  if (!json) throw new Error(`${files[0]} is not in the form window.__reactRouterManifest={…}`);
  return JSON.parse(json) as Manifest;
}

/** The URL of the browser entry script ("/assets/entry.client-….js"): a hashed, immutable asset. */
export function entryAssetPath(): string {
  return readManifest().entry.module;
}

/**
 * The route's URL with its params filled from `values` (a splat `*` takes `values["*"]`). A param
 * the table does not know fails loudly, so a route with a new kind of param is given a real value.
 */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern
    .split("/")
    .map((segment) => {
      const name = segment === "*" ? "*" : segment.startsWith(":") ? segment.slice(1).replace(/\?$/, "") : undefined;
      if (name === undefined) return segment;
      const value = values[name];
      if (value === undefined) throw new Error(`no value for the route param "${segment}" in ${pattern}: add one to the test's params`);
      return value;
    })
    .join("/");
}

/**
 * The URLs one route answers a POST at: the document URL (a form post without JavaScript) and
 * React Router's single-fetch data URL (what `<Form>` and fetchers post to): "/coes/new.data",
 * "/_.data" for the root. An index route is addressed with `?index`, as the framework does.
 */
export function postUrls(route: AppRoute, path: string): { document: string; data: string } {
  const query = route.index ? "?index" : "";
  const data = path === "/" ? "/_.data" : `${path.replace(/\/$/, "")}.data`;
  return { document: `${path}${query}`, data: `${data}${query}` };
}
