import { request } from "node:http";

export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * One HTTP request with exactly the headers given, in order, repeats included (fetch would merge
 * two Origin headers into one and add headers of its own). `headers` is a list of [name, value].
 */
export function sendRaw(
  origin: string,
  { method, path, headers = [], body }: { method: string; path: string; headers?: [string, string][]; body?: string },
): Promise<RawResponse> {
  // The request-target is sent exactly as given ("//evil.example/x" included); only the origin says where to connect, and that is loopback.
  const url = new URL(origin);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) throw new Error(`sendRaw sends to loopback only, not ${origin}`);
  const bytes = body === undefined ? undefined : Buffer.from(body);
  const raw = [["Host", url.host] as [string, string], ...headers, ...(bytes ? ([["Content-Length", String(bytes.length)]] as [string, string][]) : [])].flat();
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: raw, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
    req.on("error", reject);
    req.end(bytes);
  });
}
