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
    });
    expect(config).toEqual({
      trustProxy: 1,
      appOrigin: "https://coe.example.org",
      cookieSecure: true,
      limits: { form: 2 * 1024 ** 2, json: 512 * 1024, signedOut: 8 * 1024 },
      shutdownTimeoutMs: 2500,
      processes: 3,
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
