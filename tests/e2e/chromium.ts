/**
 * Debian's chromium, launched the way this machine needs (no browser download, closed network).
 * No "--headless" here: Playwright adds it itself.
 *
 * The headless shell (Debian's chromium-headless-shell: the same Chromium without the desktop
 * browser around it, what Playwright itself runs headless) takes a quarter less time per test than
 * the full browser in headless mode, most of it CPU of this 2-core machine.
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

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell";
