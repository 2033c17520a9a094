import { describe, expect, it } from "vitest";
import { BAD_DATES } from "../../tests/fixtures/fuzz-values";
import { calendarDateProblem } from "./calendar-date";

describe("calendarDateProblem", () => {
  it("accepts real days, leap days included", () => {
    for (const d of ["2026-12-31", "2024-02-29", "2000-02-29", "1000-01-01", "9999-12-31"]) expect(calendarDateProblem(d)).toBeUndefined();
  });
  it("names a wrong format and a day that does not exist apart", () => {
    expect(calendarDateProblem("2025-1-1")).toBe("format");
    expect(calendarDateProblem("yesterday")).toBe("format");
    expect(calendarDateProblem("99999-01-01")).toBe("format");
    expect(calendarDateProblem("2025-13-01")).toBe("not-a-day");
    expect(calendarDateProblem("0000-00-00")).toBe("not-a-day");
    expect(calendarDateProblem("2025-02-29")).toBe("not-a-day");
    expect(calendarDateProblem("1900-02-29")).toBe("not-a-day");
    expect(calendarDateProblem("0099-01-01")).toBe("not-a-day");
  });
  it("answers every hostile date without throwing, and accepts none of them", () => {
    for (const d of BAD_DATES) expect(calendarDateProblem(d)).toBeDefined();
  });
});
