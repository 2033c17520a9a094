import { useEffect, useRef } from "react";
import { Form } from "react-router";

/** Whether a key press belongs to something the user is typing in (a field or a rich-text editor), not to the page. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The navigation's search box: a GET form (works without JavaScript); "/" anywhere but in a field focuses it. */
export function NavSearch() {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return;
      e.preventDefault();
      input.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return (
    <Form method="get" action="/search" role="search" className="nav-search">
      <label htmlFor="nav-search-q" className="visually-hidden">
        Search COEs
      </label>
      <input ref={input} id="nav-search-q" type="search" name="q" placeholder="Search COEs (/)" aria-keyshortcuts="/" enterKeyHint="search" />
    </Form>
  );
}
