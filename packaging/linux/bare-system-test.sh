#!/usr/bin/env bash
# The built bundle on a bare Debian 12 system (make bundle-check, as root): a debootstrap
# minbase root with only the libraries the README says a target needs (bare-root.sh, cached),
# the bundle copied in, then inside it (chroot):
#   1. install.sh's check of the target's libraries passes;
#   2. `gestco --smoke` offscreen;
#   3. `gestco --smoke` on an X server this script starts (Xvfb, openbox as the desktop's
#      window manager);
#   4. `gestco` over demo data in a real window, a screenshot of that window saved to
#      $out/bare-window.png (and checked to show more than a blank frame), closed with Ctrl+Q.
# Usage: bare-system-test.sh [BUNDLE_DIR] [OUT_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle=$(cd "${1:-dist/gestco}" && pwd)
out=$(mkdir -p "${2:-dist/bare-test}" && cd "${2:-dist/bare-test}" && pwd)
fail() { echo "bare-system test: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot)"
tools="debootstrap:debootstrap Xvfb:xvfb openbox:openbox xdotool:xdotool import:imagemagick"
missing=""
for pair in $tools; do command -v "${pair%%:*}" >/dev/null || missing="$missing ${pair#*:}"; done
if [ -n "$missing" ]; then
    command -v apt-get >/dev/null || fail "missing tools:$missing"
    echo "bare-system test: installing$missing" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
fi

root=$("$here/bare-root.sh")
stage="$root/opt/gestco-under-test"
cleanup() {
    [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "${wm_pid:-}" ] && kill "$wm_pid" 2>/dev/null || true
    [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
    mountpoint -q "$root/proc" && umount "$root/proc"
    rm -rf "$stage" "$root/tmp/gestco-test"
}
trap cleanup EXIT
rm -rf "$stage" "$root/tmp/gestco-test"
mkdir -p "$stage" "$root/tmp/gestco-test/home" "$root/tmp/gestco-test/data"
cp -a "$bundle" "$stage/gestco"
cp "$here/install.sh" "$here/system-libs.txt" "$stage/"
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"  # the bootloader reads /proc/self/exe

# A clean environment inside: no variable of the build machine leaks into the bare system.
inside() {
    chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=/tmp/gestco-test/home \
        GESTCO_DATA_DIR=/tmp/gestco-test/data "$@"
}
app=/opt/gestco-under-test/gestco/gestco

echo "bare-system test: $(cat "$root/etc/gestco-bare-root")"
inside sh /opt/gestco-under-test/install.sh --check || fail "install.sh --check refused the bare system"

log="$out/smoke-offscreen.log"
inside QT_QPA_PLATFORM=offscreen "$app" --smoke >"$log" 2>&1 || { cat "$log" >&2; fail "offscreen smoke failed"; }
grep -q "smoke: ok" "$log" || { cat "$log" >&2; fail "offscreen smoke did not show its window"; }
echo "bare-system test: offscreen smoke: ok"

# Xvfb picks a free display and writes its number on fd 3: no clash with another X server.
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$out/display" 2>"$out/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$out/display" ] && break; sleep 0.1; done
[ -s "$out/display" ] || fail "Xvfb did not start (see $out/xvfb.log)"
display=":$(cat "$out/display")"
DISPLAY=$display openbox >"$out/openbox.log" 2>&1 &
wm_pid=$!
# The X socket is Linux's abstract one (@/tmp/.X11-unix/X<n>): reachable from the chroot.

log="$out/smoke-x11.log"
inside DISPLAY="$display" "$app" --smoke >"$log" 2>&1 || { cat "$log" >&2; fail "smoke in a real window failed"; }
grep -q "smoke: ok" "$log" || { cat "$log" >&2; fail "smoke in a real window did not show it"; }
! grep -i "could not load the qt platform plugin\|cannot find font\|not found" "$log" \
    || fail "the real-window smoke complained (see $log)"
echo "bare-system test: smoke in a real window ($display): ok"

inside "$app" --db /tmp/gestco-test/data/shop.sqlite3 demo --orders 300 --clients 60 >/dev/null \
    || fail "demo data from the bundle failed"
log="$out/window.log"
inside DISPLAY="$display" "$app" --db /tmp/gestco-test/data/shop.sqlite3 >"$log" 2>&1 &
app_pid=$!
# Wait for the window (a bound on a hang, not a speed test), then for it to be painted.
window=$(DISPLAY=$display timeout 120 xdotool search --sync --onlyvisible --name '^GESTCO') \
    || { cat "$log" >&2; fail "no GESTCO window appeared"; }
window=$(echo "$window" | head -n1)
# The sign-in page: the demo's administrator signs in with the keyboard (argon2id through the
# bundle's own _cffi_backend), and the screens behind it are what gets painted.
DISPLAY=$display xdotool windowactivate --sync "$window" >/dev/null 2>&1 || true
sleep 1  # the page's first paint; the audit trail below is what proves the sign-in
DISPLAY=$display xdotool type --delay 30 admin
DISPLAY=$display xdotool key Return
DISPLAY=$display xdotool type --delay 30 admin
DISPLAY=$display xdotool key Return
shot="$out/bare-window.png"
for _ in $(seq 120); do
    DISPLAY=$display xdotool windowactivate --sync "$window" >/dev/null 2>&1 || true
    import -display "$display" -window root "$shot"
    colours=$(convert "$shot" -format %k info:)
    [ "$colours" -gt 200 ] && break  # anti-aliased text and the icons, not a blank frame
    sleep 0.5
done
[ "$colours" -gt 200 ] || fail "the window stayed blank ($colours colours, see $shot)"
geometry=$(DISPLAY=$display xdotool getwindowgeometry "$window" | sed -n 's/.*Geometry: //p')
echo "bare-system test: window $geometry, $colours colours: $shot"
DISPLAY=$display xdotool key --window "$window" --clearmodifiers ctrl+q
wait "$app_pid" || { cat "$log" >&2; fail "the window did not quit cleanly"; }
app_pid=""
! grep -i "could not load\|not found\|traceback" "$log" || fail "the window complained (see $log)"
inside "$app" --db /tmp/gestco-test/data/shop.sqlite3 audit --operator admin >"$out/audit.txt" 2>&1 \
    || { cat "$out/audit.txt" >&2; fail "the audit trail could not be read"; }
grep -q "admin@.* sign_in" "$out/audit.txt" \
    || { tail -5 "$out/audit.txt" >&2; fail "the administrator's sign-in in the window is not in the audit trail"; }
echo "bare-system test: signed in as the demo's admin in the window (audit trail)"
echo "bare-system test: ok"
