import { availableParallelism } from "node:os";
/**
 * The server's settings, read once from the environment and checked, so a typo stops the start
 * with the variable named instead of quietly weakening a defence.
 */
import { isIP } from "node:net";
import { DEFAULT_REMINDERS_AT } from "../domain/action-items/reminders";
import { isClockTime } from "../domain/meetings/schedule";

export type TrustProxy = false | number | string[];

export type ServerConfig = {
  /** Which hops may set X-Forwarded-For / -Proto / -Host: none (the socket's address is the client), N hops, or these addresses. */
  trustProxy: TrustProxy;
  /** The one origin this app is served from (e.g. https://coe.example.org); unset: the origin the request was addressed to. */
  appOrigin: string | undefined;
  cookieSecure: boolean;
  /** Largest request bodies accepted, in bytes, before anything is read. */
  limits: BodyLimits;
  /** How long SIGTERM waits for requests in flight before closing their connections. */
  shutdownTimeoutMs: number;
  /** Server processes on this machine (WEB_CONCURRENCY; default one per core). */
  processes: number;
  /** Where e-mail goes (SMTP_URL, MAIL_FROM); unset: no e-mail, reminders are in-app only. */
  mail: MailConfig | undefined;
  reminders: RemindersConfig;
};

export type MailConfig = { url: string; from: string };
/** The daily action-item reminders (REMINDERS, REMINDERS_AT): on unless REMINDERS=off; due from `at`, the organisation's local time. */
export type RemindersConfig = { enabled: boolean; at: string };

export type BodyLimits = { form: number; json: number; signedOut: number };

export class ConfigError extends Error {}

const UNITS: Record<string, number> = { "": 1, b: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2 };

/** "16kb", "1mb", "1048576" → bytes. */
export function parseByteSize(name: string, value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  const bytes = match && unit ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1)
    throw new ConfigError(`${name}=${JSON.stringify(value)} is not a size: use bytes, or a number with kb or mb (e.g. 1mb)`);
  return bytes;
}

const PROXY_WORDS = new Set(["loopback", "linklocal", "uniquelocal"]);

/** "10.0.0.1", "10.0.0.0/8", "fd00::/8": an address, with at most the prefix length its family has (what Express will accept). */
function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...more] = entry.split("/");
  const family = isIP(address);
  if (!family || more.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** TRUST_PROXY: unset/false → none; "1" → one hop; "loopback, 10.0.0.0/8" → those proxies. `true` is refused: it would trust anyone. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? "").trim();
  if (v === "" || v === "false" || v === "0") return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === "true")
    throw new ConfigError(
      "TRUST_PROXY=true would let any client choose its own address with X-Forwarded-For; give the number of proxy hops (e.g. 1) or the proxies' addresses",
    );
  const entries = v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.find((e) => !PROXY_WORDS.has(e) && !isAddressOrRange(e));
  if (bad !== undefined)
    throw new ConfigError(`TRUST_PROXY: ${JSON.stringify(bad)} is not a hop count, an address, a CIDR range or one of loopback, linklocal, uniquelocal`);
  return entries;
}

function parseOrigin(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== value.replace(/\/$/, ""))
    throw new ConfigError(`APP_ORIGIN=${JSON.stringify(value)} must be an origin such as https://coe.example.org (scheme, host and port only)`);
  return url.origin;
}

function parseMs(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new ConfigError(`${name}=${JSON.stringify(value)} must be a whole number of milliseconds`);
  return n;
}

export const DEFAULT_LIMITS: BodyLimits = { form: 1024 ** 2, json: 1024 ** 2, signedOut: 16 * 1024 };
/** Largest interchange file `coe import` reads (IMPORT_LIMIT). */
export const DEFAULT_IMPORT_LIMIT = 10 * 1024 ** 2;

export function importLimit(env: NodeJS.ProcessEnv = process.env): number {
  return env.IMPORT_LIMIT ? parseByteSize("IMPORT_LIMIT", env.IMPORT_LIMIT) : DEFAULT_IMPORT_LIMIT;
}

export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const size = (name: string, fallback: number) => (env[name] ? parseByteSize(name, env[name]!) : fallback);
  return {
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    appOrigin: parseOrigin(env.APP_ORIGIN),
    cookieSecure: env.COOKIE_SECURE === "true",
    limits: {
      form: size("BODY_LIMIT_FORM", DEFAULT_LIMITS.form),
      json: size("BODY_LIMIT_JSON", DEFAULT_LIMITS.json),
      signedOut: size("BODY_LIMIT_SIGNED_OUT", DEFAULT_LIMITS.signedOut),
    },
    shutdownTimeoutMs: parseMs("SHUTDOWN_TIMEOUT_MS", env.SHUTDOWN_TIMEOUT_MS, 10_000),
    processes: parseProcesses(env.WEB_CONCURRENCY),
    mail: readMailConfig(env),
    reminders: readRemindersConfig(env),
  };
}

/** A URL with its user and password hidden (up to the last @, in case a password holds one), for a message. */
const withoutPassword = (value: string) => value.replace(/\/\/.*@/, "//…@");

/**
 * SMTP_URL (`smtp://user:password@host:587`, or `smtps://…:465` for TLS from the start; nodemailer
 * reads it) and MAIL_FROM (`address` or `Name <address>`; by default noreply at APP_ORIGIN's host,
 * else at the SMTP server's). No SMTP_URL: no e-mail.
 */
export function readMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | undefined {
  const value = env.SMTP_URL?.trim();
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || !/^smtps?:$/.test(url.protocol) || !url.hostname)
    throw new ConfigError(`SMTP_URL=${JSON.stringify(withoutPassword(value))} must be smtp://[user:password@]host[:port] or smtps://…`);
  return { url: value, from: parseMailFrom(env.MAIL_FROM, env.APP_ORIGIN && URL.canParse(env.APP_ORIGIN) ? new URL(env.APP_ORIGIN).hostname : url.hostname) };
}

const MAILBOX = /^(?:[^<>\r\n]*<([^\s<>@]+@[^\s<>@]+)>|([^\s<>@]+@[^\s<>@]+))$/;

function parseMailFrom(value: string | undefined, host: string): string {
  const from = value?.trim();
  if (!from) return `COE platform <noreply@${host}>`;
  if (!MAILBOX.test(from))
    throw new ConfigError(`MAIL_FROM=${JSON.stringify(from)} must be an address (coe@example.org) or a name and address (COE <coe@example.org>)`);
  return from;
}

/** REMINDERS: unset or `on` runs the daily reminders in every server process (one run a day across them all), `off` does not; REMINDERS_AT: HH:MM. */
export function readRemindersConfig(env: NodeJS.ProcessEnv = process.env): RemindersConfig {
  const enabled = env.REMINDERS?.trim() || "on";
  if (enabled !== "on" && enabled !== "off") throw new ConfigError(`REMINDERS must be on or off, got ${JSON.stringify(env.REMINDERS)}`);
  const at = env.REMINDERS_AT?.trim() || DEFAULT_REMINDERS_AT;
  if (!isClockTime(at)) throw new ConfigError(`REMINDERS_AT must be a local time HH:MM (24 h, e.g. 08:00), got ${JSON.stringify(env.REMINDERS_AT)}`);
  return { enabled: enabled === "on", at };
}

/** WEB_CONCURRENCY: a whole number from 1 to 64; unset, one process per core. */
export function parseProcesses(value: string | undefined, cores = availableParallelism()): number {
  if (value === undefined || value === "") return cores;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64)
    throw new ConfigError(`WEB_CONCURRENCY must be a whole number of processes from 1 to 64, got "${value}"`);
  return Number(value);
}
