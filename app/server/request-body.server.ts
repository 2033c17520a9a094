import type { IncomingMessage } from "node:http";

/** What a request's body is, judged from its headers before a byte of it is read. */
export type BodyKind = "none" | "form" | "json" | "unsupported";

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/** An empty POST without a type is a plain "do it" (sign out); a declared type that is neither a form nor JSON is refused even when the body is empty. */
export function bodyKind(headers: IncomingMessage["headers"]): BodyKind {
  const hasBody = headers["transfer-encoding"] !== undefined || (headers["content-length"] !== undefined && headers["content-length"] !== "0");
  const type = mediaType(headers["content-type"]);
  if (!hasBody && !headers["content-type"]) return "none";
  if (FORM_TYPES.has(type)) return "form";
  if (type === "application/json") return "json";
  return "unsupported";
}

/** The client hung up before sending the whole body: nobody is left to answer, and nothing to log. */
export class ClientAbortedError extends Error {
  constructor() {
    super("the client closed the connection before sending the whole body");
  }
}

export type BodyRead = { ok: true; body: Buffer } | { ok: false };

/**
 * The whole body if it fits in `limit` bytes. A declared Content-Length over the limit is refused
 * without reading anything; a body without one (chunked) is read only until it passes the limit,
 * so memory never holds more than `limit` bytes of any request.
 */
export function readBodyWithin(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        req.pause();
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve({ ok: true, body: Buffer.concat(chunks, size) });
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => onError(new ClientAbortedError());
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}
