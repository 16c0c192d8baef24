#!/usr/bin/env bash
# Make sure a Chromium exists for the browser and JupyterLab tests; print which one. Order:
#   $CHROMIUM, /usr/bin/chromium (or chromium on PATH), Debian's package via apt-get (root or passwordless sudo),
#   Playwright's own download. Fails with a message otherwise: the browser tests never skip.
# Usage: tools/ensure_chromium.sh [venv-python]
set -euo pipefail
vpy=${1:-.venv/bin/python}

found() { echo "chromium: $1"; exit 0; }

if [ -n "${CHROMIUM:-}" ]; then
    [ -x "$CHROMIUM" ] && found "$CHROMIUM"
    echo "error: CHROMIUM=$CHROMIUM is not an executable file" >&2; exit 1
fi
[ -x /usr/bin/chromium ] && found /usr/bin/chromium
command -v chromium >/dev/null 2>&1 && found "$(command -v chromium)"

if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; fi
    fi
    if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
        echo "chromium: installing Debian's chromium package with apt-get"
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
        [ -x /usr/bin/chromium ] && found /usr/bin/chromium
    fi
fi

echo "chromium: trying Playwright's own Chromium download"
if "$vpy" -m playwright install chromium; then
    path=$("$vpy" -c 'from playwright.sync_api import sync_playwright
with sync_playwright() as p: print(p.chromium.executable_path)')
    [ -x "$path" ] && found "$path (Playwright)"
fi

cat >&2 <<'MSG'
error: no Chromium found and none could be installed. The browser and JupyterLab tests need one.
  Debian/Ubuntu: sudo apt-get install chromium   (then re-run)
  or set CHROMIUM=/path/to/chromium-or-chrome
MSG
exit 1
