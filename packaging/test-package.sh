#!/usr/bin/env bash
# `make test-package` (after `make package`): installs the .deb as a user would, runs what it
# installed from /usr/bin, and checks the Windows zip's contents. Not part of `make test`: the
# release builds take too long for CI. Needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/package
sudo=$([ "$(id -u)" = 0 ] || echo sudo)
deb=$(ls "$out"/pandu_*_amd64.deb)
zip=$(ls "$out"/pandu-*-windows-x64.zip)
work=$(mktemp -d /tmp/pandu-package.XXXXXX)
app_pid=
cleanup() {
	[ -n "$app_pid" ] && kill -KILL "$app_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
passed=0
pass() { passed=$((passed + 1)); echo "package: ok   $1"; }
die() { echo "package: FAIL $1" >&2; for f in "${@:2}"; do [ -s "$f" ] && sed 's/^/    | /' "$f" >&2; done; exit 1; }

# 1. apt installs it, its dependencies resolved from the archive.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "./$deb" >"$work/apt.log" 2>&1 || die "apt install ./$deb" "$work/apt.log"
for f in /usr/bin/pandu /usr/bin/pandu-desktop /usr/share/applications/pandu.desktop \
	/usr/share/icons/hicolor/128x128/apps/pandu.png /usr/share/doc/pandu/copyright; do
	[ -e "$f" ] || die "$f not installed"
done
pass "apt install ./$deb ($(stat -c %s "$deb") bytes; Depends: $(dpkg-query -W -f='${Depends}' pandu))"

# 2. The CLI.
version=$(/usr/bin/pandu --version) || die "/usr/bin/pandu --version"
pass "/usr/bin/pandu --version: $version"

# 3. The desktop app on a virtual display, its local server answering; then SIGTERM.
export HOME="$work/home" WEBKIT_DISABLE_COMPOSITING_MODE=1
mkdir -p "$HOME"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
timeout 120 xvfb-run -a sh -c 'echo $$ >"$1/app.pid"; exec /usr/bin/pandu-desktop --source demo --port "$2" --db "$1/live.db"' \
	sh "$work" "$port" >"$work/app.out" 2>&1 &
runner=$!
health=
for _ in $(seq 120); do
	[ -s "$work/app.pid" ] && app_pid=$(cat "$work/app.pid")
	health=$(curl -s --max-time 2 "http://127.0.0.1:$port/api/health" || true)
	[ -n "$health" ] && break
	kill -0 "$runner" 2>/dev/null || break
	sleep 0.5
done
grep -q '"status":"ok"' <<<"$health" || die "/usr/bin/pandu-desktop: no /api/health on port $port within 60 s" "$work/app.out"
pass "/usr/bin/pandu-desktop --source demo --port $port under xvfb-run: /api/health -> $health"
kill -TERM "$app_pid"
for _ in $(seq 60); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
kill -0 "$app_pid" 2>/dev/null && die "pandu-desktop still running 30 s after SIGTERM" "$work/app.out"
app_pid=
wait "$runner" || true
[ -s "$work/live.db" ] || die "pandu-desktop left no archive at $work/live.db" "$work/app.out"
pass "SIGTERM stopped pandu-desktop; archive written ($(stat -c %s "$work/live.db") bytes)"

# 4. The Windows zip holds what a user needs to start the app.
listing=$(unzip -Z1 "$zip")
for f in pandu-desktop.exe pandu.exe WebView2Loader.dll README.txt; do
	grep -q "/$f\$" <<<"$listing" || die "$zip has no $f: $listing"
done
pass "$zip ($(stat -c %s "$zip") bytes): $(tr '\n' ' ' <<<"$listing")"

echo "package: $passed passed, 0 failed"
