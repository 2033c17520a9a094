import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readFormValues, readJsonBody, requireFormValues } from "./form-body.server";

const post = (body: BodyInit, contentType?: string) =>
  new Request("http://t/x", { method: "POST", body, headers: contentType ? { "Content-Type": contentType } : {} });
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
const part = (name: string, value: string) => `--b0undary\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const MULTIPART = "multipart/form-data; boundary=b0undary";

describe("readFormValues", () => {
  it("reads urlencoded and multipart forms alike (the last of a repeated name wins)", async () => {
    expect(await readFormValues(post("a=1&b=x+y%21&a=2", "application/x-www-form-urlencoded"))).toEqual({ ok: true, value: { a: "2", b: "x y!" } });
    expect(await readFormValues(post(`${part("a", "1")}${part("b", "é ✓")}--b0undary--\r\n`, MULTIPART))).toEqual({ ok: true, value: { a: "1", b: "é ✓" } });
  });

  it("answers 415 to anything that is not a form: JSON, text, no type at all", async () => {
    for (const [body, type] of [
      ['{"a":1}', "application/json"],
      ["a=1", "text/plain"],
      ["a=1", undefined],
      ["<a/>", "application/xml"],
    ] as const) {
      expect(await readFormValues(post(body, type))).toMatchObject({ ok: false, status: 415 });
    }
  });

  it("answers 400 to broken %-escapes and invalid UTF-8 in a urlencoded body", async () => {
    for (const body of ["a=%", "a=%zz", "a=%E0%A4", "%=1", "a=%FF", "a=%C0%AF"])
      expect(await readFormValues(post(body, "application/x-www-form-urlencoded"))).toMatchObject({ ok: false, status: 400 });
    expect(await readFormValues(post(bytes("a=", [0xff, 0xfe]), "application/x-www-form-urlencoded"))).toMatchObject({ ok: false, status: 400 });
  });

  it("answers 400 to multipart without a boundary, with the wrong one, truncated, with invalid UTF-8 or with a file", async () => {
    const whole = `${part("intent", "header")}--b0undary--\r\n`;
    const cases: [BodyInit, string][] = [
      [whole, "multipart/form-data"],
      [whole, "multipart/form-data; boundary=other"],
      [whole, "multipart/form-data; boundary="],
      [whole.slice(0, whole.length - 9), MULTIPART],
      [whole.slice(0, 30), MULTIPART],
      ["", MULTIPART],
      ["garbage", MULTIPART],
      [bytes('--b0undary\r\nContent-Disposition: form-data; name="a"\r\n\r\n', [0xff, 0xfe, 0x41], "\r\n--b0undary--\r\n"), MULTIPART],
      ['--b0undary\r\nContent-Disposition: form-data; name="f"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b0undary--\r\n', MULTIPART],
    ];
    for (const [body, type] of cases)
      expect(await readFormValues(post(body, type)), `${type} ${String(body).slice(0, 60)}`).toMatchObject({ ok: false, status: 400 });
  });

  it("answers 400 to control characters in a name or a value, but keeps tabs and newlines", async () => {
    expect(await readFormValues(post("a=x%00y", "application/x-www-form-urlencoded"))).toMatchObject({ ok: false, status: 400 });
    expect(await readFormValues(post("a%1B=1", "application/x-www-form-urlencoded"))).toMatchObject({ ok: false, status: 400 });
    expect(await readFormValues(post(`${part("a", "x\u007fy")}--b0undary--\r\n`, MULTIPART))).toMatchObject({ ok: false, status: 400 });
    expect(await readFormValues(post("a=line%0D%0Anext%09tab", "application/x-www-form-urlencoded"))).toEqual({ ok: true, value: { a: "line\r\nnext\ttab" } });
  });

  it("requireFormValues throws the reason with the status", async () => {
    await expect(requireFormValues(post("{}", "application/json"))).rejects.toMatchObject({ init: { status: 415 } });
    await expect(requireFormValues(post("a=%", "application/x-www-form-urlencoded"))).rejects.toMatchObject({ init: { status: 400 } });
  });
});

describe("readJsonBody", () => {
  it("reads JSON of any shape; the route's schema judges it", async () => {
    expect(await readJsonBody(post('{"a":[1]}', "application/json"))).toEqual({ ok: true, value: { a: [1] } });
    expect(await readJsonBody(post("3", "application/json; charset=utf-8"))).toEqual({ ok: true, value: 3 });
  });
  it("answers 415 to a form or text, and 400 to broken JSON or UTF-8", async () => {
    expect(await readJsonBody(post("a=1", "application/x-www-form-urlencoded"))).toMatchObject({ ok: false, status: 415 });
    expect(await readJsonBody(post("{}", "text/plain"))).toMatchObject({ ok: false, status: 415 });
    for (const body of ["", "{", "{'a':1}", '{"a":1}x', "NaN", "\u0000"])
      expect(await readJsonBody(post(body, "application/json")), body).toMatchObject({ ok: false, status: 400 });
    expect(await readJsonBody(post(bytes('{"a":"', [0xc3, 0x28], '"}'), "application/json"))).toMatchObject({ ok: false, status: 400 });
  });
  it("does not overflow on deeply nested JSON", async () => {
    const deep = `${"[".repeat(500_000)}${"]".repeat(500_000)}`;
    const read = await readJsonBody(post(deep, "application/json"));
    expect(read.ok === true || read.status === 400).toBe(true);
  });
});

// ─── Every route reads its body through this module ─────────────────────────────────────────

const APP = fileURLToPath(new URL("..", import.meta.url));

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/**
 * Reading a body directly skips the answers above (415 for the wrong type, 400 for broken
 * encoding): `request.formData()` on a truncated multipart body throws, and that was a 500. The
 * Fetch API's body readers have no other use in a route, so any call of one is flagged, whatever
 * the request object is called (`Response.json(…)`, which builds an answer, is allowed); so is
 * touching `.body` of the request or cloning it.
 */
const DIRECT_READ =
  /\.\s*(formData|arrayBuffer|blob|bytes)\s*\(|(?<!\bResponse)\.\s*(json|text)\s*\(|\brequest\s*\.\s*(body|bodyUsed|clone)\b|\[\s*["'`](formData|json|text|arrayBuffer|blob|bytes|body)["'`]\s*\]/;

function directBodyReads(source: string): string[] {
  return source
    .split("\n")
    .map((line, i) => ({ line: line.replace(/\/\/.*$/, ""), n: i + 1 }))
    .filter(({ line }) => DIRECT_READ.test(line))
    .map(({ line, n }) => `${n}: ${line.trim()}`);
}

describe("route modules read request bodies only through form-body.server.ts", () => {
  it("the check recognises the ways of reading a body directly", () => {
    for (const line of [
      "const values = Object.fromEntries(await request.formData());",
      "const body = await request.json().catch(() => undefined);",
      "const raw = await args.request.text();",
      "const buf = await req.arrayBuffer();",
      "const reader = request.body.getReader();",
      'const form = await request["formData"]();',
      "const copy = request.clone();",
    ])
      expect(directBodyReads(line), line).toHaveLength(1);
    expect(directBodyReads("const read = await readFormValues(request); // not request.formData()")).toEqual([]);
    expect(directBodyReads("return Response.json({ ok: true });")).toEqual([]);
  });

  it("no route (nor the root) reads one itself", () => {
    const files = [...routeFiles(join(APP, "routes")), join(APP, "root.tsx")];
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.flatMap((file) => directBodyReads(readFileSync(file, "utf8")).map((hit) => `app/${relative(APP, file)}:${hit}`));
    expect(offenders, "read the body with readFormValues / readJsonBody / requireFormValues from ~/server/form-body.server").toEqual([]);
  });
});
