#!/usr/bin/env bash
# Browser tests drive Debian's Chromium headless shell (no browser download works on these machines).
# Installs it when it is missing and we can; otherwise fails saying how. Never skips.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium-headless-shell}"
if [ -x "$chromium" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium not found at $chromium: installing Debian's chromium-headless-shell package…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null
  [ -x "$chromium" ] && exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $chromium and it is not installed.
Install it with:   sudo apt-get update && sudo apt-get install -y chromium-headless-shell
(or set CHROMIUM_PATH to another Chromium or Chrome binary), then run npm test again.
MSG
exit 1
