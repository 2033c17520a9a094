// First: settles zod's configuration before any module builds a schema (see zod-csp.ts).
import "./zod-csp";
import { useEffect, type ReactNode } from "react";
import { Form, isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import { getUser } from "./auth/session.server";
import { dropAllDrafts } from "./editor/draft-store";
import { canAdminister, canCreateCoe } from "./domain/coe/permissions";
import { auditRefusals } from "./server/audit-refusal.server";
import { unreadNotificationCount } from "./data/comments.server";
import { dueSoonCount } from "./data/action-item-lists.server";
import { DUE_SOON_CAP } from "./domain/action-items/owner-view";
import { utcDay } from "./domain/calendar-date";
import { db } from "./data/db.server";
import { AppLink, useAppLinkNavigation } from "./components/ui/app-link";
import { NavSearch } from "./components/search/nav-search";
import styles from "./styles.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const middleware: Route.MiddlewareFunction[] = [auditRefusals];

export async function loader({ request }: Route.LoaderArgs) {
  const user = (await getUser(request)) ?? null;
  if (!user) return { user, unread: 0, dueSoon: 0 };
  return { user, unread: await unreadNotificationCount(db(), user.id), dueSoon: await dueSoonCount(db(), user.id, utcDay(Date.now())) };
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const user = root?.user;
  const unread = root?.unread ?? 0;
  const dueSoon = root?.dueSoon ?? 0;
  // Marks the page as hydrated (effects run only after React has taken over): browser tests wait for it.
  useEffect(() => void document.documentElement.setAttribute("data-hydrated", ""), []);
  useAppLinkNavigation();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {/* Stylesheets and module preloads are allowed from this origin; a nonce on them would only differ
            between the server's HTML and the browser's render (which cannot read it) and trip hydration. */}
        <Links nonce="" />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <AppLink to="/coes" className="brand">
            COE
          </AppLink>
          {user ? (
            <nav aria-label="Main">
              <NavItem to="/coes" end>
                COEs
              </NavItem>
              {canCreateCoe(user) ? <NavItem to="/coes/new">New COE</NavItem> : null}
              <NavItem to="/action-items">
                My action items
                {dueSoon ? (
                  <span className="badge nav-count">
                    {dueSoon >= DUE_SOON_CAP ? `${DUE_SOON_CAP - 1}+` : dueSoon}
                    <span className="visually-hidden"> due within a week or overdue</span>
                  </span>
                ) : null}
              </NavItem>
              <NavItem to="/teams">Teams</NavItem>
              <NavItem to="/meetings">Meetings</NavItem>
              <NavItem to="/tenets">Tenets</NavItem>
              <NavItem to="/trends">Trends</NavItem>
              {canAdminister(user) ? <NavItem to="/admin/audit">Audit log</NavItem> : null}
              {canAdminister(user) ? <NavItem to="/admin/meetings">Meeting settings</NavItem> : null}
              {canAdminister(user) ? <NavItem to="/admin/action-items">Item settings</NavItem> : null}
              {canAdminister(user) ? <NavItem to="/admin/categories">Categories</NavItem> : null}
              {canAdminister(user) ? <NavItem to="/admin/tenets">Tenet settings</NavItem> : null}
            </nav>
          ) : null}
          {user ? <NavSearch /> : null}
          {user ? (
            <AppLink to="/notifications" className="bell" aria-label={unread ? `Notifications: ${unread} unread` : "Notifications"}>
              <svg className="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                <path
                  fill="currentColor"
                  d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
                />
              </svg>
              {unread ? (
                <span className="bell-count" aria-hidden="true">
                  {unread > 99 ? "99+" : unread}
                </span>
              ) : null}
            </AppLink>
          ) : null}
          {user ? (
            <Form method="post" action="/logout" className="user-menu" onSubmit={dropAllDrafts}>
              <span>
                {user.name} <span className="role">({user.role})</span>
              </span>
              <button type="submit" className="button-link">
                Sign out
              </button>
            </Form>
          ) : null}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/** A link of the main navigation, marked as the current page where it leads (or, without `end`, to a page under it). */
function NavItem({ to, end, children }: { to: string; end?: boolean; children: ReactNode }) {
  const { pathname } = useLocation();
  const current = pathname === to || (!end && pathname.startsWith(`${to}/`));
  return (
    <AppLink to={to} aria-current={current ? "page" : undefined}>
      {children}
    </AppLink>
  );
}

export default function App() {
  return <Outlet />;
}

const TITLES: Record<number, string> = {
  400: "That request could not be understood",
  403: "You may not do that",
  404: "Page not found",
  409: "Someone else changed this first",
};

/** The one error boundary: thrown responses (400/403/404/409) and unexpected errors. */
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  if (isRouteErrorResponse(error)) {
    const reason =
      typeof error.data === "object" && error.data && "reason" in error.data
        ? String(error.data.reason)
        : typeof error.data === "string"
          ? error.data
          : undefined;
    return (
      <section className="error-page" data-status={error.status}>
        <title>{`${error.status} · COE`}</title>
        <h1>{TITLES[error.status] ?? `${error.status} ${error.statusText}`}</h1>
        {reason ? <p>{reason}</p> : null}
        {error.status === 403 ? <p>Nothing was changed. Ask an admin if you think you should have access.</p> : null}
        <p>
          <Link to="/coes">Back to the COE list</Link>
        </p>
      </section>
    );
  }
  console.error(error);
  return (
    <section className="error-page" data-status="500">
      <title>Error · COE</title>
      <h1>Something went wrong</h1>
      <p>The error was logged. Your last change may not have been saved; go back and check before retrying.</p>
      {import.meta.env.DEV && error instanceof Error ? <pre>{error.stack}</pre> : null}
      <p>
        <Link to="/coes">Back to the COE list</Link>
      </p>
    </section>
  );
}
