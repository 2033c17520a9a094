/*
 * The two scales the trend charts need, in d3-scale's shape (a function from domain to range,
 * with `ticks` and `bandwidth`). d3-scale is not a dependency of this project; these few lines
 * stand in for scaleLinear and scaleBand until it is.
 */

export type LinearScale = ((value: number) => number) & { ticks: number[] };

/** A step of 1, 2 or 5 × 10ⁿ giving about `count` ticks up to `max` (d3's tickIncrement rule). */
export function tickStep(max: number, count: number): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return Math.max(factor * power, Number.EPSILON);
}

/** 0 → `max` rounded up to a whole tick, onto [`bottom`, `top`] (SVG y grows downwards, so bottom > top). */
export function linearScale(max: number, [bottom, top]: [number, number], tickCount = 4, integer = false): LinearScale {
  const step = integer ? Math.max(1, Math.round(tickStep(max, tickCount))) : tickStep(max, tickCount);
  const niceMax = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= niceMax + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  const scale = (value: number) => bottom + ((top - bottom) * Math.max(0, value)) / niceMax;
  return Object.assign(scale, { ticks });
}

export type BandScale<K> = ((key: K) => number) & { bandwidth: number };

/** Equal bands for `keys` across [`start`, `end`], `padding` (0–1) of each step left empty, half on each side. */
export function bandScale<K>(keys: readonly K[], [start, end]: [number, number], padding = 0.2): BandScale<K> {
  const step = keys.length ? (end - start) / keys.length : 0;
  const index = new Map(keys.map((k, i) => [k, i]));
  const scale = (key: K) => start + (index.get(key) ?? 0) * step + (step * padding) / 2;
  return Object.assign(scale, { bandwidth: step * (1 - padding) });
}
