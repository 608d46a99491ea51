#!/bin/sh
# Installs the unpacked GESTCO bundle for the current user (no root needed):
# ~/.local/opt/gestco, a `gestco` command in ~/.local/bin, a menu entry and its icon.
# The shop's data stays in ~/.local/share/GESTCO and is never touched by (un)installing.
# First it checks that this machine has the system libraries the bundle does not carry
# (system-libs.txt, "target"; the README's install section): if one is missing it says what
# to install and installs nothing. `install.sh --check` only checks.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
internal="$here/gestco/_internal"

# ldd over the executable and the X11 platform plugin (which links the most), with the
# bundle's own folders first as at run time: what remains "not found" is the machine's lack.
missing=$(
    LD_LIBRARY_PATH="$internal:$internal/PySide6/Qt/lib" \
        ldd "$here/gestco/gestco" "$internal/PySide6/Qt/plugins/platforms/libqxcb.so" \
            "$internal/PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so" 2>&1 |
        awk '$2 == "=>" && $3 == "not" {print $1} /version .GLIBC_.* not found/ {print "glibc"}' |
        sort -u
)
if [ -n "$missing" ]; then
    debian="" fedora="" unknown=""
    for soname in $missing; do
        if [ "$soname" = glibc ]; then
            unknown="$unknown
  the C library is older than the bundle needs (it needs GNU libc 2.35 or newer: Debian 12, Ubuntu 22.04, Fedora 36 or later)"
            continue
        fi
        line=$(awk -v s="$soname" '$1 == s {print $3, $4}' "$here/system-libs.txt")
        if [ -n "$line" ]; then
            debian="$debian ${line% *}" fedora="$fedora ${line#* }"
        else
            unknown="$unknown
  $soname: find its package with 'apt-file search $soname' or 'dnf provides */$soname'"
        fi
    done
    echo "GESTCO needs system libraries this machine lacks: $(echo $missing)" >&2
    [ -n "$debian" ] && echo "  Debian/Ubuntu:  sudo apt-get install$(printf '%s\n' $debian | sort -u | tr '\n' ' ' | sed 's/^/ /;s/ $//')" >&2
    [ -n "$fedora" ] && echo "  Fedora:         sudo dnf install$(printf '%s\n' $fedora | sort -u | tr '\n' ' ' | sed 's/^/ /;s/ $//')" >&2
    [ -n "$unknown" ] && echo "$unknown" >&2
    echo "Then run $0 again." >&2
    exit 1
fi
if [ "${1:-}" = "--check" ]; then
    echo "GESTCO can run here: every system library it needs is installed."
    exit 0
fi

prefix="${HOME}/.local"
rm -rf "${prefix}/opt/gestco"
mkdir -p "${prefix}/opt" "${prefix}/bin" "${prefix}/share/applications" "${prefix}/share/icons/hicolor/256x256/apps"
cp -R "${here}/gestco" "${prefix}/opt/gestco"
ln -sf "${prefix}/opt/gestco/gestco" "${prefix}/bin/gestco"
cp "${here}/gestco.desktop" "${prefix}/share/applications/gestco.desktop"
cp "${here}/gestco.png" "${prefix}/share/icons/hicolor/256x256/apps/gestco.png"
echo "GESTCO installed: run 'gestco' or find it in the applications menu."
