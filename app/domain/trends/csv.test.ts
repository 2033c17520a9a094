import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";

describe("CSV", () => {
  it("defuses text a spreadsheet would run as a formula", () => {
    expect(["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"].map(csvField)).toEqual(["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tx", `"'\rx"`]);
  });
  it("keeps numbers as numbers (a negative duration is not a formula) and leaves empty cells empty", () => {
    expect([-5, 1.25, null, Number.NaN].map(csvField)).toEqual(["-5", "1.25", "", ""]);
  });
  it("quotes fields with commas, quotes or line breaks", () => {
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(toCsv(["Month", "COEs"], [["2026-03", 4]])).toBe("Month,COEs\r\n2026-03,4\r\n");
  });
});
