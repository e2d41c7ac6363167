#!/usr/bin/env bash
# `make bench` entry point; the driver is scripts/bench.py.
exec python3 "$(dirname "$0")/bench.py" "$@"
