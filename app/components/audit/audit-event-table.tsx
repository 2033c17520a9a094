import { Fragment } from "react";
import { AppLink } from "~/components/ui/app-link";
import { LocalTime } from "~/components/ui/local-time";
import type { AuditEventView } from "~/domain/audit/describe";

/**
 * Audit events, newest first. On narrow screens the rows stack (see styles.css): each cell then
 * shows its own label, which wide screens leave to the column headers.
 */
export function AuditEventTable({ events }: { events: readonly AuditEventView[] }) {
  return (
    <table className="audit-table">
      <caption className="visually-hidden">Audit events, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">COE</th>
          <th scope="col">Outcome</th>
          <th scope="col">Client address</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} data-outcome={e.outcome}>
            <td className="audit-time">
              <LocalTime ms={e.atMs} />
            </td>
            <td className="audit-who">
              <Label>Who</Label>
              {e.who}
              {e.emailTried ? (
                <span className="audit-sub">
                  tried <Breakable text={e.emailTried} />
                </span>
              ) : null}
            </td>
            <td className="audit-what">
              <Breakable text={e.what} />
            </td>
            <td className="audit-coe">
              {e.coe ? (
                <>
                  <Label>COE</Label>
                  <AppLink to={`/coes/${e.coe.id}`} title={e.coe.title}>
                    #{e.coe.id}
                    {e.coe.title ? ` ${e.coe.title}` : ""}
                  </AppLink>
                </>
              ) : null}
            </td>
            <td>
              <Label>Outcome</Label>
              <Outcome event={e} />
            </td>
            <td className="audit-address">
              {e.clientAddress ? (
                <>
                  <Label>From</Label>
                  <Breakable text={e.clientAddress} />
                </>
              ) : null}
            </td>
            <td className="audit-detail">{e.detail ? <Breakable text={e.detail} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Paths, emails and addresses may wrap after "/", "@", "." or ":" rather than anywhere: "POST /coes/:id/sections/…", "someone@example.com". */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[/@.:])/);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 ? <wbr /> : null}
    </Fragment>
  ));
}

function Label({ children }: { children: string }) {
  return <span className="cell-label">{children}: </span>;
}

function Outcome({ event: e }: { event: AuditEventView }) {
  return (
    <>
      {e.outcome === "refused" ? (
        <span className="badge outcome-refused">
          Refused{e.status ? ` ${e.status}` : ""}
          {e.statusText ? <span className="audit-status-text"> {e.statusText}</span> : null}
        </span>
      ) : (
        <span className="badge outcome-done">Done</span>
      )}
      {e.count > 1 ? (
        <span className="audit-count" title={`${e.count} times within a minute`}>
          {" "}
          ×{e.count}
          <span className="visually-hidden"> (the same request {e.count} times within a minute)</span>
        </span>
      ) : null}
    </>
  );
}
