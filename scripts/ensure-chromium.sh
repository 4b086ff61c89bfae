#!/usr/bin/env bash
# The browser tests drive Debian's chromium with Playwright (Playwright cannot download its
# own browser here). Install it when we can; otherwise say in one line what is missing.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "chromium ontbreekt: installeren met apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  [ -x "$CHROMIUM" ] && exit 0
fi
echo "chromium ontbreekt voor de browsertests: installeer het met 'sudo apt-get install chromium' (of zet CHROMIUM_PATH)." >&2
exit 1
