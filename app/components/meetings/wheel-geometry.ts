/**
 * The wheel's geometry, pure: where each segment and its label go, and how far to turn so the
 * server's pick stops under the pointer. Angles are degrees, measured clockwise from the top (where
 * the pointer is), which is also the direction a positive CSS `rotate()` turns in SVG's y-down space.
 */

export type Point = { x: number; y: number };

export type Segment = {
  index: number;
  /** Where the segment starts and ends before the wheel turns, clockwise from the top. */
  startAngle: number;
  endAngle: number;
  /** The SVG path of the slice. */
  path: string;
  fill: string;
  /**
   * Where the label's outer end sits (near the rim, where the segment is widest), the text-anchor
   * that makes it the outer end, and the rotation about that point that lays the text along the
   * radius, never upside down.
   */
  label: Point & { rotate: number; anchor: "start" | "end"; text: string };
};

/** Segment fills, in an order where neighbours differ; each has at least 4.5:1 contrast with `WHEEL_TEXT` (tested). */
export const WHEEL_FILLS = ["#0b5cad", "#b3261e", "#1a6b32", "#6f42c1", "#8a4b00", "#00616e", "#a0155d", "#3d4a5c"] as const;
export const WHEEL_TEXT = "#ffffff";

const round = (n: number) => Math.round(n * 100) / 100;

/** The point at `angle` (clockwise from the top) and `radius` from `centre`. */
export function polar(centre: Point, radius: number, angle: number): Point {
  const rad = (angle * Math.PI) / 180;
  return { x: round(centre.x + radius * Math.sin(rad)), y: round(centre.y - radius * Math.cos(rad)) };
}

/** The angle one segment spans. */
export const segmentAngle = (count: number) => 360 / count;

/**
 * The fill of segment `index` of `count`: the palette in turn, except that the last segment never
 * repeats the first one's colour, its neighbour across the wheel's start.
 */
export function segmentFill(index: number, count: number): string {
  const n = WHEEL_FILLS.length;
  if (count > 1 && index === count - 1 && index % n === 0) return WHEEL_FILLS[1]!;
  return WHEEL_FILLS[index % n]!;
}

/** `label` cut to `max` characters, the last of them an ellipsis when anything was cut. */
export function truncateLabel(label: string, max: number): string {
  const chars = [...label.trim()];
  if (chars.length <= max) return chars.join("");
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join("")
    .trimEnd()}…`;
}

/** A font size (in the SVG's units) for which a label fits across its segment, measured near the hub where the segment is narrower. */
export function labelFontSize(count: number, radius: number): number {
  const arc = (2 * Math.PI * radius * 0.4) / Math.max(1, count);
  return round(Math.max(7, Math.min(13, arc * 0.6)));
}

/**
 * The wheel's segments for `labels` on a circle of `radius` about `centre`. Labels run along the
 * radius from the rim inwards, cut to what fits before the segment gets narrower than the text.
 */
export function wheelSegments(labels: readonly string[], centre: Point, radius: number): Segment[] {
  const count = labels.length;
  const angle = segmentAngle(count);
  const fontSize = labelFontSize(count, radius);
  // A label ends at 0.88r, clear of the pointer's tip, and may reach in to where the segment is still
  // half as wide again as the text is high (and no nearer than 0.15r, the hub). An average character is about 0.58 of the font size wide.
  const inner = Math.max(radius * 0.15, (fontSize * 1.5 * count) / (2 * Math.PI));
  const maxChars = Math.max(3, Math.floor((radius * 0.88 - inner) / (fontSize * 0.58)));
  return labels.map((text, index) => {
    const startAngle = index * angle;
    const endAngle = startAngle + angle;
    const mid = startAngle + angle / 2;
    const at = polar(centre, radius * 0.88, mid);
    const isRightHalf = mid <= 180;
    return {
      index,
      startAngle,
      endAngle,
      path: slicePath(centre, radius, startAngle, endAngle),
      fill: segmentFill(index, count),
      label: { ...at, rotate: round(isRightHalf ? mid - 90 : mid + 90), anchor: isRightHalf ? "end" : "start", text: truncateLabel(text, maxChars) },
    };
  });
}

/** The path of a slice from `start` to `end` degrees; a whole circle when it spans all of it (one candidate). */
export function slicePath(centre: Point, radius: number, start: number, end: number): string {
  const { x: cx, y: cy } = centre;
  if (end - start >= 360) return `M ${cx} ${cy - radius} A ${radius} ${radius} 0 1 1 ${cx} ${cy + radius} A ${radius} ${radius} 0 1 1 ${cx} ${cy - radius} Z`;
  const from = polar(centre, radius, start);
  const to = polar(centre, radius, end);
  const large = end - start > 180 ? 1 : 0;
  return `M ${cx} ${cy} L ${from.x} ${from.y} A ${radius} ${radius} 0 ${large} 1 ${to.x} ${to.y} Z`;
}

/**
 * The rotation that leaves the middle of segment `index` (of `count`) under the pointer after at
 * least `turns` whole turns from `previousRotation`. The result never goes backwards, so each spin
 * animates forwards from where the wheel stopped, and the same pick can be animated again; with
 * `turns` ≥ 1 it always moves.
 */
export function finalRotation(previousRotation: number, index: number, count: number, turns: number): number {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`a wheel needs at least one segment, not ${count}`);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`segment ${index} is not on a wheel of ${count}`);
  if (!Number.isInteger(turns) || turns < 0) throw new RangeError(`turns must be a whole number ≥ 0, not ${turns}`);
  if (!Number.isFinite(previousRotation)) throw new RangeError(`the previous rotation must be a number, not ${previousRotation}`);
  const target = mod(-(index + 0.5) * segmentAngle(count), 360);
  const ahead = mod(target - previousRotation, 360);
  return previousRotation + turns * 360 + ahead;
}

/** Which segment (of `count`) is under the pointer at `rotation`: the inverse of `finalRotation`. */
export function segmentAtPointer(rotation: number, count: number): number {
  return Math.floor(mod(-rotation, 360) / segmentAngle(count)) % count;
}

const mod = (n: number, m: number) => ((n % m) + m) % m;
