import type { Route } from "./+types/trends.$file";
import { notFound } from "~/auth/guards.server";
import { requireUser } from "~/auth/session.server";
import { db } from "~/data/db.server";
import { trendsFiguresCached } from "~/data/trends.server";
import { CHARTS, isChartSlug } from "~/domain/trends/charts";
import { toCsv } from "~/domain/trends/csv";
import { parseTrendsQuery } from "~/domain/trends/period";

/** "<chart>.csv": the chart is the rest. */
const CSV_FILE = /^(.+)\.csv$/;

/** GET /trends/<chart>.csv?<the page's filters>: one chart's data, as its hidden table shows it. */
export async function loader({ request, params, url }: Route.LoaderArgs) {
  await requireUser(request);
  const slug = CSV_FILE.exec(params.file)?.[1];
  if (!slug || !isChartSlug(slug)) notFound("That chart");
  const figures = await trendsFiguresCached(db(), parseTrendsQuery(url.searchParams), new Date());
  const { head, rows } = CHARTS[slug].table(figures);
  return new Response(toCsv(head, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug}-${figures.period.from}-to-${figures.period.to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
