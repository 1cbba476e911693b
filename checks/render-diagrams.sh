#!/usr/bin/env bash
# Draws every processes/*.bpmn to docs/<name>.svg with bpmn-js, as Camunda Modeler draws it. Run it after changing
# a diagram and commit the SVGs; checks/run.sh fails while they are out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
source checks/lib/setup.sh
node checks/render-diagrams.mjs docs
