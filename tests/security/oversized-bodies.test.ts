import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sectionVersionOf } from "~/data/section-versions.server";
import { DEFAULT_LIMITS } from "~/server/config.server";
import { getDb } from "../../db/client";
import { insertCoe } from "../factories";
import { snapshotTables } from "../setup/db-snapshot";
import { sameOrigin, startTestServer, setUpTestServer, type TestServer } from "../setup/test-server";
import { insertUser, sessionCookieFor } from "../setup/users";
import { reportCases } from "./cases";

/**
 * Oversized and unfinished bodies against the real server. A body over its limit is refused with
 * 413 before it is read (a declared Content-Length) or as soon as it passes the limit (chunked),
 * so an anonymous 200 MB post leaves the server's memory where it was; a client that stops
 * halfway cannot crash it or leave anything half-written.
 */
const MB = 1024 * 1024;
const server = setUpTestServer();

/** The server's resident memory, from /proc (Linux). */
const residentBytes = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

/**
 * POSTs `total` bytes without ever holding them: 64 KB chunks written as the socket drains, until
 * the server answers. With `declareLength` the Content-Length header says `total`; otherwise the
 * body is chunked and its size unknown to the server until it has read it. A raw socket rather
 * than an HTTP client: the server closes the connection after refusing, so writes then fail
 * (EPIPE/ECONNRESET), and the answer that came before must still be read.
 */
function streamPost(
  origin: string,
  path: string,
  total: number,
  { declareLength, headers = {} }: { declareLength: boolean; headers?: Record<string, string> },
) {
  return new Promise<{ status: number; ms: number; sentBytes: number }>((resolve, reject) => {
    const t0 = performance.now();
    const { hostname, port } = new URL(origin);
    const socket = connect(Number(port), hostname);
    const chunk = Buffer.alloc(64 * 1024, "a");
    const frame = declareLength ? chunk : Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
    let sent = 0;
    let received = "";
    let answered = false;
    const finish = () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      socket.destroy();
      if (status) resolve({ status: Number(status), ms: performance.now() - t0, sentBytes: sent });
      else reject(new Error(`no answer after ${sent} bytes: ${JSON.stringify(received.slice(0, 200))}`));
    };
    socket.on("data", (data) => {
      received += data.toString("latin1");
      if (!answered && received.includes("\r\n\r\n")) {
        answered = true;
        finish();
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      if (!answered) finish();
    });
    const head = [
      `POST ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      "Content-Type: application/x-www-form-urlencoded",
      `Origin: ${origin}`,
      declareLength ? `Content-Length: ${total}` : "Transfer-Encoding: chunked",
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      "",
      "",
    ].join("\r\n");
    socket.write(head);
    const pump = () => {
      while (!answered && !socket.destroyed && sent < total) {
        sent += chunk.length;
        if (!socket.write(frame)) return void socket.once("drain", pump);
      }
      if (!answered && !socket.destroyed && !declareLength) socket.write("0\r\n\r\n");
    };
    pump();
  });
}

const healthy = async (origin: string) => (await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) })).status;

describe("signed out: a 200 MB post to /login", () => {
  it("is refused with 413 within a second or two, declared or chunked; memory stays flat and nothing is stored", async () => {
    const { origin, proc } = server();
    const db = getDb();
    // Warm up, so the baseline includes what the first requests allocate anyway.
    for (let i = 0; i < 5; i++)
      await fetch(`${origin}/login`, { method: "POST", body: new URLSearchParams({ email: "x", password: "" }), headers: sameOrigin(origin) }).then((r) =>
        r.arrayBuffer(),
      );
    const before = await snapshotTables(db);
    const rssBefore = residentBytes(proc.pid!);
    for (const declareLength of [true, false]) {
      const answer = await streamPost(origin, "/login", 200 * MB, { declareLength });
      expect(answer.status, `declared length: ${declareLength}`).toBe(413);
      expect(answer.ms).toBeLessThan(3000);
      // The server stopped reading long before the end: the client could not push 200 MB into it.
      expect(answer.sentBytes).toBeLessThan(64 * MB);
    }
    const grown = residentBytes(proc.pid!) - rssBefore;
    expect(grown, `resident memory grew by ${(grown / MB).toFixed(1)} MB`).toBeLessThan(24 * MB);
    expect(await healthy(origin)).toBe(200);
    expect(await snapshotTables(db)).toEqual(before);
    reportCases("oversized-bodies", 2);
  }, 30_000);

  it("the signed-out limit is exact: at the limit the form is read, one byte over it is 413", async () => {
    const { origin } = server();
    const limit = DEFAULT_LIMITS.signedOut;
    const body = (size: number) => {
      const head = "email=nobody%40example.com&password=";
      return head + "p".repeat(size - head.length);
    };
    const post = (b: string) =>
      fetch(`${origin}/login`, { method: "POST", body: b, headers: { ...sameOrigin(origin), "Content-Type": "application/x-www-form-urlencoded" } }).then(
        (r) => r.status,
      );
    // At the limit: read, and refused by the form's own rule (a password of 1,000 characters at most).
    expect(await post(body(limit))).toBe(400);
    expect(await post(body(limit + 1))).toBe(413);
    reportCases("oversized-bodies", 2);
  });
});

describe("signed in, with BODY_LIMIT_FORM and BODY_LIMIT_JSON set small", () => {
  const FORM_LIMIT = 48 * 1024;
  const JSON_LIMIT = 40 * 1024;
  let small: TestServer;
  let coeId: number;
  let cookie: string;

  beforeAll(async () => {
    small = await startTestServer({ BODY_LIMIT_FORM: String(FORM_LIMIT), BODY_LIMIT_JSON: String(JSON_LIMIT) });
    const db = getDb();
    const author = await insertUser(db, "author");
    coeId = await insertCoe(db, { status: "draft" }, { actorId: author.id });
    cookie = await sessionCookieFor(author.id);
  }, 60_000);
  afterAll(async () => {
    await small?.stop();
  });

  const impactVersion = async () => String(await sectionVersionOf(getDb(), coeId, "impact-summary"));

  /** The no-JavaScript save of the impact summary, padded to exactly `size` bytes. */
  const formOfSize = async (size: number) => {
    const head = `intent=save-rich-text&formId=impact-summary&section=impact-summary&baseVersion=${await impactVersion()}&text=`;
    return head + "f".repeat(size - head.length);
  };
  /** The autosave body, padded to exactly `size` bytes. */
  const jsonOfSize = async (size: number) => {
    const baseVersion = Number(await impactVersion());
    const shell = (text: string) => JSON.stringify({ baseVersion, doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] } });
    return shell("j".repeat(size - shell("").length));
  };
  const send = (path: string, body: string, type: string, chunked: boolean) =>
    fetch(`${small.origin}${path}`, {
      method: "POST",
      // A stream has no length the server can see in advance: undici sends it chunked.
      body: chunked ? new Blob([body]).stream() : body,
      headers: { ...sameOrigin(small.origin, cookie), "Content-Type": type },
      redirect: "manual",
      ...(chunked ? { duplex: "half" } : {}),
    } as RequestInit).then(async (r) => (await r.arrayBuffer(), r.status));

  it("a form one byte over the limit is 413 and stores nothing; at the limit it is saved (declared and chunked)", async () => {
    const db = getDb();
    for (const chunked of [false, true]) {
      const before = await snapshotTables(db);
      expect(Buffer.byteLength(await formOfSize(FORM_LIMIT + 1))).toBe(FORM_LIMIT + 1);
      expect(await send(`/coes/${coeId}/edit`, await formOfSize(FORM_LIMIT + 1), "application/x-www-form-urlencoded", chunked), `chunked: ${chunked}`).toBe(
        413,
      );
      expect(await snapshotTables(db)).toEqual(before);
      const version = await impactVersion();
      expect(await send(`/coes/${coeId}/edit`, await formOfSize(FORM_LIMIT), "application/x-www-form-urlencoded", chunked), `chunked: ${chunked}`).toBe(302);
      expect(Number(await impactVersion())).toBe(Number(version) + 1);
    }
    reportCases("oversized-bodies", 4);
  });

  it("a JSON autosave one byte over the limit is 413 and stores nothing; at the limit it is saved (declared and chunked)", async () => {
    const db = getDb();
    for (const chunked of [false, true]) {
      const before = await snapshotTables(db);
      expect(Buffer.byteLength(await jsonOfSize(JSON_LIMIT))).toBe(JSON_LIMIT);
      expect(await send(`/coes/${coeId}/sections/impact-summary`, await jsonOfSize(JSON_LIMIT + 1), "application/json", chunked), `chunked: ${chunked}`).toBe(
        413,
      );
      expect(await snapshotTables(db)).toEqual(before);
      const version = await impactVersion();
      expect(await send(`/coes/${coeId}/sections/impact-summary`, await jsonOfSize(JSON_LIMIT), "application/json", chunked), `chunked: ${chunked}`).toBe(200);
      expect(Number(await impactVersion())).toBe(Number(version) + 1);
    }
    // The two limits are not mixed up: a form the size of the JSON limit plus one is still a form under its own limit.
    expect(await send(`/coes/${coeId}/edit`, await formOfSize(JSON_LIMIT + 1), "application/x-www-form-urlencoded", false)).toBe(302);
    reportCases("oversized-bodies", 5);
  });
});

describe("a browser still uploading when it is refused", () => {
  /** Like a browser: sends the whole request first (head, then every byte of the body), and only then reads the answer. */
  function uploadThenRead(origin: string, path: string, headers: Record<string, string>, body: string): Promise<string> {
    const { hostname, port } = new URL(origin);
    const head = [
      `POST ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Connection: close",
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      "",
      "",
    ].join("\r\n");
    return new Promise((resolve) => {
      const socket = connect(Number(port), hostname);
      const received: Buffer[] = [];
      socket.on("data", (chunk) => received.push(chunk));
      socket.on("error", (e) => resolve(`socket error: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
      socket.on("end", () => resolve(Buffer.concat(received).toString("latin1")));
      socket.write(head + body);
    });
  }

  it("reads the 413 rather than a reset connection: what is left of a body over the limit is read and dropped, up to a cap", async () => {
    const db = getDb();
    const author = await insertUser(db, "author");
    const coeId = await insertCoe(db, { status: "draft" }, { actorId: author.id });
    const cookie = await sessionCookieFor(author.id);
    const { origin } = server();
    const before = await snapshotTables(db);
    const body = `intent=save-rich-text&section=impact-summary&baseVersion=0&text=${"x".repeat(7 * MB)}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await uploadThenRead(
        origin,
        `/coes/${coeId}/edit`,
        { ...sameOrigin(origin, cookie), "Content-Type": "application/x-www-form-urlencoded" },
        body,
      );
      expect(answer.slice(0, 40)).toMatch(/^HTTP\/1\.1 413 /);
    }
    expect(await snapshotTables(db)).toEqual(before);
    reportCases("oversized-bodies", 3);
  });
});

describe("unfinished bodies", () => {
  /** Opens a raw connection, sends the head of a POST that declares `declared` bytes and then only `sent` of them. */
  function partialPost(origin: string, path: string, declared: number, sent: number, headers: Record<string, string>) {
    const { hostname, port } = new URL(origin);
    const socket = connect(Number(port), hostname);
    socket.on("error", () => {});
    const head = [
      `POST ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      `Content-Length: ${declared}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      "",
      "",
    ].join("\r\n");
    return new Promise<typeof socket>((resolve) => socket.write(head + "a".repeat(sent), () => resolve(socket)));
  }

  it("clients that declare a length, send less and hang up (or just wait) do not crash the server or write anything", async () => {
    const { origin, proc } = server();
    const db = getDb();
    const author = await insertUser(db, "author");
    const coeId = await insertCoe(db, { status: "draft" }, { actorId: author.id });
    const cookie = await sessionCookieFor(author.id);
    const before = await snapshotTables(db);
    const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: origin };
    const targets: [string, Record<string, string>][] = [
      ["/login", form],
      [`/coes/${coeId}/edit`, { ...form, Cookie: cookie }],
      [`/coes/${coeId}/edit.data`, { ...form, Cookie: cookie }],
      [`/coes/${coeId}/sections/impact-summary`, { "Content-Type": "application/json", Origin: origin, Cookie: cookie }],
    ];
    let cases = 0;
    // Some hang up at once, some after a moment; some send nothing of the body at all.
    for (const [path, headers] of targets)
      for (const [declared, sent, waitMs] of [
        [10_000, 100, 0],
        [10_000, 0, 0],
        [1000, 999, 50],
        [8000, 4000, 20],
      ] as const) {
        const socket = await partialPost(origin, path, declared, sent, headers);
        if (waitMs) await new Promise((r) => setTimeout(r, waitMs));
        socket.destroy();
        cases++;
      }
    // And some stay connected, sending nothing more, while others are served.
    const idle = await Promise.all(targets.map(([path, headers]) => partialPost(origin, path, 5000, 10, headers)));
    for (let i = 0; i < 5; i++) expect(await healthy(origin)).toBe(200);
    for (const socket of idle) socket.destroy();
    cases += idle.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(proc.exitCode).toBeNull();
    expect(await healthy(origin)).toBe(200);
    expect(await snapshotTables(db)).toEqual(before);
    reportCases("oversized-bodies", cases);
  });
});
