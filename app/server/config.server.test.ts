import { describe, expect, it } from "vitest";
import { availableParallelism } from "node:os";
import {
  ConfigError,
  DEFAULT_IMPORT_LIMIT,
  DEFAULT_LIMITS,
  importLimit,
  parseByteSize,
  parseProcesses,
  parseTrustProxy,
  readMailConfig,
  readRemindersConfig,
  readServerConfig,
} from "./config.server";

describe("parseTrustProxy", () => {
  it.each([undefined, "", "  ", "false", "0"])("%j trusts no proxy: the socket's address is the client", (value) => {
    expect(parseTrustProxy(value)).toBe(false);
  });

  it("a number is that many hops", () => {
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy(" 2 ")).toBe(2);
  });

  it("a list names the proxies: addresses, CIDR ranges and Express's words", () => {
    expect(parseTrustProxy("loopback, 10.0.0.0/8 ,::1, fd00::/8")).toEqual(["loopback", "10.0.0.0/8", "::1", "fd00::/8"]);
    expect(parseTrustProxy("linklocal,uniquelocal")).toEqual(["linklocal", "uniquelocal"]);
  });

  it("refuses `true`, which would let any client choose its own address", () => {
    expect(() => parseTrustProxy("true")).toThrow(ConfigError);
    expect(() => parseTrustProxy("true")).toThrow(/hops/);
  });

  it.each(["yes", "TRUE", "*", "all", "-1", "1.5", "proxy.example", "10.0.0.0/8, anyone"])("refuses %j, naming the variable", (value) => {
    expect(() => parseTrustProxy(value)).toThrow(/TRUST_PROXY/);
  });
});

describe("parseByteSize", () => {
  it.each([
    ["1", 1],
    ["16384", 16384],
    ["16kb", 16 * 1024],
    ["16 KB", 16 * 1024],
    ["16KiB", 16 * 1024],
    ["1mb", 1024 ** 2],
    ["1.5mb", 1.5 * 1024 ** 2],
    ["2MiB", 2 * 1024 ** 2],
    ["10b", 10],
  ])("%j is %d bytes", (value, bytes) => {
    expect(parseByteSize("BODY_LIMIT_FORM", value)).toBe(bytes);
  });

  it.each(["", "0", "0kb", "-1", "1gb", "lots", "1e3", "0x10", "1 m b", "Infinity", "99999999999999999999"])("refuses %j, naming the variable", (value) => {
    expect(() => parseByteSize("BODY_LIMIT_FORM", value)).toThrow(ConfigError);
    expect(() => parseByteSize("BODY_LIMIT_FORM", value)).toThrow(/BODY_LIMIT_FORM/);
  });
});

describe("parseProcesses (WEB_CONCURRENCY)", () => {
  it("defaults to one process per core, and takes a whole number from 1 to 64", () => {
    expect(parseProcesses(undefined, 6)).toBe(6);
    expect(parseProcesses("", 6)).toBe(6);
    expect(parseProcesses("1")).toBe(1);
    expect(parseProcesses("64")).toBe(64);
  });

  it("refuses anything else, naming the variable", () => {
    for (const value of ["0", "65", "-1", "1.5", "two", " 2"]) expect(() => parseProcesses(value), value).toThrow(/WEB_CONCURRENCY/);
  });
});

describe("readServerConfig", () => {
  it("defaults: no proxy, the request's own origin, plain cookies, documented limits", () => {
    expect(readServerConfig({})).toEqual({
      trustProxy: false,
      appOrigin: undefined,
      cookieSecure: false,
      limits: DEFAULT_LIMITS,
      shutdownTimeoutMs: 10_000,
      processes: availableParallelism(),
      mail: undefined,
      reminders: { enabled: true, at: "08:00" },
    });
    expect(importLimit({})).toBe(DEFAULT_IMPORT_LIMIT);
  });

  it("reads every setting", () => {
    const config = readServerConfig({
      TRUST_PROXY: "1",
      APP_ORIGIN: "https://coe.example.org/",
      COOKIE_SECURE: "true",
      BODY_LIMIT_FORM: "2mb",
      BODY_LIMIT_JSON: "512kb",
      BODY_LIMIT_SIGNED_OUT: "8kb",
      SHUTDOWN_TIMEOUT_MS: "2500",
      WEB_CONCURRENCY: "3",
      SMTP_URL: "smtp://mailer:secret@smtp.example.org:587",
      MAIL_FROM: "COE <coe@example.org>",
      REMINDERS: "off",
      REMINDERS_AT: "07:30",
    });
    expect(config).toEqual({
      trustProxy: 1,
      appOrigin: "https://coe.example.org",
      cookieSecure: true,
      limits: { form: 2 * 1024 ** 2, json: 512 * 1024, signedOut: 8 * 1024 },
      shutdownTimeoutMs: 2500,
      processes: 3,
      mail: { url: "smtp://mailer:secret@smtp.example.org:587", from: "COE <coe@example.org>" },
      reminders: { enabled: false, at: "07:30" },
    });
    expect(importLimit({ IMPORT_LIMIT: "20mb" })).toBe(20 * 1024 ** 2);
  });

  it("COOKIE_SECURE is on only when it says exactly true", () => {
    for (const value of ["1", "yes", "TRUE", ""]) expect(readServerConfig({ COOKIE_SECURE: value }).cookieSecure).toBe(false);
  });

  it.each(["http://127.0.0.1:3000", "https://coe.example.org", "https://coe.example.org:8443"])("APP_ORIGIN %j is an origin", (origin) => {
    expect(readServerConfig({ APP_ORIGIN: origin }).appOrigin).toBe(origin);
  });

  it.each([
    "coe.example.org",
    "https://coe.example.org/coes",
    "https://coe.example.org?x",
    "https://user@coe.example.org",
    "ftp://coe.example.org",
    "javascript:alert(1)",
    "null",
    "https://",
  ])("refuses APP_ORIGIN %j", (origin) => {
    expect(() => readServerConfig({ APP_ORIGIN: origin })).toThrow(/APP_ORIGIN/);
  });

  it("a wrong size or timeout stops the start with the variable named", () => {
    expect(() => readServerConfig({ BODY_LIMIT_JSON: "big" })).toThrow(/BODY_LIMIT_JSON/);
    expect(() => readServerConfig({ BODY_LIMIT_SIGNED_OUT: "0" })).toThrow(/BODY_LIMIT_SIGNED_OUT/);
    expect(() => readServerConfig({ SHUTDOWN_TIMEOUT_MS: "-5" })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
    expect(() => readServerConfig({ SHUTDOWN_TIMEOUT_MS: "soon" })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
    expect(() => importLimit({ IMPORT_LIMIT: "1tb" })).toThrow(/IMPORT_LIMIT/);
  });
});

describe("mail (SMTP_URL, MAIL_FROM)", () => {
  it("no SMTP_URL: no e-mail", () => {
    expect(readMailConfig({})).toBeUndefined();
    expect(readMailConfig({ SMTP_URL: " ", MAIL_FROM: "coe@example.org" })).toBeUndefined();
  });

  it.each([
    "smtp://smtp.example.org",
    "smtp://127.0.0.1:2525",
    "smtps://user:p%40ss@smtp.example.org:465",
    "smtp://user@[::1]:25",
    "smtp://smtp.example.org:587?tls.rejectUnauthorized=false",
  ])("SMTP_URL %j is taken as given", (url) => {
    expect(readMailConfig({ SMTP_URL: url })?.url).toBe(url);
  });

  it("MAIL_FROM defaults to noreply at APP_ORIGIN's host, else at the SMTP server's", () => {
    expect(readMailConfig({ SMTP_URL: "smtp://smtp.example.org", APP_ORIGIN: "https://coe.example.org" })?.from).toBe("COE platform <noreply@coe.example.org>");
    expect(readMailConfig({ SMTP_URL: "smtp://smtp.example.org" })?.from).toBe("COE platform <noreply@smtp.example.org>");
  });

  it.each(["coe@example.org", "COE reviews <coe@example.org>", '"COE, reviews" <coe@example.org>'])("MAIL_FROM %j is an address", (from) => {
    expect(readMailConfig({ SMTP_URL: "smtp://smtp.example.org", MAIL_FROM: from })?.from).toBe(from);
  });

  it.each(["coe", "coe@", "COE <coe>", "a@b.org, c@d.org", "COE\r\nBcc: all@example.org <coe@example.org>", "<coe@example.org"])(
    "refuses MAIL_FROM %j, naming it",
    (from) => {
      expect(() => readMailConfig({ SMTP_URL: "smtp://smtp.example.org", MAIL_FROM: from })).toThrow(/MAIL_FROM/);
    },
  );

  it.each(["smtp.example.org", "http://smtp.example.org", "smtp://", "smtp://host:99999", "smtp://host:port", "mailto:coe@example.org", "smtp:// space"])(
    "refuses SMTP_URL %j, naming it",
    (url) => {
      expect(() => readMailConfig({ SMTP_URL: url })).toThrow(ConfigError);
      expect(() => readMailConfig({ SMTP_URL: url })).toThrow(/SMTP_URL/);
    },
  );

  it("never repeats the password of a refused SMTP_URL", () => {
    for (const url of ["http://mailer:hunter2@smtp.example.org", "smtp://mailer:hunter2@smtp.example.org:99999", "smtp://mailer:hun@ter2@:25"]) {
      expect(() => readMailConfig({ SMTP_URL: url })).toThrow(/SMTP_URL/);
      expect(() => readMailConfig({ SMTP_URL: url })).not.toThrow(/hunter2|ter2/);
    }
  });
});

describe("reminders (REMINDERS, REMINDERS_AT)", () => {
  it("on at 08:00 by default; off only when it says off", () => {
    expect(readRemindersConfig({})).toEqual({ enabled: true, at: "08:00" });
    expect(readRemindersConfig({ REMINDERS: "on", REMINDERS_AT: "06:45" })).toEqual({ enabled: true, at: "06:45" });
    expect(readRemindersConfig({ REMINDERS: "off" })).toEqual({ enabled: false, at: "08:00" });
  });

  it("refuses anything else, naming the variable", () => {
    for (const value of ["false", "0", "no", "OFF"]) expect(() => readRemindersConfig({ REMINDERS: value }), value).toThrow(/REMINDERS must be on or off/);
    for (const value of ["8", "8:00", "24:00", "08:60", "8am"]) expect(() => readRemindersConfig({ REMINDERS_AT: value }), value).toThrow(/REMINDERS_AT/);
  });
});
