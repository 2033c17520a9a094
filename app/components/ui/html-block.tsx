import { createElement, useRef, type HTMLAttributes } from "react";
import { useLocalizedTimes } from "~/components/ui/local-time";

type Props = HTMLAttributes<HTMLElement> & { as: "div" | "dl" | "p" | "tbody" | "ul"; html: string; "data-testid"?: string };

/**
 * An element whose content is markup written as one escaped string (read-only parts of long pages,
 * where React's per-element work was most of the server's time); its times read in the viewer's zone.
 */
export function HtmlBlock({ as, html, ...attributes }: Props) {
  const ref = useRef<HTMLElement>(null);
  useLocalizedTimes(ref);
  return createElement(as, { ...attributes, ref, dangerouslySetInnerHTML: { __html: html } });
}
