#!/usr/bin/env bash
# Prints the path of a bare Debian 12 root (debootstrap minbase) holding only the libraries
# packaging/linux/system-libs.txt marks "target" (what the README says a target machine
# needs), building it the first time. Cached under $GESTCO_BARE_ROOT_CACHE (default
# ~/.cache/gestco/bare-roots): building takes minutes, reusing it a second; the cache key
# changes when the package list does, so an outdated root is never reused.
# Needs root (debootstrap, chroot) and Debian's mirror ($GESTCO_DEBIAN_MIRROR).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
suite=bookworm
mirror=${GESTCO_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${GESTCO_BARE_ROOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gestco/bare-roots}
packages=$(awk '!/^#/ && $2 == "target" {print $3}' "$here/system-libs.txt" | sort -u | paste -sd, -)
key=$(printf '%s %s minbase %s v1' "$suite" "$mirror" "$packages" | sha256sum | cut -c1-12)
root="$cache/$suite-$key"
if [ -x "$root/bin/sh" ] && [ -f "$root/etc/gestco-bare-root" ]; then
    echo "$root"
    exit 0
fi
command -v debootstrap >/dev/null || { echo "bare-root: debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }
mkdir -p "$cache"
building="$cache/.building-$key-$$"
trap 'rm -rf "$building"' EXIT
echo "bare-root: debootstrap $suite (minbase + $packages) into $root; takes a few minutes" >&2
debootstrap --variant=minbase --include="$packages" "$suite" "$building" "$mirror" >&2
rm -rf "$building"/var/cache/apt/archives/*.deb "$building"/var/lib/apt/lists/*
echo "$suite minbase + $packages" > "$building/etc/gestco-bare-root"
mv "$building" "$root"
trap - EXIT
echo "$root"
