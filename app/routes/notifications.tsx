import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/notifications";
import { requireUser } from "~/auth/session.server";
import { LocalTime } from "~/components/ui/local-time";
import { markNotificationsRead, notificationsOf } from "~/data/comments.server";
import { db } from "~/data/db.server";
import { requireFormValues } from "~/server/form-body.server";

export const meta: Route.MetaFunction = () => [{ title: "Notifications · COE" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  const rows = await notificationsOf(db(), user.id);
  return { notifications: rows.map((n) => ({ id: n.id, text: n.text, href: n.href, unread: n.readAt === null, at: n.createdAt.getTime() })) };
}

const MarkRead = z.union([z.object({ intent: z.literal("read-all") }), z.object({ intent: z.literal("read"), id: z.coerce.number().int().positive() })]);

/** Marks one notification, or all of them, read (only the viewer's own). */
export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  const parsed = MarkRead.safeParse(await requireFormValues(request));
  if (!parsed.success) return { error: "This form is out of date; reload the page." };
  await markNotificationsRead(db(), user.id, parsed.data.intent === "read-all" ? "all" : [parsed.data.id]);
  return { error: undefined };
}

export default function Notifications({ loaderData: { notifications } }: Route.ComponentProps) {
  const unread = notifications.filter((n) => n.unread).length;
  return (
    <section className="notifications">
      <h1>Notifications</h1>
      <p className="muted">
        Mentions in comments, decisions on your COEs, items given to you, and reminders of your action items that are overdue or due soon.{" "}
        {unread ? `${unread} unread.` : "Nothing unread."}
      </p>
      {unread ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <button type="submit" className="button">
            Mark all read
          </button>
        </Form>
      ) : null}
      {notifications.length ? (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.unread ? "unread" : undefined}>
              <Link to={n.href}>{n.text}</Link>{" "}
              <span className="muted small">
                · <LocalTime ms={n.at} />
              </span>
              {n.unread ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="button-link" aria-label={`Mark read: ${n.text}`}>
                    Mark read
                  </button>
                </Form>
              ) : (
                <span className="visually-hidden"> (read)</span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No notifications yet.</p>
      )}
    </section>
  );
}
