# Sourced by checks/run.sh and checks/render-diagrams.sh: Debian's Chromium and CJK fonts, then the npm packages
# exactly as package-lock.json pins them. Quiet unless something fails.

# Runs a command with its output held back; shows the output only if it fails.
quietly() {
  local log status=0
  log="$(mktemp)"
  "$@" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    cat "$log" >&2
    echo "failed ($status): $*" >&2
  fi
  rm -f "$log"
  return "$status"
}

quietly bash scripts/install-browser.sh
quietly npm ci --prefix checks --ignore-scripts --no-audit --no-fund --loglevel=error
