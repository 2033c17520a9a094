import { TIP, tipBox } from "./geometry";
import { el, text, type Markup } from "./markup";

/**
 * A chart mark (a bar or a point) that says its value: its accessible name is `label`, a tip box
 * with the same words shows while it is hovered or focused (CSS, no script), and when `href` is
 * given it is a link to the COEs behind it (so it works without JavaScript too).
 */
export function mark({ label, href, centerX }: { label: string; href?: string; centerX: number }, ...shapes: Markup[]): Markup {
  const box = tipBox(label, centerX);
  const tip = el(
    "g",
    { class: "chart-tip", "aria-hidden": "true" },
    el("rect", { x: box.x, y: TIP.y, width: box.width, height: TIP.height, rx: 4 }),
    el("text", { x: box.x + TIP.padding, y: TIP.y + TIP.height / 2, "dominant-baseline": "central" }, text(label)),
  );
  if (href) return el("a", { href, "aria-label": label, class: "chart-mark" }, ...shapes, tip);
  return el("g", { class: "chart-mark", tabindex: 0, role: "img", "aria-label": label }, ...shapes, tip);
}
