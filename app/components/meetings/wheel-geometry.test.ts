import { describe, expect, it } from "vitest";
import { mulberry32 } from "~/domain/random";
import {
  WHEEL_FILLS,
  WHEEL_TEXT,
  finalRotation,
  labelFontSize,
  polar,
  segmentAtPointer,
  segmentFill,
  slicePath,
  truncateLabel,
  wheelSegments,
} from "./wheel-geometry";

const centre = { x: 160, y: 176 };

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("finalRotation", () => {
  it.each([
    // [previous, index, count, turns, expected]
    [0, 0, 4, 0, 315],
    [0, 1, 4, 0, 225],
    [0, 3, 4, 0, 45],
    [0, 0, 4, 5, 5 * 360 + 315],
    [315, 0, 4, 0, 315],
    [315, 0, 4, 1, 675],
    [300, 3, 4, 2, 300 + 720 + 105],
    [0, 0, 1, 3, 3 * 360 + 180],
    [-90, 1, 2, 1, -90 + 360 + 180],
  ])("from %i, segment %i of %i after %i turns: %i", (previous, index, count, turns, expected) => {
    expect(finalRotation(previous, index, count, turns)).toBe(expected);
  });

  it("puts the chosen segment under the pointer, never turns back, and makes at least the turns asked for (seeded random cases)", () => {
    const random = mulberry32(20240611);
    let rotation = 0;
    for (let n = 0; n < 500; n++) {
      const count = 1 + Math.floor(random() * 40);
      const index = Math.floor(random() * count);
      const turns = 1 + Math.floor(random() * 6);
      const next = finalRotation(rotation, index, count, turns);
      expect(segmentAtPointer(next, count)).toBe(index);
      expect(next).toBeGreaterThanOrEqual(rotation + turns * 360);
      expect(next).toBeLessThan(rotation + (turns + 1) * 360);
      rotation = next;
    }
  });

  it("can land on the same segment again, a whole number of turns on", () => {
    const first = finalRotation(0, 2, 5, 5);
    expect(finalRotation(first, 2, 5, 5) - first).toBe(5 * 360);
  });

  it.each([
    [0, 0, 0, 1],
    [0, 4, 4, 1],
    [0, -1, 4, 1],
    [0, 1.5, 4, 1],
    [0, 0, 4, -1],
    [0, 0, 4, 1.5],
    [Number.NaN, 0, 4, 1],
  ])("refuses a rotation of %s, segment %s of %s, %s turns", (previous, index, count, turns) => {
    expect(() => finalRotation(previous, index, count, turns)).toThrow(RangeError);
  });
});

describe("segments", () => {
  it("splits the circle evenly, clockwise from the top", () => {
    const segments = wheelSegments(["a", "b", "c", "d"], centre, 150);
    expect(segments.map((s) => [s.startAngle, s.endAngle])).toEqual([
      [0, 90],
      [90, 180],
      [180, 270],
      [270, 360],
    ]);
    expect(segments[0]!.path).toBe("M 160 176 L 160 26 A 150 150 0 0 1 310 176 Z");
    expect(segments[2]!.path).toBe("M 160 176 L 160 326 A 150 150 0 0 1 10 176 Z");
  });

  it("draws one candidate as a whole circle, and a slice over half the circle with the large arc", () => {
    expect(wheelSegments(["only"], centre, 150)[0]!.path).toBe("M 160 26 A 150 150 0 1 1 160 326 A 150 150 0 1 1 160 26 Z");
    expect(slicePath(centre, 100, 0, 200)).toContain(" 0 1 1 ");
    expect(slicePath(centre, 100, 0, 100)).toContain(" 0 0 1 ");
  });

  it("places each label in the middle of its segment, from the rim inwards along the radius, and never upside down", () => {
    const segments = wheelSegments(["top-right", "bottom-right", "bottom-left", "top-left"], centre, 100);
    expect(segments.map((s) => s.label.rotate)).toEqual([-45, 45, 315, 405]);
    // On the right the text reads outwards, so it ends at the rim; on the left it reads inwards, so it starts there.
    expect(segments.map((s) => s.label.anchor)).toEqual(["end", "end", "start", "start"]);
    for (const s of segments) {
      const mid = (s.startAngle + s.endAngle) / 2;
      expect({ x: s.label.x, y: s.label.y }).toEqual(polar(centre, 88, mid));
      // The text's direction, after rotation, points away from or across the centre but never upside down (cos of the text angle ≥ 0 ⇔ left to right, or vertical).
      expect(Math.cos((s.label.rotate * Math.PI) / 180)).toBeGreaterThanOrEqual(-1e-9);
    }
  });

  it("cuts long labels to fit, with an ellipsis, and keeps short ones whole", () => {
    expect(truncateLabel("Checkout outage", 20)).toBe("Checkout outage");
    expect(truncateLabel("Payment processor timeouts in eu-west-1", 12)).toBe("Payment pro…");
    expect(truncateLabel("  padded  ", 10)).toBe("padded");
    expect(truncateLabel("Ünïcødé 😀😀😀😀", 9)).toBe("Ünïcødé…");
    const [segment] = wheelSegments(["A very long title for a COE about a database failover that went wrong"], centre, 150);
    expect(segment!.label.text.endsWith("…")).toBe(true);
    expect(segment!.label.text.length).toBeLessThan(30);
  });

  it.each([1, 3, 8, 20, 40, 80])("with %i segments, cuts a long label before the segment gets narrower than the text is high, clear of the hub", (count) => {
    const radius = 150;
    const fontSize = labelFontSize(count, radius);
    const [segment] = wheelSegments(Array<string>(count).fill("Payment processor timeouts in eu-west-1 after a deploy"), centre, radius);
    const innerEnd = radius * 0.88 - segment!.label.text.length * 0.58 * fontSize;
    expect(innerEnd).toBeGreaterThanOrEqual(radius * 0.15);
    if (count > 1) expect((2 * Math.PI * innerEnd) / count).toBeGreaterThanOrEqual(fontSize);
  });

  it("shrinks the labels' font as segments get narrower, within bounds", () => {
    expect(labelFontSize(2, 150)).toBe(13);
    expect(labelFontSize(30, 150)).toBeLessThan(labelFontSize(20, 150));
    expect(labelFontSize(200, 150)).toBe(7);
  });
});

describe("fills", () => {
  it.each(WHEEL_FILLS)("%s has at least 4.5:1 contrast with the label colour", (fill) => {
    expect(contrast(fill, WHEEL_TEXT)).toBeGreaterThanOrEqual(4.5);
  });

  it("never gives two neighbouring segments the same fill, across the start too", () => {
    for (let count = 2; count <= 50; count++) {
      const fills = Array.from({ length: count }, (_, i) => segmentFill(i, count));
      fills.forEach((fill, i) => expect(fill, `segment ${i} of ${count}`).not.toBe(fills[(i + 1) % count]));
    }
  });
});
