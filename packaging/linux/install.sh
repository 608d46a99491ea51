#!/bin/sh
# Installs the unpacked GESTCO bundle for the current user (no root needed):
# ~/.local/opt/gestco, a `gestco` command in ~/.local/bin, a menu entry and its icon.
# The shop's data stays in ~/.local/share/GESTCO and is never touched by (un)installing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix="${HOME}/.local"
rm -rf "${prefix}/opt/gestco"
mkdir -p "${prefix}/opt" "${prefix}/bin" "${prefix}/share/applications" "${prefix}/share/icons/hicolor/256x256/apps"
cp -R "${here}/gestco" "${prefix}/opt/gestco"
ln -sf "${prefix}/opt/gestco/gestco" "${prefix}/bin/gestco"
cp "${here}/gestco.desktop" "${prefix}/share/applications/gestco.desktop"
cp "${here}/gestco.png" "${prefix}/share/icons/hicolor/256x256/apps/gestco.png"
echo "GESTCO installed: run 'gestco' or find it in the applications menu."
