import type { Request as ExpressRequest, Response as ExpressResponse } from "express";

/** A request the HTTP server turns away before the app sees it. */
export type Refusal = { status: 405 | 403 | 413 | 415 | 400; error: string; message: string; headers?: Record<string, string> };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Answers in the form the caller reads: JSON to JSON callers, plain text to React Router's data
 * requests (its error page shows the text), a small page to a browser's plain form post.
 */
export function sendRefusal(req: ExpressRequest, res: ExpressResponse, refusal: Refusal) {
  res.status(refusal.status);
  for (const [name, value] of Object.entries(refusal.headers ?? {})) res.setHeader(name, value);
  // A body we have not read (or not all of) cannot be skipped on a kept-alive connection: Node reads
  // and drops what is left while the answer goes out, then closes the connection.
  if (!req.complete) res.setHeader("Connection", "close");
  const wantsJson = /json/i.test(req.headers["content-type"] ?? "") || /application\/json/i.test(req.headers.accept ?? "");
  if (wantsJson) return void res.json({ error: refusal.error, message: refusal.message });
  if (req.path.endsWith(".data")) return void res.type("text/plain").send(refusal.message);
  res
    .type("html")
    .send(
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${refusal.status} · COE</title></head><body><main><h1>The request was refused</h1><p>${escapeHtml(refusal.message)}</p><p><a href="/coes">Back to the COE list</a></p></main></body></html>`,
    );
}

