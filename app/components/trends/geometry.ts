/** One chart's drawing box (SVG user units); the SVG scales to its container. */
export const CHART = { width: 640, height: 260, left: 44, right: 8, bottom: 34, top: 36 } as const;
/** The band above the plot where a hovered or focused mark's value shows (no mark reaches it, so none covers it). */
export const TIP = { y: 4, height: 24, charWidth: 6.6, padding: 8 } as const;

/** Where a tip box of `text` sits, centred on `x` but kept inside the chart. */
export function tipBox(text: string, x: number): { x: number; width: number } {
  const width = Math.min(CHART.width, text.length * TIP.charWidth + 2 * TIP.padding);
  return { x: Math.min(Math.max(0, x - width / 2), CHART.width - width), width };
}
