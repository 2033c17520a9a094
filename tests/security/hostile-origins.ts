/**
 * Where a forged request may claim to come from: the header sets a page elsewhere (or a tool)
 * could make a browser send, or send itself, to a server on `ours` ("http://127.0.0.1:PORT").
 * Each entry is the provenance headers only; the test adds the cookie and the body.
 */
export type HostileCase = { label: string; headers: [string, string][] };

export function hostileOrigins(ours: string): HostileCase[] {
  const { port, hostname } = new URL(ours);
  const p = Number(port);
  const origin = (value: string, label = `Origin ${JSON.stringify(value)}`): HostileCase => ({ label, headers: [["Origin", value]] });
  const referer = (value: string): HostileCase => ({ label: `no Origin, Referer ${JSON.stringify(value)}`, headers: [["Referer", value]] });
  return [
    // Opaque and empty origins: sandboxed frames, file: pages, data: URLs.
    origin("null"),
    origin(""),
    // The same host on other ports (another app on this machine), and the other name for loopback.
    origin(`http://${hostname}:${p + 1}`),
    origin(`http://${hostname}:${p - 1}`),
    origin(`http://${hostname}`),
    origin(`http://${hostname}:80`),
    origin(`http://localhost:${p}`),
    origin(`http://localhost:${p + 1}`),
    origin(`http://[::1]:${p}`),
    // Another scheme.
    origin(`https://${hostname}:${p}`),
    origin(`ws://${hostname}:${p}`),
    // Look-alike hosts.
    origin(`http://${hostname}.evil.example`),
    origin(`http://${hostname}.evil.example:${p}`),
    origin(`http://evil-${hostname}.example:${p}`),
    origin(`http://${hostname}:${p}.evil.example`),
    origin(`http://evil.example`),
    // Userinfo tricks.
    origin(`http://evil.example@${hostname}:${p}`),
    origin(`http://${hostname}:${p}@evil.example`),
    // Spellings a browser never sends for this origin.
    origin(`http://${hostname}.:${p}`),
    origin(`${ours}/`),
    origin(`${ours}/coes`),
    origin(ours.toUpperCase()),
    origin(ours.replace("http:", "HTTP:")),
    origin(`http://LOCALHOST:${p}`),
    origin(`http://${hostname}:0${p}`),
    origin(`${ours}0`),
    origin(`${ours}:${p}`),
    // No provenance at all.
    { label: "no Origin and no Referer", headers: [] },
    // Only a Referer, and a hostile one.
    referer("http://evil.example/"),
    referer(`http://${hostname}:${p + 1}/coes`),
    referer(`http://localhost:${p}/coes`),
    referer(`${ours}.evil.example/`),
    referer(`http://evil.example@${hostname}:${p}/`),
    referer(`http://evil.example/?from=${ours}/`),
    referer(ours.replace("http:", "HTTP:") + "/"),
    referer("null"),
    // Our Origin, but the browser says the request was started by another site.
    {
      label: "our Origin with Sec-Fetch-Site: cross-site",
      headers: [
        ["Origin", ours],
        ["Sec-Fetch-Site", "cross-site"],
      ],
    },
    {
      label: "our Origin with Sec-Fetch-Site: same-site",
      headers: [
        ["Origin", ours],
        ["Sec-Fetch-Site", "same-site"],
      ],
    },
    {
      label: "our Referer with Sec-Fetch-Site: cross-site",
      headers: [
        ["Referer", `${ours}/coes`],
        ["Sec-Fetch-Site", "cross-site"],
      ],
    },
    // A hostile Origin beside a Referer of ours: the Origin is what counts.
    {
      label: "Origin null with our Referer",
      headers: [
        ["Origin", "null"],
        ["Referer", `${ours}/coes`],
      ],
    },
    // More than one value.
    {
      label: "two Origin headers, ours first",
      headers: [
        ["Origin", ours],
        ["Origin", "http://evil.example"],
      ],
    },
    {
      label: "two Origin headers, ours second",
      headers: [
        ["Origin", "http://evil.example"],
        ["Origin", ours],
      ],
    },
    {
      label: "two Origin headers, both ours",
      headers: [
        ["Origin", ours],
        ["Origin", ours],
      ],
    },
    origin(`${ours}, http://evil.example`),
    origin(`http://evil.example ${ours}`),
    {
      label: "two Referer headers, ours first",
      headers: [
        ["Referer", `${ours}/coes`],
        ["Referer", "http://evil.example/"],
      ],
    },
    {
      label: "our Origin with two Sec-Fetch-Site headers",
      headers: [
        ["Origin", ours],
        ["Sec-Fetch-Site", "same-origin"],
        ["Sec-Fetch-Site", "cross-site"],
      ],
    },
  ];
}
