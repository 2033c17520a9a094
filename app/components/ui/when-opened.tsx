import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Renders `children(opened)`: `opened` turns true (for good) once the <details> around it is open,
 * or at once after hydration when there is none. Long lists inside closed "Edit" disclosures use it
 * to send only a short list in the page's HTML and fill in the whole list, from data the page already
 * has, when the author opens the disclosure — before anything inside it can be reached. Without
 * script `opened` stays false, so what the server rendered must work on its own.
 */
export function WhenOpened({ children }: { children: (opened: boolean) => ReactNode }) {
  const marker = useRef<HTMLSpanElement>(null);
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    const details = marker.current?.closest("details");
    if (!details) return setOpened(true);
    const sync = () => {
      if (details.open) setOpened(true);
    };
    sync();
    details.addEventListener("toggle", sync);
    return () => details.removeEventListener("toggle", sync);
  }, []);
  return (
    <>
      <span ref={marker} hidden />
      {children(opened)}
    </>
  );
}
