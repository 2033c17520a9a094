import { useRef, type HTMLAttributes } from "react";
import { useLocalizedTimes } from "~/components/ui/local-time";

type Props = HTMLAttributes<HTMLElement> & { as: "div" | "dl" | "p" | "tbody" | "ul"; html: string; "data-testid"?: string };

/**
 * An element whose content is markup written as one escaped string (read-only parts of long pages,
 * where React's per-element work was most of the server's time); its times read in the viewer's zone.
 */
export function HtmlBlock({ as: Tag, html, ...attributes }: Props) {
  const ref = useRef<HTMLElement>(null);
  useLocalizedTimes(ref);
  // A callback ref fits whichever element `as` names (an object ref would have to be typed for each).
  const attach = (el: HTMLElement | null) => void (ref.current = el);
  return <Tag {...attributes} ref={attach} dangerouslySetInnerHTML={{ __html: html }} />;
}
