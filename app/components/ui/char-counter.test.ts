import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { counterBand, counterText } from "./char-counter";
import { TextareaField } from "./textarea-field";
import { TextField } from "./text-field";

describe("the character counter", () => {
  it("is quiet below 80 %, counts from there, and says by how much text is over", () => {
    expect(counterBand(1599, 2000)).toBe("quiet");
    expect(counterBand(1600, 2000)).toBe("near");
    expect(counterBand(2000, 2000)).toBe("near");
    expect(counterBand(2001, 2000)).toBe("over");
    expect(counterText(1600, 2000)).toBe("1,600 of 2,000 characters");
    expect(counterText(5000, 2000)).toBe("3,000 characters over the limit of 2,000");
  });
});

describe("text fields with a limit", () => {
  type Field = (props: { label: string; name: string } & Record<string, unknown>) => ReturnType<typeof TextField>;
  const render = (el: Field, props: { label: string; name: string } & Record<string, unknown>) => renderToStaticMarkup(createElement(el, props));
  const describedIds = (html: string) => (/aria-describedby="([^"]*)"/.exec(html)?.[1] ?? "").split(" ").filter(Boolean);

  it.each([
    ["TextField", TextField],
    ["TextareaField", TextareaField],
  ] as [string, Field][])("%s: never truncates, shows the counter near the limit through aria-describedby, and is invalid past it", (_name, Field) => {
    const quiet = render(Field, { label: "Why", name: "text", limit: 100, defaultValue: "x".repeat(79) });
    expect(quiet).not.toMatch(/maxlength/i);
    expect(quiet).not.toContain("char-counter");

    const near = render(Field, { label: "Why", name: "text", limit: 100, hint: "A hint", defaultValue: "x".repeat(80) });
    const counterId = /<p id="([^"]+)" class="char-counter"/.exec(near)?.[1];
    expect(near).toContain("80 of 100 characters");
    expect(describedIds(near)).toContain(counterId);
    expect(near).not.toContain("aria-invalid");

    // `maxLength`, as older callers pass it, means the same: a counter, not a cut.
    const over = render(Field, { label: "Why", name: "text", maxLength: 100, defaultValue: "x".repeat(150) });
    expect(over).not.toMatch(/maxlength/i);
    expect(over).toContain("50 characters over the limit of 100");
    expect(over).toContain('aria-invalid="true"');
  });
});
