#!/usr/bin/env bash
# Makes sure WebView2Loader.dll sits beside pandu-desktop.exe in a Windows target folder
# (target/x86_64-pc-windows-gnu/{debug,release}). The exe imports it at load time, so Windows
# will not start the app without it. webview2-com-sys's build script unpacks Microsoft's loader
# into its OUT_DIR and, for the gnu target, copies it to the target folder; this checks that,
# and copies the x64 one from the newest OUT_DIR if it is missing.
set -euo pipefail
dir=${1:?usage: webview2-loader.sh TARGET_PROFILE_DIR}
[ -f "$dir/pandu-desktop.exe" ] || { echo "$dir/pandu-desktop.exe missing: build it first" >&2; exit 1; }
if [ ! -f "$dir/WebView2Loader.dll" ]; then
	found=$(ls -t "$dir"/build/webview2-com-sys-*/out/x64/WebView2Loader.dll 2>/dev/null | head -1)
	[ -n "$found" ] || { echo "no WebView2Loader.dll under $dir/build/webview2-com-sys-*/out/x64/" >&2; exit 1; }
	cp "$found" "$dir/WebView2Loader.dll"
fi
echo "$dir: pandu-desktop.exe, WebView2Loader.dll ($(stat -c %s "$dir/WebView2Loader.dll") bytes)"
