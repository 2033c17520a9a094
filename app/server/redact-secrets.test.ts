import { describe, expect, it } from "vitest";
import { redactSecrets } from "./redact-secrets";

const TOKEN = "Q2FsZW5kYXItdG9rZW4tdGhhdC1pcy00My1jaGFycw0";

describe("redactSecrets", () => {
  it.each([
    `/calendar/${TOKEN}.ics`,
    `/calendar/${TOKEN}.ics?x=1`,
    `/calendar/${TOKEN}.ics.data`,
    `/CALENDAR/${TOKEN}.ics`,
    `/%63alendar/${TOKEN}.ics`,
    `//calendar/${TOKEN}.ics`,
    `/calendar/${TOKEN}`,
    `/calendar/%${TOKEN}`,
  ])("writes %s without its token", (url) => {
    expect(redactSecrets(url)).toBe("/calendar/[redacted]");
  });

  it.each(["/action-items", "/coes/12?calendar=/calendar/x", "/calendars", "/", "/%"])("leaves %s as it is", (url) => {
    expect(redactSecrets(url)).toBe(url);
  });
});
