import { describe, expect, it } from "vitest";
import { composeInstant, formatUtc, isValidInstant, splitInstant } from "./instant";

describe("instants", () => {
  it("accepts ISO 8601 with a zone only", () => {
    expect(isValidInstant("2019-07-02T13:42:00Z")).toBe(true);
    expect(isValidInstant("2019-07-02T13:42+02:00")).toBe(true);
    expect(isValidInstant("2019-07-02T13:42:00.123-07:00")).toBe(true);
    expect(isValidInstant("2019-07-02T13:42:00")).toBe(false);
    expect(isValidInstant("2019-02-30T13:42:00Z")).toBe(false);
    expect(isValidInstant("2019-07-02T25:42:00Z")).toBe(false);
    expect(isValidInstant("yesterday")).toBe(false);
  });
  it("composes a form's local time and offset, and splits it back", () => {
    expect(composeInstant("2019-07-02T13:42", "+02:00")).toBe("2019-07-02T13:42:00+02:00");
    expect(composeInstant("2019-07-02T13:42:30", "+00:00")).toBe("2019-07-02T13:42:30Z");
    expect(composeInstant("2019-07-02", "+00:00")).toBeUndefined();
    expect(composeInstant("2019-07-02T13:42", "+2")).toBeUndefined();
    expect(splitInstant("2019-07-02T13:42:00+02:00")).toEqual({ local: "2019-07-02T13:42:00", offset: "+02:00" });
    expect(splitInstant("2019-07-02T13:42Z")).toEqual({ local: "2019-07-02T13:42:00", offset: "+00:00" });
  });
  it("formats in UTC on the server", () => {
    expect(formatUtc(Date.parse("2019-07-02T13:42:00+02:00"))).toBe("2019-07-02 11:42 UTC");
  });
});
