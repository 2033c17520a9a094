import { renderToStaticMarkup } from "react-dom/server";
import type { TrendsData } from "~/domain/trends/charts";
import type { TrendsQuery } from "~/domain/trends/period";
import { TrendCharts } from "./trend-charts";

const rendered = new WeakMap<TrendsData, string>();

/**
 * The charts as markup, drawn once per set of figures: the figures are remembered until the data
 * changes (see trendsFiguresCached), and so is their drawing, which was most of the page's server
 * time (hundreds of SVG marks). The page sets it as HTML, so the browser runs no chart code at all.
 */
export function trendChartsHtml(query: TrendsQuery, figures: TrendsData): string {
  let html = rendered.get(figures);
  if (html === undefined) rendered.set(figures, (html = renderToStaticMarkup(<TrendCharts query={query} figures={figures} />)));
  return html;
}
