import { describe, expect, it } from "vitest";
import { formInteger } from "./form-number";

describe("formInteger", () => {
  const id = formInteger("Missing id", { min: 1 });
  it("reads plain digits and numbers", () => {
    expect(id.parse("42")).toBe(42);
    expect(id.parse(7)).toBe(7);
    expect(formInteger("x").parse("0")).toBe(0);
  });
  it("refuses what Number() would have read as a number: blank, hex, exponents, padding, fractions, beyond safe integers", () => {
    for (const v of [
      "",
      " ",
      "0x10",
      "1e3",
      " 5",
      "5 ",
      "1.0",
      "1.5",
      "+1",
      "Infinity",
      "NaN",
      "9999999999999999",
      "99999999999999999999",
      null,
      undefined,
      [],
      {},
      true,
    ])
      expect(id.safeParse(v).success, JSON.stringify(v)).toBe(false);
    expect(id.safeParse("0").success).toBe(false);
    expect(id.safeParse("-3").success).toBe(false);
  });
  it("answers with the field's message", () => {
    expect(id.safeParse("abc").error?.issues[0]?.message).toBe("Missing id");
  });
});
