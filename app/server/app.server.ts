import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { Readable, type Duplex } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import compression from "compression";
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import morgan from "morgan";
import { createRequestHandler, RouterContextProvider, type ServerBuild } from "react-router";
import { hasSignedSessionCookie } from "~/auth/session.server";
import { auditRefusal } from "./audit-refusal.server";
import type { ServerConfig } from "./config.server";
import { expectedOrigin } from "./origin-check";
import { sendRefusal } from "./refusal.server";
import { bodyKind, ClientAbortedError, readBodyWithin } from "./request-body.server";
import { bodyLimit, refuseBodyKind, refuseForeignOrigin, refuseMethod, tooLarge } from "./request-guards.server";
import { redactSecrets } from "./redact-secrets";
import { requestInfoContext } from "./request-info.server";
import { securityHeaders } from "./security-headers";

export type AppOptions = {
  config: ServerConfig;
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "production" | "development";
  /** build/client: hashed assets (cached for a year) and the public files. Unset in development (Vite serves them). */
  clientDir?: string;
  logRequests?: boolean;
};

/**
 * The HTTP server in front of React Router. Everything a request must pass before any route code
 * runs lives here, in this order: security headers, the method, the origin of anything that is
 * not a GET, the body's type and size (refused before it is read). Then the app runs with the
 * client's real address and the response's CSP nonce in its context.
 */
export function createApp({ config, build, mode, clientDir, logRequests = true }: AppOptions) {
  const app = express();
  const handleRequest = createRequestHandler(build, mode);
  let draining = false;

  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use((_req, res, next) => {
    res.locals.nonce = randomBytes(18).toString("base64");
    res.set(securityHeaders({ nonce: res.locals.nonce, secure: config.cookieSecure, reportOnly: mode === "development" }));
    // Once shutting down, every answer closes its connection so the server can finish.
    if (draining) res.set("Connection", "close");
    next();
  });
  app.use(compression());
  if (clientDir) {
    // Hashed file names: a changed file is a new name, so a year and `immutable` are safe.
    // No directory redirects or index files: those answers would carry serve-static's own headers, not ours.
    const files = { redirect: false, index: false } as const;
    app.use("/assets", express.static(join(clientDir, "assets"), { ...files, immutable: true, maxAge: "1y" }));
    app.use(express.static(clientDir, { ...files, maxAge: "1h" }));
  }
  if (logRequests) app.use(morgan(tinyWithoutSecrets));
  app.use((req, res, next) => {
    // Pages, data and refusals may hold what only a signed-in person may see: never keep them in a cache.
    res.set("Cache-Control", "no-store");
    // app.use, not a route pattern: a path is not decoded here, so "/%" reaches React Router (a 404), not a decoding error.
    serve(req, res).catch((error: unknown) => (error instanceof ClientAbortedError ? res.destroy() : next(error)));
  });
  app.use((error: unknown, _req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
    console.error(error);
    if (res.headersSent) return void res.destroy();
    res.status(500).set("Cache-Control", "no-store").type("text/plain").send("Something went wrong; the error was logged.");
  });

  async function serve(req: ExpressRequest, res: ExpressResponse) {
    const method = req.method.toUpperCase();
    const clientAddress = plainAddress(req.ip ?? req.socket.remoteAddress);
    const refusedMethod = refuseMethod(method);
    if (refusedMethod) return sendRefusal(req, res, refusedMethod);
    const origin = expectedOrigin(req.protocol, forwardedHost(req) ?? req.get("host"), config.appOrigin);
    const url = origin ? requestUrl(origin, req.originalUrl) : undefined;
    if (!url) return sendRefusal(req, res, { status: 400, error: "bad-request", message: "That address could not be understood." });
    const foreign = refuseForeignOrigin(method, req.headersDistinct, origin);
    if (foreign) {
      await auditRefusal(new Request(url, { method, headers: cookieOnly(req) }), {
        clientAddress,
        status: 403,
        detail: { reason: "foreign origin", origin: foreign.seen.slice(0, 200) },
      });
      return sendRefusal(req, res, foreign);
    }
    let body: Buffer | undefined;
    if (method === "POST") {
      const kind = bodyKind(req.headers);
      const unsupported = refuseBodyKind(kind);
      if (unsupported) return sendRefusal(req, res, unsupported);
      const signedIn = hasSignedSessionCookie(req.headers.cookie);
      const limit = bodyLimit(kind, signedIn, config.limits);
      const read = await readBodyWithin(req, limit);
      if (!read.ok) return sendRefusal(req, res, tooLarge(limit, signedIn));
      body = read.body;
    }
    const context = new RouterContextProvider();
    context.set(requestInfoContext, { clientAddress, nonce: res.locals.nonce, auditDetail: {} });
    const response = await handleRequest(toFetchRequest(req, res, url, body), context);
    await sendResponse(res, response);
  }

  return {
    app,
    /** Shutting down: every response from now on asks its client to close the connection. */
    drain() {
      draining = true;
    },
    /** For the HTTP server's "clientError": requests Node cannot parse are answered with our headers too. */
    answerUnparsable: (error: NodeJS.ErrnoException, socket: Duplex) => answerUnparsable(error, socket, config.cookieSecure),
  };
}

/** morgan's "tiny" line (":method :url :status :res[content-length] - :response-time ms"), with a calendar feed's token left out of the URL. */
const tinyWithoutSecrets: morgan.FormatFn<ExpressRequest, ExpressResponse> = (tokens, req, res) =>
  `${tokens.method!(req, res)} ${redactSecrets(req.originalUrl || req.url)} ${tokens.status!(req, res)} ${tokens.res!(req, res, "content-length")} - ${tokens["response-time"]!(req, res)} ms`;

const UNPARSABLE: Record<string, string> = { HPE_HEADER_OVERFLOW: "431 Request Header Fields Too Large", ERR_HTTP_REQUEST_TIMEOUT: "408 Request Timeout" };

/** Node answers a request it cannot parse (malformed, headers too large, too slow) before Express sees it; the answer still carries every header ours do. */
function answerUnparsable(error: NodeJS.ErrnoException, socket: Duplex, secure: boolean) {
  if (!socket.writable || error.code === "ECONNRESET") return void socket.destroy();
  const status = UNPARSABLE[error.code ?? ""] ?? "400 Bad Request";
  const body = `${status}\n`;
  const headers = {
    ...securityHeaders({ nonce: randomBytes(18).toString("base64"), secure }),
    "Cache-Control": "no-store",
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(body.length),
    Connection: "close",
  };
  socket.end(
    `HTTP/1.1 ${status}\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join("\r\n")}\r\n\r\n${body}`,
  );
}

/** "::ffff:10.0.0.1" → "10.0.0.1": one spelling per client, for throttling and the audit log. */
function plainAddress(address: string | undefined): string {
  if (!address) return "unknown";
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

/** X-Forwarded-Host counts only when a trusted proxy may have set it. */
function forwardedHost(req: ExpressRequest): string | undefined {
  if (!req.app.get("trust proxy fn")(req.socket.remoteAddress ?? "", 0)) return undefined;
  return req.get("x-forwarded-host")?.split(",")[0]?.trim() || undefined;
}

/** The request's URL on this app's origin; a request-target that is not a path ("//evil", "http://…") is refused. */
function requestUrl(origin: string, target: string): URL | undefined {
  if (!target.startsWith("/") || !URL.canParse(`${origin}${target}`)) return undefined;
  const url = new URL(`${origin}${target}`);
  return url.origin === origin ? url : undefined;
}

function cookieOnly(req: ExpressRequest): Record<string, string> {
  return req.headers.cookie ? { cookie: req.headers.cookie } : {};
}

function toFetchRequest(req: ExpressRequest, res: ExpressResponse, url: URL, body: Buffer | undefined): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return new Request(url, { method: req.method, headers, signal: controller.signal, ...(body ? { body: new Uint8Array(body) } : {}) });
}

/** Writes a Fetch Response; headers set by the app replace the defaults set above (Cache-Control, say). */
async function sendResponse(res: ExpressResponse, response: Response) {
  if (res.destroyed || res.writableEnded) return void (await response.body?.cancel());
  res.status(response.status);
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  if (!response.body) return void res.end();
  await pipeToResponse(response.body, res);
}

/**
 * Streams a body into the response, flushing each chunk through compression so a page arrives as
 * it renders. One "drain" listener per response: compression hands `res.once("drain")` to its
 * zlib stream but not the removal, so waiting for drain per chunk (as React Router's helper does)
 * leaves a listener behind on every wait.
 */
function pipeToResponse(body: ReadableStream<Uint8Array>, res: ExpressResponse): Promise<void> {
  const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  const flush = () => (res as ExpressResponse & { flush?: () => void }).flush?.();
  return new Promise((resolve, reject) => {
    res.on("drain", () => source.resume());
    res.once("close", () => {
      if (res.writableFinished) return;
      source.destroy();
      resolve();
    });
    source.on("data", (chunk: Uint8Array) => {
      if (!res.write(chunk)) source.pause();
      flush();
    });
    source.once("end", () => {
      res.end();
      resolve();
    });
    source.once("error", (error) => {
      res.destroy(error);
      reject(error);
    });
  });
}
