# Pandu: the two commands are `make run` and `make test`. Both install what is missing on a
# Debian 12 machine (run as root, or with sudo available), build, and go.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

# Debian packages: Tauri 2's build needs, then the desktop test's (virtual display, WebKit's
# WebDriver), the screenshot tooling and the browser the overlay pages are tested in; libdbus
# for the Secret Service the TikTok sessionid is kept in (src/secrets.rs); PostgreSQL, which the
# agency hub's tests start in a temporary folder (tests/common/postgres.rs).
APT_PACKAGES := libwebkit2gtk-4.1-dev libsoup-3.0-dev libayatana-appindicator3-dev librsvg2-dev \
	libdbus-1-dev libxdo-dev libssl-dev pkg-config build-essential xvfb xauth webkit2gtk-driver fonts-noto-color-emoji \
	chromium postgresql
# The Windows cross-build and its run under Wine (`make test-windows`).
APT_PACKAGES_WINDOWS := gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 wine64 curl
# Packaging (`make package`): dpkg-shlibdeps computes the .deb's dependencies.
APT_PACKAGES_PACKAGE := dpkg-dev fakeroot zip
# The benches' instruction counts (callgrind) and GNU grep, their baselines.
APT_PACKAGES_BENCH := valgrind grep
WINDOWS_TARGET := x86_64-pc-windows-gnu
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)
# Blank WebKitGTK windows under Xvfb otherwise.
export WEBKIT_DISABLE_COMPOSITING_MODE := 1

.PHONY: run test setup system-packages windows-packages package-packages toolchain ui-deps tauri-driver ui build lint \
	test-rust test-ui test-e2e test-pages test-soak test-windows windows icons package test-package bench soak fuzz clean

## run: set up, build, and open the app on the built-in demo stream (archive: ~/.local/share/pandu/pandu.db)
run: setup build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
		./target/debug/pandu-desktop --source demo; \
	else \
		echo "No display found: running Pandu on a virtual display (Xvfb). Its local server is up;"; \
		echo "see http://127.0.0.1:47800/api/health. Stop with Ctrl-C."; \
		xvfb-run -a ./target/debug/pandu-desktop --source demo; \
	fi

## test: set up, then run every test: lint, Rust unit + integration, UI (Vitest, svelte-check), desktop
## end-to-end, the overlay pages in headless Chromium, then the Windows cross-build with its CLI run
## under Wine
test: setup tauri-driver lint test-rust test-ui build test-e2e test-pages test-soak test-windows

setup: system-packages toolchain ui-deps

# Installs the Debian packages given that are not installed yet.
apt-install = missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

system-packages:
	@$(call apt-install,$(APT_PACKAGES))

windows-packages:
	@$(call apt-install,$(APT_PACKAGES_WINDOWS))
	@rustup target list --installed | grep -qx $(WINDOWS_TARGET) || rustup target add $(WINDOWS_TARGET)

package-packages:
	@$(call apt-install,$(APT_PACKAGES_PACKAGE))

toolchain:
	@command -v cargo >/dev/null || { echo "Rust is not installed: install it with rustup (https://rustup.rs), then run make again." >&2; exit 1; }
	@command -v node >/dev/null || { echo "Node.js 20.19 or newer is needed: install it, then run make again." >&2; exit 1; }
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' \
		|| { echo "Node.js $$(node --version) is too old: Vite needs 20.19 or newer." >&2; exit 1; }

# npm ci only when the lock file changed since the last install.
ui-deps: ui/node_modules/.package-lock.json
ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version '^2'

## ui: build every front end into ui/dist: the window (embedded in the desktop app) and the pages the
## local server serves (embedded in the pandu core), so it comes before any cargo build
ui: ui-deps
	cd ui && npm run build

## build: the desktop app and the pandu CLI
build: ui
	cargo build --workspace --bins

lint: ui
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cd ui && npm run format:check && npm run check

# `cargo test` also regenerates the TypeScript types (ts-rs) and the golden table the UI tests
# read (tests/golden.rs); in CI, committed files that differ from what the core generates fail
# the run.
GENERATED_FOR_UI := ui/src/lib/bindings ui/src/lib/golden
test-rust: ui
	cargo test --workspace
	@if [ "$${CI:-}" = true ] && [ -n "$$(git status --porcelain -- $(GENERATED_FOR_UI))" ]; then \
		echo "$(GENERATED_FOR_UI): out of date: run cargo test and commit the result" >&2; \
		git status --porcelain -- $(GENERATED_FOR_UI) >&2; exit 1; \
	fi

test-ui: ui-deps
	cd ui && npm test

## test-e2e: the real app under Xvfb, driven over WebDriver; screenshots in target/e2e/
test-e2e: tauri-driver build
	xvfb-run -a node --test tests/e2e/

## test-pages: the countdown overlay and the host view in headless Chromium (Debian's, driven by
## playwright-core) against `pandu serve`; screenshots in target/pages/
test-pages: build
	node --test tests/pages/

## windows: cross-build the desktop app and the CLI for Windows (x64, mingw) into
## target/x86_64-pc-windows-gnu/debug/, with WebView2Loader.dll beside pandu-desktop.exe
windows: windows-packages ui
	cargo build --target $(WINDOWS_TARGET) -p pandu --bin pandu
	cargo build --target $(WINDOWS_TARGET) -p pandu-desktop
	@packaging/webview2-loader.sh target/$(WINDOWS_TARGET)/debug

## test-windows: the Windows build, then its CLI under Wine: scan, serve (health, ingest, a tag, Ctrl-C), export, report, search, backup, the TikTok sessionid in the Credential Manager
test-windows: windows
	tests/windows/wine-smoke.sh target/$(WINDOWS_TARGET)/debug

## icons: every platform's icon (src-tauri/icons/) from src-tauri/icons/source.png, with Pillow
icons:
	@[ -x target/icons-venv/bin/python ] || python3 -m venv target/icons-venv
	@target/icons-venv/bin/python -c 'import PIL' 2>/dev/null || target/icons-venv/bin/pip install -q Pillow
	target/icons-venv/bin/python packaging/icons.py

## package: what a user downloads, into target/package/: pandu_VERSION_amd64.deb (desktop app and
## CLI) and pandu-VERSION-windows-x64.zip; release builds
package: setup package-packages windows-packages ui
	packaging/package.sh

## test-package: make package, install the .deb, start what it installed; check the zip (not in `make test`)
test-package: package
	packaging/test-package.sh

## test-soak: the soak below for one minute against the debug build (no request fails, every comment
## archived, file descriptors and threads flat after the warm-up); results in target/soak/test/
test-soak: build
	node --test tests/soak/

## soak: the release core at a busy live's pace for SOAK_MINUTES (default 360) with the overlay and the
## host view open in headless Chromium, memory and handles sampled; samples.csv and summary.md in
## target/soak/<start time>/. SOAK_DESKTOP=1: the desktop app under Xvfb, its WebView sampled too
SOAK_MINUTES ?= 360
soak: ui
	cargo build --release -p pandu --bin pandu $(if $(SOAK_DESKTOP),&& cargo build --release -p pandu-desktop)
	node tests/soak/soak.mjs --minutes $(SOAK_MINUTES) $(if $(SOAK_DESKTOP),--desktop)

## fuzz: every parser of untrusted input (ingest JSON, TikTok frames, templates and their images, run-sheet
## CSV, lexicon, settings, API bodies, comment text) fuzzed for FUZZ_SECONDS each (default 60) in a release
## build; `cargo test` runs the same targets for a fixed number of inputs. Failing inputs are written to
## target/fuzz-crashes/<target>/; fixed, they go to tests/fixtures/fuzz/<target>/ and are replayed first
FUZZ_SECONDS ?= 60
fuzz: ui
	PANDU_FUZZ_SECONDS=$(FUZZ_SECONDS) cargo test --release -p pandu --test fuzz_parsers -- --nocapture

## bench: archive throughput and engine latency, each against its baseline in the same run
bench: ui
	@$(call apt-install,$(APT_PACKAGES_BENCH))
	cargo bench -p pandu

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
