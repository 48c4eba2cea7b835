# Pulse: `make run` serves the demo on http://127.0.0.1:8080; `make test` runs
# the whole suite. Both install what they need on a fresh machine and skip
# what is already there.

SHELL := /bin/bash
.DEFAULT_GOAL := run

# wasm-bindgen-cli must be exactly the wasm-bindgen version Cargo.lock pins.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)
# Debian packages are installed with apt-get, as root or through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build bench bench-lighthouse bench-mail drill client server tools tools-apt tools-rust tools-npm tools-python lint clean

run: build
	./target/release/pulse serve --demo --bind 127.0.0.1:8080 --database sqlite://pulse.db --client-dir dist

test: client tools-python lint
	tests/run.sh

build: client server

bench: build
	tests/bench.sh

# Lighthouse's mobile performance score over five runs of each page (a
# timing, so measured here and written in the README, not asserted by tests).
bench-lighthouse: build
	cd tests/browser && LIGHTHOUSE_RUNS=5 PULSE_BIN=../../target/release/pulse node --test lighthouse.test.js

# Mail at scale: an update to 100,000 subscribers, then delivery to a local
# SMTP server; on SQLite, then on PostgreSQL when it answers.
BENCH_PG := postgres://postgres@127.0.0.1:5432
bench-mail: tools-python
	cargo test --locked --release -p pulse-server --test mail_bench -- --ignored --nocapture
	@if psql $(BENCH_PG)/postgres -qAt -c 'SELECT 1' >/dev/null 2>&1; then \
		psql $(BENCH_PG)/postgres -q -c 'DROP DATABASE IF EXISTS pulse_mail_bench' -c 'CREATE DATABASE pulse_mail_bench' && \
		PULSE_BENCH_DATABASE=$(BENCH_PG)/pulse_mail_bench \
			cargo test --locked --release -p pulse-server --test mail_bench -- --ignored --nocapture; \
	fi

# The scale-out drill for a minute: nginx (deploy/nginx.conf) in front of
# three instances on PostgreSQL, one killed and all restarted under load
# (server/tests/drill.rs; the suite runs it for twelve seconds).
DRILL_SECONDS ?= 60
drill: tools-apt tools-python
	@psql $(BENCH_PG)/postgres -qAt -c 'SELECT 1' >/dev/null 2>&1 || { echo "the drill needs PostgreSQL at $(BENCH_PG)" >&2; exit 1; }
	PULSE_TEST_DATABASE=postgres PULSE_TEST_POSTGRES_URL=$(BENCH_PG)/postgres PULSE_REQUIRE_POSTGRES=1 \
		PULSE_DRILL_SECONDS=$(DRILL_SECONDS) \
		cargo test --locked --release -p pulse-server --test drill -- --nocapture

server:
	cargo build --locked --release -p pulse-server

client: tools
	app/build.sh

tools: tools-apt tools-rust tools-npm

# nginx-light: the scale-out drill's proxy (deploy/nginx.conf); systemd: its
# systemd-analyze checks the deployment guide's unit (server/tests/guide.rs).
APT_PACKAGES := brotli chromium chromium-driver nginx-light systemd
tools-apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages: $$missing"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

tools-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
		echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (pinned by Cargo.lock)"; \
		cargo install wasm-bindgen-cli --version "=$(WASM_BINDGEN_VERSION)"; \
	fi

tools-npm:
	@[ -x app/node_modules/.bin/wasm-opt ] || (cd app && npm ci --no-audit --no-fund)
	@[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm ci --no-audit --no-fund)

# The tests' Python tools, in their own virtual environment, from PyPI at the
# versions and hashes tests/python/requirements.txt pins (made by
# pip-compile --generate-hashes from requirements.in): schemathesis for the
# API's property tests, aiosmtpd as the mail server the tests send to, and
# feedparser and icalendar to read the feeds as real readers do.
TEST_VENV := target/test-venv
tools-python:
	@if ! cmp -s tests/python/requirements.txt $(TEST_VENV)/requirements.txt; then \
		echo "installing the tests' Python tools (tests/python/requirements.txt)"; \
		rm -rf $(TEST_VENV) && python3 -m venv $(TEST_VENV) && \
		$(TEST_VENV)/bin/pip install --quiet --no-deps --require-hashes \
			--only-binary=:all: -r tests/python/requirements.txt && \
		cp tests/python/requirements.txt $(TEST_VENV)/requirements.txt; \
	fi

lint:
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings
	cargo clippy --locked -p pulse-app --target wasm32-unknown-unknown -- -D warnings

clean:
	rm -rf dist target app/node_modules
