"""The system libraries GESTCO's window needs on Linux, checked before they are missed.

    python packaging/system_libs.py run-check            # `make run`: Qt's xcb plugin can load
    python packaging/system_libs.py build-deps           # `make bundle`: what the spec collects
    python packaging/system_libs.py check-bundle DIR     # `make bundle-check`: libraries, size
    python packaging/system_libs.py check-bundle DIR --write   # after a deliberate change

Which library is the target's and which the bundle's, and the packages that hold them, are
kept in packaging/linux/system-libs.txt (read by gestco.spec and install.sh too). Standard
library only: it runs before the virtual environment has anything in it.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLE = HERE / "linux" / "system-libs.txt"
BUNDLED_LIST = HERE / "linux" / "bundled-libs.txt"
SPEC = HERE.parent / "gestco.spec"
# Files the bundle must carry besides its libraries: without the catalogues it would start
# in English on a French desk (the spec once dropped gestco_fr.qm by a too-wide pattern).
REQUIRED_FILES = (
    "resources/translations/gestco_fr.qm",
    "PySide6/Qt/translations/qtbase_fr.qm",
    "resources/icons/gestco.svg",
    "resources/styles/gestco.qss",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
)
SHARED_LIBRARY = re.compile(r"\.so(\.[0-9.]+)?$")


@dataclass(frozen=True)
class SystemLib:
    soname: str
    kind: str  # "target" (the machine's own) or "bundle" (collected into the bundle)
    debian: str
    fedora: str


def load_table(path: Path = TABLE) -> dict[str, SystemLib]:
    libs: dict[str, SystemLib] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        soname, kind, debian, fedora = fields
        if kind not in ("target", "bundle"):
            raise ValueError(f"{path}: {soname}: kind must be target or bundle, not {kind}")
        libs[soname] = SystemLib(soname, kind, debian, fedora)
    return libs


def not_found(ldd_output: str) -> list[str]:
    """The sonames ldd could not resolve ("libxcb-cursor.so.0 => not found"), in order."""
    found = re.findall(r"^\s*(\S+)\s+=>\s+not found", ldd_output, flags=re.MULTILINE)
    return list(dict.fromkeys(found))


def install_hint(sonames: list[str], table: dict[str, SystemLib]) -> str:
    """The exact commands that install `sonames`, for Debian/Ubuntu and for Fedora."""
    known = [table[name] for name in sonames if name in table]
    unknown = [name for name in sonames if name not in table]
    lines = []
    if known:
        debian = " ".join(dict.fromkeys(lib.debian for lib in known))
        fedora = " ".join(dict.fromkeys(lib.fedora for lib in known))
        lines += [
            f"  Debian/Ubuntu:  sudo apt-get install {debian}",
            f"  Fedora:         sudo dnf install {fedora}",
        ]
    for name in unknown:
        lines.append(
            f"  {name}: find its package with `apt-file search {name}` or `dnf provides '*/{name}'`"
        )
    return "\n".join(lines)


def ldd(path: Path) -> str:
    result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False)
    return result.stdout + result.stderr


def qxcb_plugin() -> Path | None:
    """PySide6's xcb platform plugin in this environment (found without importing Qt)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt/plugins/platforms/libqxcb.so"
    return plugin if plugin.exists() else None


def needs_xcb(environ: dict[str, str]) -> str:
    """Whether Qt will open its window through the xcb plugin: "yes" (an X display and no
    other platform chosen), "maybe" (a Wayland session: Qt tries Wayland first from the
    sources, and falls back to X11), or "no" (no display, or offscreen/another platform)."""
    platform = environ.get("QT_QPA_PLATFORM", "").strip()
    if not environ.get("DISPLAY") or (platform and "xcb" not in platform):
        return "no"
    if platform.startswith("xcb"):
        return "yes"
    wayland = environ.get("WAYLAND_DISPLAY") or environ.get("XDG_SESSION_TYPE") == "wayland"
    return "maybe" if wayland else "yes"


def run_check(environ: dict[str, str], plugin: Path | None) -> int:
    """0 when the window can open (or no X11 window is wanted); 1 with the install commands
    when Qt would abort for want of a library (a Wayland session only gets the warning)."""
    needed = needs_xcb(environ)
    if needed == "no" or plugin is None or shutil.which("ldd") is None:
        return 0
    missing = not_found(ldd(plugin))
    if not missing:
        return 0
    print(
        "GESTCO cannot open an X11 window: Qt's X11 platform plugin (xcb) needs system "
        f"libraries that are missing here: {', '.join(missing)}.\nInstall them:\n"
        f"{install_hint(missing, load_table())}\n"
        "(QT_QPA_PLATFORM=offscreen starts it without a window.)",
        file=sys.stderr,
    )
    return 1 if needed == "yes" else 0


def ldconfig_sonames() -> set[str]:
    """The 64-bit sonames the dynamic linker's cache knows on this machine."""
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    output = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=True).stdout
    return {line.split()[0] for line in output.splitlines()[1:] if "x86-64" in line}


def build_deps(install: bool) -> int:
    """Every library the spec collects is on this machine; as root, apt-get installs the
    missing ones; otherwise the build stops naming them (a bundle built without them would
    abort on a desktop that lacks them too)."""
    table = load_table()
    present = ldconfig_sonames()
    missing = [lib.soname for lib in table.values() if lib.soname not in present]
    if not missing:
        return 0
    packages = sorted({table[name].debian for name in missing})
    if install and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"bundle: installing what it collects: {' '.join(packages)}", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        command = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]
        subprocess.run(command, check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        return 0
    print(
        f"bundle: the build machine lacks libraries the bundle must carry: {', '.join(missing)}"
        f"\n{install_hint(missing, table)}",
        file=sys.stderr,
    )
    return 1


def bundle_libraries(bundle: Path) -> list[str]:
    """Every shared library in a one-folder bundle, relative to its _internal folder."""
    internal = bundle / "_internal"
    return sorted(
        str(path.relative_to(internal))
        for path in internal.rglob("*")
        if SHARED_LIBRARY.search(path.name) and not path.is_dir()
    )


def size_budget_mb(spec: Path = SPEC) -> int:
    match = re.search(r"^SIZE_BUDGET_MB = (\d+)", spec.read_text(encoding="utf-8"), re.MULTILINE)
    if match is None:
        raise ValueError(f"{spec}: no SIZE_BUDGET_MB = N line")
    return int(match.group(1))


def bundle_size_mb(bundle: Path) -> float:
    total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 2**20  # MiB, as du -m counts


def check_bundle(bundle: Path, expected_list: Path, budget_mb: int, write: bool) -> list[str]:
    """The problems of `bundle`: a library not in the list kept in the repository, one of
    the list absent, a required file absent, a size above the spec's budget."""
    actual = bundle_libraries(bundle)
    if write:
        header = "# Every shared library in dist/gestco/_internal (make bundle-check compares).\n"
        expected_list.write_text(header + "".join(f"{name}\n" for name in actual), "utf-8")
    lines = expected_list.read_text(encoding="utf-8").splitlines()
    expected = [line for line in lines if line and not line.startswith("#")]
    problems = [
        f"unexpected library in the bundle: {name}" for name in actual if name not in expected
    ]
    problems += [
        f"library missing from the bundle: {name}" for name in expected if name not in actual
    ]
    internal = bundle / "_internal"
    problems += [
        f"file missing from the bundle: {name}"
        for name in REQUIRED_FILES
        if not (internal / name).exists()
    ]
    size = bundle_size_mb(bundle)
    if size > budget_mb:
        problems.append(
            f"the bundle is {size:.1f} MB, above its budget of {budget_mb} MB (gestco.spec)"
        )
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="system_libs.py")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run-check")
    deps = commands.add_parser("build-deps")
    deps.add_argument("--no-install", action="store_true", help="only say what is missing")
    check = commands.add_parser("check-bundle")
    check.add_argument("bundle", type=Path)
    check.add_argument("--write", action="store_true", help="rewrite the list from the bundle")
    args = parser.parse_args(argv)
    if args.command == "run-check":
        return run_check(dict(os.environ), qxcb_plugin())
    if args.command == "build-deps":
        return build_deps(install=not args.no_install)
    budget = size_budget_mb()
    problems = check_bundle(args.bundle, BUNDLED_LIST, budget, args.write)
    for problem in problems:
        print(f"bundle-check: {problem}", file=sys.stderr)
    if problems:
        print(
            "bundle-check: if the change is deliberate, run "
            "`python packaging/system_libs.py check-bundle dist/gestco --write` and commit the "
            "list (and raise SIZE_BUDGET_MB in gestco.spec only with its reason)",
            file=sys.stderr,
        )
        return 1
    print(
        f"bundle-check: {len(bundle_libraries(args.bundle))} libraries as listed, "
        f"{bundle_size_mb(args.bundle):.1f} MB (budget {budget} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
