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
  return JSON.stringify(value) as JsonPayload<T>;
}

export function fromPayload<T>(payload: JsonPayload<T>): T {
  return JSON.parse(payload) as T;
}

/** The value back, parsed once per payload (the server render parses it too). */
export function usePayload<T>(payload: JsonPayload<T>): T {
  return useMemo(() => fromPayload(payload), [payload]);
}

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };
