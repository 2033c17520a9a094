import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatBytes, readFileWithin } from "./read-within-limit";

const dir = mkdtempSync(join(tmpdir(), "coe-read-limit-"));

describe("readFileWithin", () => {
  it("reads a file of exactly the limit, refuses one byte more", () => {
    const file = join(dir, "ten.json");
    writeFileSync(file, "0123456789");
    expect(readFileWithin(file, 10, "IMPORT_LIMIT")).toEqual({ ok: true, text: "0123456789" });
    expect(readFileWithin(file, 9, "IMPORT_LIMIT")).toEqual({
      ok: false,
      error: `${file} is 10 bytes, more than the limit of 9 bytes (IMPORT_LIMIT); nothing was imported`,
    });
  });

  it("stops reading what has no size (a device, a pipe) once it passes the limit", () => {
    expect(readFileWithin("/dev/zero", 1024, "IMPORT_LIMIT")).toEqual({
      ok: false,
      error: "/dev/zero is larger than the limit of 1 KB (IMPORT_LIMIT); nothing was imported",
    });
    expect(readFileWithin("/dev/null", 1024, "IMPORT_LIMIT")).toEqual({ ok: true, text: "" });
  });

  it("says why a file cannot be read", () => {
    expect(readFileWithin(join(dir, "missing.json"), 10, "IMPORT_LIMIT")).toEqual({ ok: false, error: `cannot read ${join(dir, "missing.json")}: ENOENT` });
    expect(readFileWithin(dir, 10, "IMPORT_LIMIT")).toEqual({ ok: false, error: `cannot read ${dir}: EISDIR` });
  });

  it("formats sizes in the units IMPORT_LIMIT is written in", () => {
    expect([formatBytes(999), formatBytes(1024), formatBytes(1536), formatBytes(10 * 1024 ** 2), formatBytes(20 * 1024 ** 3)]).toEqual([
      "999 bytes",
      "1 KB",
      "1.5 KB",
      "10 MB",
      "20 GB",
    ]);
  });
});
