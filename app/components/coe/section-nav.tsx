import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { escapeHtml } from "~/components/ui/escape-html";
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
export function SectionNav({
  states,
  watchConflicts = false,
  also = [],
}: {
  states: readonly SectionState[];
  watchConflicts?: boolean;
  also?: readonly PageLink[];
}) {
  const details = useRef<HTMLDetailsElement>(null);
  const [current, setCurrent] = useState<PageSectionId | undefined>();
  const [conflicts, setConflicts] = useState<ReadonlySet<string>>(new Set());

  // Narrow screens: a closed menu (the server renders it open, so it works without script) that closes after a choice.
  useEffect(() => {
    const menu = details.current;
    if (!menu) return;
    const closeOnNarrow = () => void (window.matchMedia(NARROW).matches && (menu.open = false));
    closeOnNarrow();
    const onClick = (event: MouseEvent) => void ((event.target as Element).closest("li a") && closeOnNarrow());
    menu.addEventListener("click", onClick);
    return () => menu.removeEventListener("click", onClick);
  }, []);

  // The current section: the last one whose heading has scrolled past the top third of the window;
  // but the section a link just led to, while its heading is still in that top third (a short
  // section's next heading may be there too).
  const ids = states.map((s) => s.id).join(" ");
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      const line = window.innerHeight / 3;
      const inTopThird = (id: string) => {
        const top = document.getElementById(id)?.getBoundingClientRect().top;
        return top !== undefined && top >= -1 && top <= line;
      };
      const sections = ids.split(" ") as PageSectionId[];
      const target = sections.find((id) => `#${id}` === window.location.hash);
      let at: PageSectionId | undefined = target && inTopThird(target) ? target : undefined;
      for (const id of at ? [] : sections) {
        const heading = document.getElementById(id);
        if (heading && heading.getBoundingClientRect().top <= line) at = id;
      }
      setCurrent(at ?? sections[0]);
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

  // The links are one string (their state changes rarely); the section being read is marked on them directly.
  const list = useRef<HTMLUListElement>(null);
  const html = useMemo(() => sectionLinksHtml(states, conflicts) + pageLinksHtml(also), [states, conflicts, also]);
  useLayoutEffect(() => {
    for (const link of list.current?.querySelectorAll("a") ?? []) {
      if (link.hash === `#${current}`) link.setAttribute("aria-current", "location");
      else link.removeAttribute("aria-current");
    }
  }, [html, current]);

  return (
    <nav className="section-nav" aria-label="Sections">
      <details ref={details} open>
        <summary>
          Sections
          {current ? <span className="section-nav-current">: {states.find((s) => s.id === current)?.label}</span> : null}
        </summary>
        <ul ref={list} dangerouslySetInnerHTML={{ __html: html }} />
      </details>
    </nav>
  );
}

/** A part of the page that is not a section of the COE (the review, the comments), listed after the sections. */
export type PageLink = { id: string; label: string; badge?: string };

function pageLinksHtml(links: readonly PageLink[]): string {
  let html = "";
  for (const l of links) {
    const name = l.badge ? `${l.label}: ${l.badge}` : l.label;
    html +=
      `<li class="page-link"><a href="#${escapeHtml(l.id)}" aria-label="${escapeHtml(name)}"><span class="section-name">${escapeHtml(l.label)}</span>` +
      (l.badge ? `<span class="badge">${escapeHtml(l.badge)}</span>` : "") +
      "</a></li>";
  }
  return html;
}

/** One link per section; its name says the state ("Timeline: written, 1 blameless note"), starting with the visible label. */
export function sectionLinksHtml(states: readonly SectionState[], conflicts: ReadonlySet<string>): string {
  let html = "";
  for (const s of states) {
    const isConflict = conflicts.has(s.id);
    const notes = s.notes ? `${s.notes} blameless note${s.notes === 1 ? "" : "s"}` : "";
    const name = [`${s.label}: ${s.isWritten ? "written" : "empty"}`, notes, isConflict ? "in conflict" : ""].filter(Boolean).join(", ");
    html +=
      `<li data-section="${escapeHtml(s.id)}" data-written="${s.isWritten}" data-notes="${s.notes}" data-conflict="${isConflict}">` +
      `<a href="#${escapeHtml(s.id)}" aria-label="${escapeHtml(name)}"><span class="section-name">${escapeHtml(s.label)}</span>` +
      (s.notes ? `<span class="badge section-notes" title="Blameless-language notes">${s.notes} note${s.notes === 1 ? "" : "s"}</span>` : "") +
      (isConflict ? `<span class="badge section-conflict">conflict</span>` : "") +
      "</a></li>";
  }
  return html;
}
