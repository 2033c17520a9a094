import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** 10485760 → "10 MB", 1536 → "1.5 KB" (1 MB = 1024 KB, as IMPORT_LIMIT counts). */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ["GB", 1024 ** 3],
    ["MB", 1024 ** 2],
    ["KB", 1024],
  ] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

export type ReadResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * Reads `file` as UTF-8 only if it holds at most `limit` bytes. A regular file's size is checked
 * before anything is read; anything else (a pipe, /dev/zero, a file still growing) is read in
 * chunks and abandoned as soon as it passes the limit, so memory never holds more than the limit.
 */
export function readFileWithin(file: string, limit: number, limitName: string): ReadResult {
  const tooBig = (size?: number) => ({
    ok: false as const,
    error: `${file} is ${size === undefined ? "larger than" : `${formatBytes(size)}, more than`} the limit of ${formatBytes(limit)} (${limitName}); nothing was imported`,
  });
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    return { ok: false, error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > limit) return tooBig(stat.size);
    const buffer = Buffer.alloc(Math.min(limit + 1, stat.isFile() ? stat.size + 1 : 64 * 1024));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      total += read;
      if (total > limit) return tooBig();
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString("utf8") };
  } catch (e) {
    return { ok: false, error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  } finally {
    closeSync(fd);
  }
}
