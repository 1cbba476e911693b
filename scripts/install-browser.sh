#!/usr/bin/env bash
# Installs what the browser checks need and a fresh machine lacks: Debian's Chromium and CJK fonts (so Chinese
# labels render in screenshots). Needs root; does nothing when both are already there.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
chromium --version
