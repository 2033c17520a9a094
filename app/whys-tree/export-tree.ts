/**
 * A standalone copy of the drawn tree: the graphics group without the pan/zoom transform and
 * without editor-only decorations, sized to the whole tree.
 */
export function treeSvgMarkup(svg: SVGSVGElement, size: { width: number; height: number }): string {
  const graphics = svg.querySelector("[data-graphics]");
  if (!graphics) throw new Error("nothing to export");
  const copy = graphics.cloneNode(true) as SVGGElement;
  copy.removeAttribute("transform");
  copy.querySelectorAll("[data-editor-only]").forEach((el) => el.remove());
  copy.querySelectorAll("[tabindex],[role],[aria-level],[aria-selected],[aria-expanded],[aria-label],[aria-setsize],[aria-posinset]").forEach((el) => {
    for (const attr of ["tabindex", "role", "aria-level", "aria-selected", "aria-expanded", "aria-label", "aria-setsize", "aria-posinset", "class"])
      el.removeAttribute(attr);
  });
  const out = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  out.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  out.setAttribute("width", String(size.width));
  out.setAttribute("height", String(size.height));
  out.setAttribute("viewBox", `0 0 ${size.width} ${size.height}`);
  const background = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", "#ffffff");
  out.append(background, copy);
  return new XMLSerializer().serializeToString(out);
}

function download(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadSvg(markup: string, filename: string) {
  download(new Blob([markup], { type: "image/svg+xml" }), filename);
}

/** Rasterises the standalone SVG at `scale`× (sharp on high-density screens and in documents). */
export async function downloadPng(markup: string, size: { width: number; height: number }, filename: string, scale = 2) {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(size.width * scale);
  canvas.height = Math.ceil(size.height * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("canvas unavailable");
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("PNG encoding failed");
  download(blob, filename);
}
