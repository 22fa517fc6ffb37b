#!/usr/bin/env bash
# The demo: real questions answered on the embedded Eurasia network.
set -euo pipefail
landbridge=${1:-build/app/landbridge}
run() { echo; echo "\$ landbridge $*"; "$landbridge" "$@"; }

run route Chongqing Duisburg
run route Chongqing Duisburg --avoid-country BY
run route Shanghai Rotterdam --optimize cost
run route Shanghai Rotterdam --optimize cost --avoid-passage bab-el-mandeb
run route Xian Duisburg --optimize generalized --alternatives 3

# Scenarios (docs/scenarios.md): the Red Sea closure of 2024 against the 2023 baseline, with the report.
run scenarios
run compare --scenario red-sea-closure --out build/compare-red-sea
echo "report: build/compare-red-sea/report.html"
