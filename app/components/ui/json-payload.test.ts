import { describe, expect, it } from "vitest";
import { fromPayload, toPayload, type JsonPayload } from "./json-payload";

describe("JSON payloads", () => {
  it("give back the value a loader wrote, and parse any other payload", () => {
    const value = { id: 1, rows: [{ title: "Disk full", updatedMs: 1 }], note: null };
    const payload = toPayload(value);
    expect(payload).toBe(JSON.stringify(value));
    expect(fromPayload(payload)).toBe(value);
    // Taken once: a second read (or a payload that came over the wire) is parsed from its text.
    expect(fromPayload(payload)).toEqual(value);
    expect(fromPayload(payload)).not.toBe(value);
    expect(fromPayload('{"a":[1,2]}' as JsonPayload<{ a: number[] }>)).toEqual({ a: [1, 2] });
  });

  it("hold at most their budget of unread payloads, dropping the oldest (a .data request is never rendered)", () => {
    const big = "x".repeat(1_000_000);
    const values = [0, 1, 2, 3, 4, 5].map((n) => ({ big, n }));
    const payloads = values.map((v) => toPayload(v));
    expect(fromPayload(payloads[0]!)).not.toBe(values[0]); // forgotten: parsed from its text
    expect(fromPayload(payloads[0]!)).toEqual(values[0]);
    expect(fromPayload(payloads[5]!)).toBe(values[5]); // still held: the loader's own value
  });
});
