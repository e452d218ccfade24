#!/usr/bin/env bash
# Checks a .deb built by jpackage-installers.sh without installing it: unpacks it with `dpkg -x` into a temporary
# folder, checks the desktop entry (the only one the postinst puts in the menu), icon, both launchers and the PATH link of its postinst, then starts the
# explorer's launcher on a virtual display and saves a screenshot of its window.
# Usage: packaging/check-deb.sh FILE.deb [SCREENSHOT.png] [SECONDS]
# Needs (named, never installed): dpkg, Xvfb, xdotool and ImageMagick's import (Debian: sudo apt-get install xvfb
# xdotool imagemagick libgtk-3-0).
set -euo pipefail
deb=${1:?usage: packaging/check-deb.sh FILE.deb [SCREENSHOT.png] [SECONDS]}
shot=${2:-launcher.png}
settle=${3:-40}
for tool in dpkg dpkg-deb Xvfb xdotool import; do
  command -v $tool >/dev/null || { echo "error: check-deb.sh needs $tool (see the comment at the top)" >&2; exit 2; }
done
root=$(mktemp -d)
home=$(mktemp -d)
disp=:$(( 100 + RANDOM % 50 ))
cleanup() { [ -n "${app:-}" ] && kill -- -"$app" 2>/dev/null; [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null; rm -rf "$root" "$home"; }
trap cleanup EXIT
echo "$(basename "$deb"): $(du -h "$deb" | cut -f1) ($(stat -c %s "$deb") bytes)"
dpkg -x "$deb" "$root"
app_dir="$root/opt/dualpath-explorer"
for f in bin/DualPathExplorer bin/dualpath lib/DualPathExplorer.png lib/app/dualpath.jar lib/app/assets/models/shapes-demo.zip; do
  [ -e "$app_dir/$f" ] || { echo "error: $f is missing from the package" >&2; exit 1; }
done
desktop="$app_dir/lib/dualpath-explorer-DualPathExplorer.desktop"
grep -q '^Exec=/opt/dualpath-explorer/bin/DualPathExplorer' "$desktop" && grep -q '^Icon=' "$desktop" \
  || { echo "error: $desktop lacks Exec or Icon" >&2; exit 1; }
# jpackage 17 also writes an entry for the `dualpath` launcher into lib/; the postinst puts only the explorer's in the menu
menu=$(dpkg-deb -I "$deb" postinst | sed -n 's/^ *xdg-desktop-menu install //p')
[ "$menu" = "${desktop#$root}" ] || { echo "error: the postinst should put the explorer alone in the menu, it installs: $menu" >&2; exit 1; }
dpkg-deb -I "$deb" postinst | grep -q 'ln -sf /opt/dualpath-explorer/bin/dualpath /usr/bin/dualpath' \
  || { echo "error: the postinst does not put dualpath on the PATH" >&2; exit 1; }
echo "contents: both launchers, one menu entry $(basename "$desktop"), icon, demo model, dualpath linked into /usr/bin"
"$app_dir/bin/dualpath" --version
# a fresh home: the explorer generates its demo dataset and remembers nothing of the user's own sessions
Xvfb "$disp" -screen 0 1600x1000x24 >/dev/null 2>&1 & xvfb=$!
( export DISPLAY=$disp HOME=$home JAVA_TOOL_OPTIONS="-Duser.home=$home"; cd "$home"; exec setsid "$app_dir/bin/DualPathExplorer" >"$home/launcher.log" 2>&1 ) & app=$!
win=""
for _ in $(seq 1 90); do
  sleep 1
  win=$(DISPLAY=$disp xdotool search --onlyvisible --name 'DualPath Explorer' 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  kill -0 "$app" 2>/dev/null || break
done
[ -n "$win" ] || { echo "error: no window appeared; the launcher printed:" >&2; tail -20 "$home/launcher.log" >&2; exit 1; }
sleep "$settle"
DISPLAY=$disp import -window root "$shot"
echo "window: $(DISPLAY=$disp xdotool getwindowname "$win"); screenshot: $shot (look at it)"
