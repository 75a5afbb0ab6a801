#!/usr/bin/env bash
# Headless Chromium for the audit report test (the HTML report is rendered, screenshotted and its DOM checked).
# Installs Debian's `chromium` package when no Chromium/Chrome is on PATH. Idempotent and quiet; fails soft: without
# root or apt the test skips and says why. Set AZR_CHROMIUM=<path> to use another binary.
set -uo pipefail

for candidate in "${AZR_CHROMIUM:-}" chromium chromium-browser google-chrome-stable google-chrome; do
  [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 && exit 0
done

if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "chromium: not installed and not root; the HTML report browser test will be skipped (apt-get install chromium)" >&2
    exit 0
  fi
else
  as_root=()
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: not installed and no apt-get; the HTML report browser test will be skipped" >&2
  exit 0
fi

echo "chromium: installing Debian's chromium package (apt)"
if ! ("${as_root[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium) >/dev/null 2>&1; then
  echo "chromium: apt-get install failed; the HTML report browser test will be skipped" >&2
fi
exit 0
