import type { Route } from "./+types/coes.$coeId.whys[.svg]";
import { notFound, requireIdParam } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { getWhyTree } from "~/data/coe-reading.server";
import { db } from "~/data/db.server";
import { flattenWhyTree, type WhyTreeNode } from "~/domain/whys/tree";
import { whyTreePicture } from "~/whys-tree/why-tree-picture.server";

/** Bump when the drawing changes, so browsers do not keep an old picture of an unchanged tree. */
const DRAWING_REVISION = 2;

/**
 * The reading view's picture of the five-whys tree, as an SVG image. A separate, cacheable
 * resource: a big tree's drawing would otherwise be most of the page (its text is on the page once,
 * in the outline). Revalidated by the whys' section version.
 */
/** A short hash of the category names drawn: renaming a category changes the picture without a new COE version. */
function categoryTag(tree: WhyTreeNode): string {
  let hash = 5381;
  for (const n of flattenWhyTree(tree)) for (const ch of n.category ?? "") hash = ((hash * 33) ^ ch.charCodeAt(0)) >>> 0;
  return hash.toString(36);
}

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request);
  const found = (await getWhyTree(db(), requireIdParam(params.coeId, "That COE"))) ?? notFound("That COE");
  if (!found.tree) notFound("That COE's five whys");
  const etag = `W/"whys-${found.version}-${found.coeVersion}-${categoryTag(found.tree)}-r${DRAWING_REVISION}"`;
  const headers = { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "private, no-cache", ETag: etag };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(whyTreePicture(found.tree), { headers });
}
