import { useEffect, type AnchorHTMLAttributes } from "react";
import { useNavigate } from "react-router";

/**
 * A link to a page of this app that renders as a plain `<a>`: for long lists of links (the COE list,
 * the audit log). React Router's `<Link>` resolves its path and sets up click and prefetch handlers
 * per link, which cost the 50-row COE list about a tenth of its server time. The one document-level
 * handler of `useAppLinkNavigation` follows these links inside the app, like `<Link>` does.
 */
export function AppLink({ to, children, ...rest }: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string }) {
  return (
    <a {...rest} href={to} data-app-link="">
      {children}
    </a>
  );
}

/** Whether a click on an app link is one the app should follow itself (a plain left click, same tab, same origin). */
export function appLinkTarget(event: MouseEvent, origin: string): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const link = event.target instanceof Element ? event.target.closest("a[data-app-link]") : null;
  if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self") || link.hasAttribute("download")) return null;
  if (link.origin !== origin) return null;
  return link.pathname + link.search + link.hash;
}

/** Installs the click handler that follows `AppLink`s without a full page load; once, in the root layout. */
export function useAppLinkNavigation() {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const to = appLinkTarget(event, window.location.origin);
      if (to === null) return;
      event.preventDefault();
      void navigate(to);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}
