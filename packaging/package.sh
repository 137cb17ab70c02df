#!/usr/bin/env bash
# `make package`: what a user downloads, from release builds, into target/package/:
#   pandu_VERSION_amd64.deb           the desktop app and the CLI, for Debian 12 / Ubuntu
#   pandu-VERSION-windows-x64.zip     pandu-desktop.exe, pandu.exe, WebView2Loader.dll, README.txt
# Run from the repository root after `make ui` (the window's assets are embedded at compile time);
# the Makefile does both.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(cargo metadata --no-deps --format-version 1 \
	| python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "pandu"))')
windows=x86_64-pc-windows-gnu
out=target/package
[ -f ui/dist/index.html ] || { echo "ui/dist is missing: run make ui first" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
seconds() { date +%s; }
started=$(seconds)

echo "== release builds, Linux and Windows ($version)"
# Two commands per platform: `--bin pandu` would also filter pandu-desktop's targets away.
for target in "" "--target $windows"; do
	# shellcheck disable=SC2086 # $target is empty or two words
	cargo build --release $target -p pandu --bin pandu
	# shellcheck disable=SC2086
	cargo build --release $target -p pandu-desktop
done
packaging/webview2-loader.sh "target/$windows/release"
built=$(seconds)

echo "== $out/pandu_${version}_amd64.deb"
root="$out/deb"
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/doc/pandu"
install -m 755 -s target/release/pandu-desktop target/release/pandu "$root/usr/bin/"
install -m 644 packaging/pandu.desktop "$root/usr/share/applications/pandu.desktop"
for icon in 32x32:32x32.png 128x128:128x128.png 256x256:128x128@2x.png 512x512:icon.png; do
	install -D -m 644 "src-tauri/icons/${icon#*:}" "$root/usr/share/icons/hicolor/${icon%%:*}/apps/pandu.png"
done
install -m 644 packaging/copyright "$root/usr/share/doc/pandu/copyright"
# The libraries the two binaries link to, as Debian packages (dpkg-shlibdeps wants a
# debian/control to sit in; a stub one in a scratch folder will do).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/debian" && printf 'Source: pandu\n\nPackage: pandu\nArchitecture: amd64\n' >"$scratch/debian/control"
depends=$(cd "$scratch" && dpkg-shlibdeps -O -e"$OLDPWD/$root/usr/bin/pandu-desktop" -e"$OLDPWD/$root/usr/bin/pandu" 2>/dev/null \
	| sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; exit 1; }
cat >"$root/DEBIAN/control" <<EOF
Package: pandu
Version: $version
Architecture: amd64
Maintainer: The Pandu authors <pandu@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Section: net
Priority: optional
Description: desktop co-host for TikTok LIVE sellers
 Pandu sits beside the stream and watches every comment: it flags forbidden words and rival
 brands (also spelled to dodge filters), off-platform deals, spam and fake accounts, with the
 code word to say instead, and archives every live in a local SQLite file. Nothing leaves the
 machine. It reads a TikTok LIVE directly or through TikFinity or Social Stream Ninja, and has a
 built-in demo live to rehearse with.
 .
 This package holds the desktop app (pandu-desktop) and the command line (pandu: serve, scan,
 check-script, export).
EOF
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/pandu_${version}_amd64.deb" >/dev/null
rm -rf "$root"

echo "== $out/pandu-$version-windows-x64.zip"
folder="pandu-$version-windows-x64"
stage="$out/$folder"
mkdir -p "$stage"
for exe in pandu-desktop.exe pandu.exe; do
	x86_64-w64-mingw32-strip -o "$stage/$exe" "target/$windows/release/$exe"
done
cp "target/$windows/release/WebView2Loader.dll" "$stage/"
sed "s/@VERSION@/$version/" packaging/README-windows.txt | sed 's/$/\r/' >"$stage/README.txt"
(cd "$out" && zip -q -9 -r "$folder.zip" "$folder")
rm -rf "$stage"

finished=$(seconds)
echo "== done: builds $((built - started)) s, packing $((finished - built)) s"
dpkg-deb --info "$out/pandu_${version}_amd64.deb" | sed -n 's/^ \(Version\|Installed-Size\|Depends\):/  \1:/p'
ls -l "$out"
