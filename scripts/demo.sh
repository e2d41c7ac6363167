#!/usr/bin/env bash
# make demo: validate stacks/demo (grows with the engine).
set -euo pipefail
BIN=${1:-.build/debug/ecsform}
"$BIN" validate stacks/demo
