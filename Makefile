# ecsform — build, test, demo and benchmarks. Each target installs what it needs.
SHELL := /bin/bash
SWIFT ?= swift
BIN := .build/debug/ecsform
RELEASE_BIN := .build/release/ecsform
DEMO_DIR ?= $(shell mktemp -d /tmp/ecsform-demo.XXXXXX)

.PHONY: all build deps demo test bench clean

all: build

# System libraries the package links: libyaml (CYAML), SQLite (GRDB) and mimalloc (the
# ecsform binary's allocator, see Package.swift).
DEB_PACKAGES := libyaml-dev libsqlite3-dev libmimalloc-dev pkg-config
deps:
	@pkg-config --exists yaml-0.1 && pkg-config --exists sqlite3 \
	  && printf 'int main(void){return 0;}' | cc -x c - -lmimalloc -o /dev/null 2>/dev/null || { \
	  echo "installing $(DEB_PACKAGES)"; \
	  (apt-get update -qq && apt-get install -y -qq $(DEB_PACKAGES)) >/dev/null \
	  || sudo sh -c 'apt-get update -qq && apt-get install -y -qq $(DEB_PACKAGES)' >/dev/null; }
	@python3 -c 'import jsonschema, yaml' 2>/dev/null || pip install -q jsonschema PyYAML

build: deps
	$(SWIFT) build

demo: build
	@bash scripts/demo.sh $(BIN)

# The binary is built first: end-to-end tests run it the way a user does.
test: deps
	$(SWIFT) build
	$(SWIFT) test

# Release builds link the Swift runtime statically: it halves process start (no ld.so work
# for ~15 shared Swift libraries), which is a large part of a small validate or plan.
# Only the products the bench runs: GRDB's dynamic library product cannot link against
# the static runtime (bench.py builds ecsform-bench itself).
bench: deps
	$(SWIFT) build -c release --static-swift-stdlib --product ecsform
	@bash scripts/bench.sh

clean:
	rm -rf .build
