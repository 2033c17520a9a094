/**
 * Debian's chromium, launched the way this machine needs (no browser download, closed network).
 * No "--headless" here: Playwright adds it itself.
 */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
