import { useEffect, useRef, useState } from "react";
import { COUNTER_FROM, formatLimit } from "~/domain/limits";

export type CounterBand = "quiet" | "near" | "over";

/** Below 80 % of the limit a field says nothing; from there it counts; past the limit it says by how much. */
export function counterBand(length: number, limit: number): CounterBand {
  if (length > limit) return "over";
  return length >= Math.ceil(limit * COUNTER_FROM) ? "near" : "quiet";
}

/** What the counter shows (and what it announces when its band changes). */
export function counterText(length: number, limit: number): string {
  if (length > limit) return `${formatLimit(length - limit)} characters over the limit of ${formatLimit(limit)}`;
  return `${formatLimit(length)} of ${formatLimit(limit)} characters`;
}

/**
 * The visible count of a limited field (referenced by the field's aria-describedby while shown)
 * and a polite live region that speaks only when the band changes — reaching 80 %, going over,
 * coming back — so a screen reader is told once, not on every keystroke.
 */
export function CharCounter({ id, length, limit }: { id: string; length: number; limit: number }) {
  const band = counterBand(length, limit);
  // Only a band change is announced (worked out while rendering, from the band the last render had); the
  // length inside a band is read from the visible counter.
  const [announced, setAnnounced] = useState({ band, spoken: "" });
  if (announced.band !== band)
    setAnnounced({
      band,
      spoken: band === "quiet" ? "" : band === "over" ? `Too long: ${counterText(length, limit)}.` : `Nearing the limit: ${counterText(length, limit)}.`,
    });
  const { spoken } = announced;
  return (
    <>
      {band !== "quiet" ? (
        <p id={id} className={`char-counter${band === "over" ? " over" : ""}`} data-testid="char-counter">
          {counterText(length, limit)}
        </p>
      ) : null}
      <span className="visually-hidden" role="status" aria-live="polite">
        {spoken}
      </span>
    </>
  );
}

/**
 * The length of a field's text, for its counter: follows typing, and the form being reset.
 * Works for uncontrolled fields (defaultValue) as well as controlled ones (value).
 */
export function useTextLength(initial: unknown) {
  const [length, setLength] = useState(typeof initial === "string" ? initial.length : typeof initial === "number" ? String(initial).length : 0);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => {
    const form = ref.current?.form;
    if (!form) return;
    // After a reset the browser has put the default value back only once the event is done.
    const onReset = () => setTimeout(() => ref.current && setLength(ref.current.value.length));
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, []);
  return { length, ref, onText: (value: string) => setLength(value.length) };
}
