import { z } from "zod";

const DIGITS = /^-?\d{1,15}$/;

/**
 * Form fields arrive as text, and `Number()` reads too much into it: "" is 0, "0x10" is 16,
 * "1e3" is 1000, " 5 " is 5. Only plain digits become a number here; anything else stays as it
 * was and fails the number check with the field's message. (A blank base version once counted as
 * version 0 and was accepted.) Numbers, as tests and JSON send them, pass unchanged.
 */
export const digitsToNumber = (v: unknown): unknown => (typeof v === "string" && DIGITS.test(v) ? Number(v) : v);

/** A whole number typed in (or written by the page into) a form field, `min`..`max`. */
export function formInteger(error: string, { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) {
  return z.preprocess(digitsToNumber, z.number({ error }).int(error).min(min, error).max(max, error));
}
