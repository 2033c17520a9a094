import { useEffect, useRef, useState } from "react";
import { horizonWarning } from "~/domain/action-items/horizon";
import { utcDay } from "~/domain/calendar-date";
import { HORIZONS, type Horizon } from "~/domain/enums";

type Props = {
  /** The item's horizon when its form has no horizon field (the owner's date form). */
  horizon: Horizon | null;
  promisedDate: string | null;
  /** When the item was created (YYYY-MM-DD); today for a new item. */
  createdDay?: string;
};

const asHorizon = (v: FormDataEntryValue | null, fallback: Horizon | null) =>
  v === null ? fallback : (HORIZONS as readonly string[]).includes(String(v)) ? (v as Horizon) : null;

/**
 * The gentle warning when a promised date does not fit the horizon (a short-term item more than
 * 14 days out, a long-term one within 7): advice, never a refusal. Rendered from the saved values,
 * then kept up to date as the enclosing form's horizon and date change, in a polite live region.
 */
export function HorizonAdvice({ horizon, promisedDate, createdDay: created }: Props) {
  const [createdDay] = useState(() => created ?? utcDay(Date.now()));
  const ref = useRef<HTMLParagraphElement>(null);
  const [values, setValues] = useState({ horizon, promisedDate });
  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    const read = () => {
      const data = new FormData(form);
      setValues({ horizon: asHorizon(data.get("horizon"), horizon), promisedDate: String(data.get("promisedDate") ?? "") || null });
    };
    form.addEventListener("input", read);
    form.addEventListener("change", read);
    return () => {
      form.removeEventListener("input", read);
      form.removeEventListener("change", read);
    };
  }, [horizon]);
  const warning = values.horizon ? horizonWarning(values.horizon, createdDay, values.promisedDate) : undefined;
  return (
    <p ref={ref} className="small horizon-advice" role="status">
      {warning ?? ""}
    </p>
  );
}
