import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatInstant } from "./date-format";
import { formatUtc } from "./instant";

describe("formatInstant", () => {
  it("writes UTC exactly as the server's formatUtc does, so the page does not change shape when the browser takes over", () => {
    for (const iso of ["2019-07-02T13:42:00+02:00", "2026-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "1999-12-31T00:05:00-08:00"]) {
      expect(formatInstant(Date.parse(iso), "UTC")).toBe(formatUtc(Date.parse(iso)));
    }
  });

  it("writes other zones in the same shape, with the zone named", () => {
    const ms = Date.parse("2019-07-02T11:42:00Z");
    expect(formatInstant(ms, "Europe/Berlin")).toBe("2019-07-02 13:42 GMT+2");
    expect(formatInstant(ms, "America/Los_Angeles")).toBe("2019-07-02 04:42 PDT");
    expect(formatInstant(Date.parse("2019-07-02T23:30:00Z"), "Asia/Kolkata")).toBe("2019-07-03 05:00 GMT+5:30");
    expect(formatInstant(Date.parse("2019-07-02T00:10:00Z"), "UTC")).toMatch(/^2019-07-02 00:10 UTC$/);
  });
});

describe("formatCalendarDate", () => {
  it("keeps a day as the day (no zone shift) and anything else as given", () => {
    expect(formatCalendarDate("2026-12-15")).toBe("2026-12-15");
    expect(formatCalendarDate(" 2026-01-01 ")).toBe("2026-01-01");
    expect(formatCalendarDate("soon")).toBe("soon");
  });
});
