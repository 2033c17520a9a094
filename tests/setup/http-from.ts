import { request, type IncomingHttpHeaders } from "node:http";

export type Reply = { status: number; headers: IncomingHttpHeaders; body: string };

export type SendInit = {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /**
   * The local address to connect from. On Linux all of 127.0.0.0/8 is on the loopback interface,
   * so a server bound to 127.0.0.1 sees a connection from 127.0.0.7 as another client. `fetch`
   * cannot bind, hence this helper.
   */
  from?: string;
};

/** One HTTP request on its own connection (no keep-alive), redirects not followed. */
export function send(url: string, { method = "GET", headers = {}, body, from }: SendInit = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { ...headers, Connection: "close" }, localAddress: from, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A same-origin form post (what the sign-in form sends with JavaScript off). */
export function postFormFrom(origin: string, path: string, fields: Record<string, string>, init: Omit<SendInit, "method" | "body"> = {}): Promise<Reply> {
  return send(`${origin}${path}`, {
    ...init,
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", ...init.headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The `name=value` pairs of a reply's Set-Cookie headers, as one Cookie header. */
export function cookiesOf(reply: Reply): string {
  return (reply.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
}
