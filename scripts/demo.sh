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
