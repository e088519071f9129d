#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (/usr/bin/chromium) with playwright-core; no test tool
# downloads a browser of its own. Installs it with apt-get when missing and running as root.
set -euo pipefail
CHROMIUM="${BEZEL_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing; installing Debian's chromium package…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $CHROMIUM, and it is not installed.
Install it with:   sudo apt-get update && sudo apt-get install -y chromium
(or point BEZEL_CHROMIUM at a Chromium or Chrome binary), then run the tests again.
MSG
exit 1
