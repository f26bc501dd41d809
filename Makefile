# GoProxy Assistant. `make run` launches the app; `make test` runs every test.
# Both install what is missing first (scripts/setup.sh) and are quiet when all is there.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eo pipefail -c
export PATH := $(CURDIR)/.venv/bin:$(CURDIR)/.tools/bin:$(PATH)
APP := target/debug/goproxy-assistant-app
# The Tauri CLI pinned in scripts/tauri-cli (installed by `scripts/setup.sh package`).
TAURI := node scripts/tauri-cli/node_modules/@tauri-apps/cli/tauri.js

.PHONY: run build app ui screenshots test test-rust test-dockerfile test-keyring test-docker test-ui test-e2e check bindings-check lint bench setup-run setup-test package package-check setup-package

setup-run:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

setup-package:
	@scripts/setup.sh package

# Linux packages with the Tauri bundler: target/release/bundle/deb/*.deb and .../rpm/*.rpm. The
# CLI is built first because both packages install it as /usr/bin/goproxy-assistant
# (bundle.linux.*.files). AppImage is left out: its bundler downloads tools at build time.
# A cold release build takes about 10 minutes on 2 cores, so this is not part of `make test`.
package: setup-package
	@cargo build --quiet --release --locked -p goproxy-assistant-cli
	$(TAURI) build --ci --bundles deb,rpm
	ls -l target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm

# Builds the packages, inspects them, then installs the .deb on this machine (root or sudo),
# drives the installed app to its Overview, checks the CLI and the URL scheme, and removes it
# (scripts/package-check.sh). Not part of `make test`: the release build is slow.
package-check: package setup-test
	@scripts/package-check.sh

ui:
	@npm --prefix ui run --silent build >/dev/null

# The app with the UI embedded (what `tauri build --debug --no-bundle` makes); commands no
# capability allows are compiled out, as the Tauri CLI does for `build.removeUnusedCommands`.
app: ui
	@REMOVE_UNUSED_COMMANDS="$(CURDIR)/src-tauri" cargo build --quiet -p goproxy-assistant-app --features custom-protocol

build: setup-run app
	@cargo build --quiet -p goproxy-assistant-cli

run: build
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then
		echo "No display found (DISPLAY and WAYLAND_DISPLAY are empty), so the window cannot open."
		echo "Use the CLI instead, for example:"
		echo "  target/debug/goproxy-assistant detect"
		echo "  target/debug/goproxy-assistant env set GOPROXY=https://goproxy.cn,direct"
		exit 1
	fi
	@exec $(APP)

# Every test: Rust unit + integration tests with the real go1.27 and go1.19, real keyring and
# Docker builds, generated types in sync, UI unit tests and lint, then the real app end to end under Xvfb.
test: setup-test
	@start=$$(date +%s)
	for suite in test-rust test-dockerfile test-keyring test-docker bindings-check test-ui lint test-e2e; do
		t0=$$(date +%s)
		$(MAKE) --no-print-directory $$suite
		echo "make test: $$suite took $$(( $$(date +%s) - t0 ))s"
	done
	echo "make test: all suites passed in $$(( $$(date +%s) - start ))s"

test-rust:
	@eval "$$(scripts/toolchains.sh)"
	cargo test --workspace --exclude goproxy-assistant-app --exclude e2e-tests

# Every generated Dockerfile of the golden matrix (kept in sync by the dockerfile_gen test):
# BuildKit's parser with structural assertions, hadolint clean at warning level and above.
test-dockerfile:
	@cargo test --quiet -p goproxy-core --test dockerfile_gen >/dev/null
	python tests/dockerfile/check_golden.py

# Private modules with real components: gnome-keyring in a private D-Bus session, go1.27 via
# GOAUTH, go1.19 via .netrc, git over git http-backend (the #[ignore]d tests in private_real.rs).
test-keyring:
	@scripts/keyring-tests.sh

# Regenerating the TypeScript types from Rust into a fresh directory must give the committed files.
bindings-check:
	@fresh=$$(mktemp -d)
	TS_RS_EXPORT_DIR=$$fresh cargo test --quiet -p goproxy-core --lib export_bindings >/dev/null
	if ! diff -r "$$fresh" ui/src/lib/bindings; then
		echo "Generated TypeScript types drifted from the Rust types: run 'cargo test -p goproxy-core' and commit ui/src/lib/bindings"
		rm -rf "$$fresh"; exit 1
	fi
	rm -rf "$$fresh"
	echo "bindings: generated TypeScript types match the Rust types"

# Real BuildKit builds of the generated Dockerfile on a Docker daemon of our own (own socket and
# data root), offline: private module through the netrc secret, module cache reuse, token scan.
test-docker:
	@scripts/docker-tests.sh

test-ui:
	@npm --prefix ui run --silent test

lint:
	@cargo fmt --all -- --check
	cargo clippy --quiet --workspace --all-targets -- -D warnings
	npm --prefix ui run --silent lint
	actionlint
	echo "lint: cargo fmt, clippy, eslint, prettier, svelte-check, actionlint clean"

test-e2e:
	@scripts/e2e.sh

# Refreshes the user guide's screenshots (docs/images/guide/<lang>/*.png) and the README's
# docs/screenshot.png from the real app; normal test runs never rewrite them.
screenshots: setup-test
	@E2E_IGNORED=1 scripts/e2e.sh --test guide
	E2E_UPDATE_SCREENSHOT=1 scripts/e2e.sh --test app fix_then_undo_round_trips_the_goenv_file
	du -ch docs/images/guide/*/*.png docs/screenshot.png | tail -n 1

bench: setup-test
	@cargo build --quiet --release -p goproxy-assistant-cli
	eval "$$(scripts/toolchains.sh)"
	scripts/bench-detect.sh
	scripts/bench-private.sh
	scripts/bench-startup.sh
	cargo bench --quiet -p mirror-sim --bench mirror_bench
	cargo bench --quiet -p mirror-sim --bench doctor_check
	cargo bench --quiet -p goproxy-core --bench doctor_log
	cargo bench --quiet -p goproxy-core --bench bundle_preview
	cargo bench --quiet -p goproxy-core --bench dockerfile_gen
