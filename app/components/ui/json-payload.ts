import { useMemo } from "react";

declare const payloadOf: unique symbol;

/**
 * Loader data sent as one JSON string. React Router serialises loader data value by value (each
 * object, key and string is looked up and indexed), which for the rows of a list or a COE of
 * hundreds of parts cost a page about a twentieth of its server time; one `JSON.stringify` costs a
 * fraction of that. Only plain JSON values: send dates as milliseconds.
 */
export type JsonPayload<T> = string & { readonly [payloadOf]: T };

export function toPayload<T extends Json>(value: T): JsonPayload<T> {
  const json = JSON.stringify(value) as JsonPayload<T>;
  justWritten?.keep(json, value);
  return json;
}

export function fromPayload<T>(payload: JsonPayload<T>): T {
  return (justWritten?.take(payload) as T | undefined) ?? (JSON.parse(payload) as T);
}

/**
 * On the server, the values loaders just wrote, so the render that follows takes the value back
 * instead of parsing the string it came from (a payload is written and read once per page). Held
 * until taken, at most `budget` characters of payload (a `.data` request is never rendered, so
 * its entry is the oldest and goes first); in the browser, nothing is held.
 */
function writtenValues(budget: number) {
  const values = new Map<string, unknown>();
  let used = 0;
  return {
    keep(json: string, value: unknown) {
      if (values.has(json)) return;
      values.set(json, value);
      used += json.length;
      for (const [oldest] of values) {
        if (used <= budget) break;
        values.delete(oldest);
        used -= oldest.length;
      }
    },
    take(json: string): unknown {
      const value = values.get(json);
      if (value !== undefined) {
        values.delete(json);
        used -= json.length;
      }
      return value;
    },
  };
}
const justWritten = typeof document === "undefined" ? writtenValues(4_000_000) : undefined;

/** The value back, parsed once per payload (the server render parses it too). */
export function usePayload<T>(payload: JsonPayload<T>): T {
  return useMemo(() => fromPayload(payload), [payload]);
}

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };
