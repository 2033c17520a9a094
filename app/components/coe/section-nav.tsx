import { useEffect, useRef, useState } from "react";
import type { PageSectionId, SectionState } from "~/domain/coe/page-sections";

/** What an editor shows while its save is in conflict: the rich-text status line and merge panel, and a form's or the tree's 409 alert. */
const CONFLICT_MARKERS = ".save-conflict, .conflict-panel, .alert.conflict";
/** Below this width the navigation is a menu at the top of the page (styles.css uses the same breakpoint). */
const NARROW = "(max-width: 60rem)";

/**
 * The page's sections with their state (empty, written, blameless notes, and, on the edit page,
 * an editor in conflict), the section being read marked `aria-current`. A sticky column on wide
 * screens; a disclosure menu on narrow ones (it opens closed there once the script runs, and closes
 * after a choice). Conflicts are read from the editors in the browser: the server never knows them.
 */
export function SectionNav({ states, watchConflicts = false }: { states: readonly SectionState[]; watchConflicts?: boolean }) {
  const details = useRef<HTMLDetailsElement>(null);
  const [current, setCurrent] = useState<PageSectionId | undefined>();
  const [conflicts, setConflicts] = useState<ReadonlySet<string>>(new Set());

  // Narrow screens: a closed menu (the server renders it open, so it works without script).
  useEffect(() => {
    if (details.current && window.matchMedia(NARROW).matches) details.current.open = false;
  }, []);

  // The current section: the last one whose heading has scrolled past the top third of the window.
  const ids = states.map((s) => s.id).join(" ");
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      const line = window.innerHeight / 3;
      let at: PageSectionId | undefined;
      for (const id of ids.split(" ") as PageSectionId[]) {
        const heading = document.getElementById(id);
        if (heading && heading.getBoundingClientRect().top <= line) at = id;
      }
      setCurrent(at ?? (ids.split(" ")[0] as PageSectionId));
    };
    const onScroll = () => void (frame ||= requestAnimationFrame(update));
    update();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    window.addEventListener("hashchange", onScroll);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
      window.removeEventListener("hashchange", onScroll);
    };
  }, [ids]);

  // Sections whose editor is in conflict, kept up to date as the editors change what they show.
  useEffect(() => {
    const page = details.current?.closest("article");
    if (!watchConflicts || !page) return;
    const read = () => {
      const found = new Set<string>();
      for (const id of ids.split(" ")) if (document.getElementById(id)?.closest("section")?.querySelector(CONFLICT_MARKERS)) found.add(id);
      setConflicts((prev) => (prev.size === found.size && [...found].every((id) => prev.has(id)) ? prev : found));
    };
    read();
    // Typing mutates the page on every key: look at most every 250 ms, never per mutation.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new MutationObserver(() => void (timer ??= setTimeout(() => ((timer = undefined), read()), 250)));
    observer.observe(page, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
    return () => (observer.disconnect(), clearTimeout(timer));
  }, [ids, watchConflicts]);

  return (
    <nav className="section-nav" aria-label="Sections">
      <details ref={details} open>
        <summary>
          Sections
          {current ? <span className="section-nav-current">: {states.find((s) => s.id === current)?.label}</span> : null}
        </summary>
        <ul>
          {states.map((s) => {
            const isConflict = conflicts.has(s.id);
            return (
              <li key={s.id} data-section={s.id} data-written={s.isWritten} data-notes={s.notes} data-conflict={isConflict}>
                <a
                  href={`#${s.id}`}
                  // One clear name ("Timeline: written, 1 blameless note"), starting with the visible label.
                  aria-label={[`${s.label}: ${s.isWritten ? "written" : "empty"}`, s.notes ? `${s.notes} blameless note${s.notes === 1 ? "" : "s"}` : "", isConflict ? "in conflict" : ""].filter(Boolean).join(", ")}
                  aria-current={current === s.id ? "location" : undefined}
                  onClick={() => {
                    if (details.current && window.matchMedia(NARROW).matches) details.current.open = false;
                  }}
                >
                  <span className="section-name">{s.label}</span>
                  {s.notes ? (
                    <span className="badge section-notes" title="Blameless-language notes">
                      {s.notes} note{s.notes === 1 ? "" : "s"}
                    </span>
                  ) : null}
                  {isConflict ? <span className="badge section-conflict">conflict</span> : null}
                </a>
              </li>
            );
          })}
        </ul>
      </details>
    </nav>
  );
}
