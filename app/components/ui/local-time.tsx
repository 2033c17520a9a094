import { useEffect, useState } from "react";
import { formatUtc } from "~/domain/coe/instant";

const localFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });

/**
 * Server renders UTC (it cannot know the viewer's zone); after hydration the browser shows the
 * viewer's zone. The machine-readable instant stays in `dateTime`.
 */
export function LocalTime({ ms, iso }: { ms: number; iso?: string }) {
  const [text, setText] = useState(() => formatUtc(ms));
  useEffect(() => setText(localFormat.format(new Date(ms))), [ms]);
  return (
    <time dateTime={iso ?? new Date(ms).toISOString()} title={iso}>
      {text}
    </time>
  );
}
