import { Form } from "react-router";
import { LocalTime } from "~/components/ui/local-time";
import { TextField } from "~/components/ui/text-field";
import { CANCELLED_DAYS } from "~/domain/action-items/ics";
import type { CalendarFeedResult } from "~/server/calendar-feed-intents.server";

type Props = {
  /** When the current link was made; undefined when there is none. */
  madeAtMs: number | undefined;
  /** The answer of the last of these forms sent from this page (the new link, once). */
  result: CalendarFeedResult["calendarFeed"] | undefined;
  busy: boolean;
};

/**
 * "Subscribe in your calendar" on My action items: make a private calendar link, then replace it
 * or turn it off. Plain forms (no JavaScript needed); open by itself when a form has just answered.
 */
export function CalendarSubscribe({ madeAtMs, result, busy }: Props) {
  return (
    <details className="calendar-subscribe" open={result ? true : undefined}>
      <summary>Subscribe in your calendar</summary>
      <p>
        A private link your calendar program (Google Calendar, Outlook, Apple Calendar…) can subscribe to: your open action items as all-day events on their
        promised dates, each linked to its COE. Items cancelled in the last {CANCELLED_DAYS} days show as cancelled; validated items drop off.
      </p>
      {result ? (
        <p role="status" className="calendar-outcome">
          <strong>{result.message}</strong>
        </p>
      ) : null}
      {result?.made ? <NewLink {...result.made} /> : null}
      {madeAtMs !== undefined ? (
        <>
          {result?.made ? null : (
            <p>
              Your calendar link is on (made <LocalTime ms={madeAtMs} />
              ). We keep only a fingerprint of it, so it cannot be shown again: lost it? Make a new one.
            </p>
          )}
          <Form method="post" className="row" aria-label="Your calendar link">
            <button type="submit" name="intent" value="new-calendar-link" disabled={busy}>
              Make a new link (the old one stops working)
            </button>
            <button type="submit" name="intent" value="turn-off-calendar-link" className="button danger" disabled={busy}>
              Turn off the link
            </button>
          </Form>
        </>
      ) : (
        <Form method="post" aria-label="Make a calendar link">
          <button type="submit" name="intent" value="new-calendar-link" className="primary" disabled={busy}>
            Make my calendar link
          </button>
        </Form>
      )}
    </details>
  );
}

/** The link just made, shown this once: to copy, to open in a calendar program, or to download. */
function NewLink({ url, webcalUrl }: { url: string; webcalUrl: string }) {
  return (
    <div className="calendar-new-link stack">
      <TextField
        label="Your private calendar link"
        name="calendar-link"
        value={url}
        readOnly
        onFocus={(e) => e.currentTarget.select()}
        hint="Copy it now: it is shown only this once. We keep only a fingerprint of it; lost it? Make a new one. Anyone who has the link can see your items' titles and dates, so keep it to yourself."
      />
      <p className="row">
        <a className="button primary" href={webcalUrl}>
          Subscribe in your calendar
        </a>
        <a href={url}>Open the calendar file (.ics)</a>
      </p>
    </div>
  );
}
