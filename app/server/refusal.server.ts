import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import type { Socket } from "node:net";

/** A request the HTTP server turns away before the app sees it. */
export type Refusal = { status: 405 | 403 | 413 | 415 | 400; error: string; message: string; headers?: Record<string, string> };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A body we did not read, of a declared length up to this, is read and dropped before a refusal is
 * sent (for at most DRAIN_MS): a client that writes its whole body before reading (most do) then
 * reads the answer instead of a reset connection. A bigger or undeclared body is not waited for:
 * the answer goes out at once and the connection is closed.
 */
const DRAIN_BYTES = 8 * 1024 * 1024;
const DRAIN_MS = 2_000;
/** How long a connection refused mid-body keeps reading (and dropping) after its answer went out. */
const LINGER_MS = 2_000;

/**
 * Answers in the form the caller reads: JSON to JSON callers, plain text to React Router's data
 * requests (its error page shows the text), a small page to a browser's plain form post.
 */
export function sendRefusal(req: ExpressRequest, res: ExpressResponse, refusal: Refusal) {
  if (req.complete) return answer(req, res, refusal);
  // A body we have not read (or not all of) cannot be skipped on a kept-alive connection: what is
  // left is read and dropped (bounded), then the answer goes out and the connection is closed.
  res.setHeader("Connection", "close");
  const declared = Number(req.headers["content-length"]);
  if (!(Number.isFinite(declared) && declared <= DRAIN_BYTES)) {
    lingerOnClose(req.socket);
    return answer(req, res, refusal);
  }
  let seen = 0;
  let answered = false;
  const finish = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    req.off("data", onData).off("end", finish).off("close", finish);
    answer(req, res, refusal);
  };
  const onData = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_BYTES) finish();
  };
  const timer = setTimeout(finish, DRAIN_MS);
  req.on("data", onData).once("end", finish).once("close", finish);
  req.resume();
}

/**
 * A "lingering close": once the answer is written, the connection is half-closed and what the
 * client still sends is read and dropped for up to LINGER_MS before it is closed. Closing at once
 * with the client's bytes unread makes the kernel reset the connection, and a client that is still
 * writing (a browser posting a big file) may then lose the answer and show "connection reset".
 */
function lingerOnClose(socket: Socket) {
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (this.writable) this.end();
    this.resume();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    this.once("close", () => clearTimeout(timer));
  };
}

function answer(req: ExpressRequest, res: ExpressResponse, refusal: Refusal) {
  if (res.destroyed) return;
  res.status(refusal.status);
  for (const [name, value] of Object.entries(refusal.headers ?? {})) res.setHeader(name, value);
  const wantsJson = /json/i.test(req.headers["content-type"] ?? "") || /application\/json/i.test(req.headers.accept ?? "");
  if (wantsJson) return void res.json({ error: refusal.error, message: refusal.message });
  if (req.path.endsWith(".data")) return void res.type("text/plain").send(refusal.message);
  res
    .type("html")
    .send(
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${refusal.status} · COE</title></head><body><main><h1>The request was refused</h1><p>${escapeHtml(refusal.message)}</p><p><a href="/coes">Back to the COE list</a></p></main></body></html>`,
    );
}
