#!/usr/bin/env bash
# The diagrams, decision tables and forms checked by the bpmn.io tools themselves:
#   bpmnlint   processes/*.bpmn, recommended rules and Camunda 7.24's (bpmnlint-plugin-camunda-compat), checks/.bpmnlintrc
#   dmnlint    processes/*.dmn, recommended rules, checks/.dmnlintrc
#   forms      forms/*.form in the form-js Viewer, and their fields against what the process reads (checks/forms.mjs)
#   diagrams   processes/*.bpmn drawn again with bpmn-js and compared with docs/*.svg (checks/render-diagrams.sh)
# One line per check when all is well; the tools' own report and a non-zero exit when not.
# usage: bash checks/run.sh   (from anywhere; .ci/run calls it)
set -euo pipefail
cd "$(dirname "$0")/.."
source checks/lib/setup.sh

failed=0

# Runs a linter from checks/ (where its rc file and plugins are) over the given files; summarises its report.
lint() {
  local tool="$1" what="$2" out status=0 counts
  shift 2
  out="$(cd checks && "node_modules/.bin/$tool" "$@" 2>&1)" || status=$?
  out="$(printf '%s\n' "$out" | sed 's/\x1b\[[0-9;]*m//g')"
  counts="$(printf '%s\n' "$out" | sed -n 's/.*(\([0-9]*\) errors\{0,1\}, \([0-9]*\) warnings\{0,1\}).*/\1 \2/p' | tail -n 1)"
  set -- ${counts:-0 0}
  if [ "$status" -ne 0 ] || [ "$1" -ne 0 ] || [ "$2" -ne 0 ]; then
    printf '%s\n' "$out" >&2
    echo "$tool: $what, $1 errors, $2 warnings (exit $status)" >&2
    failed=1
  else
    echo "$tool: $what, 0 errors, 0 warnings"
  fi
}

bpmn=(processes/*.bpmn)
dmn=(processes/*.dmn)
lint bpmnlint "${#bpmn[@]} diagrams (recommended, camunda-platform-7-24)" --max-warnings=0 "${bpmn[@]/#/../}"
lint dmnlint "${#dmn[@]} decision tables (recommended)" "${dmn[@]/#/../}"

node checks/forms.mjs || failed=1

# The drawings in docs/ must be the ones the diagrams give now. bpmn-js lays labels out with the fonts it finds,
# so this holds on machines with the same fonts (scripts/install-browser.sh installs them).
rendered="$(mktemp -d)"
trap 'rm -rf "$rendered"' EXIT
if summary="$(node checks/render-diagrams.mjs "$rendered")"; then
  stale=0
  for svg in "$rendered"/*.svg; do
    if ! cmp -s "$svg" "docs/$(basename "$svg")"; then
      echo "docs/$(basename "$svg") is not what processes/$(basename "$svg" .svg).bpmn draws now;" \
        "run bash checks/render-diagrams.sh and commit it" >&2
      stale=1
    fi
  done
  if [ "$stale" -eq 0 ]; then
    echo "$summary; docs/*.svg up to date"
  else
    failed=1
  fi
else
  failed=1
fi

if [ "$failed" -ne 0 ]; then
  echo "checks: FAILED" >&2
  exit 1
fi
