"""Setting GESTCO up on Linux: `make run` names the missing X11 libraries, install.sh checks
a target machine, `make bundle-check` compares the bundle with the repository's list, and
`make demo` then `make run` open the demo data."""

from __future__ import annotations

import importlib.util
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

from tests.support.cli import ROOT
from tests.support.databases import sql, sqlite_only

SCRIPT = ROOT / "packaging" / "system_libs.py"
INSTALL_SH = ROOT / "packaging" / "linux" / "install.sh"
RESOLVED = "\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)\n"
TWO_MISSING = (
    RESOLVED + "\tlibxcb-cursor.so.0 => not found\n\tlibxcb-icccm.so.4 => not found\n"
    "\tlibxcb-cursor.so.0 => not found\n"  # ldd repeats a library every library links
)


def _module():
    spec = importlib.util.spec_from_file_location("system_libs", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("system_libs", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _fake_ldd(tmp_path: Path, output: str) -> dict[str, str]:
    """An environment whose `ldd` prints `output`: a machine that lacks (or has) libraries."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (tmp_path / "ldd-output").write_text(output, encoding="utf-8")
    ldd = bin_dir / "ldd"
    ldd.write_text(f"#!/bin/sh\ncat '{tmp_path / 'ldd-output'}'\n", encoding="utf-8")
    ldd.chmod(ldd.stat().st_mode | stat.S_IEXEC)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def _run_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    unset = ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, str(SCRIPT), "run-check"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_make_run_names_the_missing_x11_libraries_and_the_install_commands(tmp_path) -> None:
    result = _run_check({**_fake_ldd(tmp_path, TWO_MISSING), "DISPLAY": ":0"})
    assert result.returncode == 1
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in result.stderr
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4\n" in result.stderr
    assert "sudo dnf install xcb-util-cursor xcb-util-wm\n" in result.stderr


def test_make_run_starts_when_nothing_is_missing_or_no_window_is_wanted(tmp_path) -> None:
    env = _fake_ldd(tmp_path, TWO_MISSING)
    assert _run_check(env).returncode == 0  # no display: the check does not apply
    assert _run_check({**env, "DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}).returncode == 0
    assert _run_check({**env, "DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}).returncode == 1
    wayland = _run_check({**env, "DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})
    assert wayland.returncode == 0 and "libxcb-cursor0" in wayland.stderr  # said, not blocking
    (tmp_path / "ldd-output").write_text(RESOLVED, encoding="utf-8")
    result = _run_check({**env, "DISPLAY": ":0"})
    assert (result.returncode, result.stderr) == (0, "")


def test_an_unknown_missing_library_is_still_named() -> None:
    module = _module()
    missing = module.not_found("\tlibweird.so.3 => not found\n")
    hint = module.install_hint(missing, module.load_table())
    assert "apt-file search libweird.so.3" in hint and "dnf provides '*/libweird.so.3'" in hint


def _fake_bundle(tmp_path: Path) -> Path:
    unpacked = tmp_path / "gestco-0.1.0"
    internal = unpacked / "gestco" / "_internal" / "PySide6" / "Qt" / "plugins"
    for name in ("platforms/libqxcb.so", "xcbglintegrations/libqxcb-glx-integration.so"):
        (internal / name).parent.mkdir(parents=True, exist_ok=True)
        (internal / name).write_bytes(b"")
    (unpacked / "gestco" / "gestco").write_bytes(b"")
    for name in ("install.sh", "system-libs.txt"):
        (unpacked / name).write_bytes((INSTALL_SH.parent / name).read_bytes())
    return unpacked


def test_install_sh_says_what_to_install_and_installs_nothing(tmp_path) -> None:
    unpacked = _fake_bundle(tmp_path)
    missing = RESOLVED + "\tlibEGL.so.1 => not found\n\tlibfontconfig.so.1 => not found\n"
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, **_fake_ldd(tmp_path, missing), "HOME": str(home)}
    result = subprocess.run(
        ["sh", str(unpacked / "install.sh")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "sudo apt-get install libegl1 libfontconfig1\n" in result.stderr
    assert "sudo dnf install fontconfig libglvnd-egl\n" in result.stderr
    assert not (home / ".local").exists()

    (tmp_path / "ldd-output").write_text(RESOLVED, encoding="utf-8")
    check = subprocess.run(
        ["sh", str(unpacked / "install.sh"), "--check"], env=env, capture_output=True, text=True
    )
    assert check.returncode == 0 and "can run here" in check.stdout
    assert not (home / ".local").exists()


def test_bundle_check_names_an_unexpected_and_a_missing_library(tmp_path) -> None:
    module = _module()
    bundle = tmp_path / "gestco"
    for name in ("libQt6Core.so.6", "libgtk-3.so.0", "PySide6/Qt/plugins/platforms/libqxcb.so"):
        (bundle / "_internal" / name).parent.mkdir(parents=True, exist_ok=True)
        (bundle / "_internal" / name).write_bytes(b"x" * 1000)
    listed = tmp_path / "bundled-libs.txt"
    listed.write_text(
        "# list\nlibQt6Core.so.6\nPySide6/Qt/plugins/platforms/libqxcb.so\nlibxcb-cursor.so.0\n"
    )
    problems = module.check_bundle(bundle, listed, budget_mb=1, write=False)
    assert "unexpected library in the bundle: libgtk-3.so.0" in problems
    assert "library missing from the bundle: libxcb-cursor.so.0" in problems
    assert "file missing from the bundle: resources/translations/gestco_fr.qm" in problems
    assert not any("budget" in problem for problem in problems)
    (bundle / "_internal" / "big.dat").write_bytes(b"x" * (2 * 2**20))
    assert any(
        "above its budget of 1 MB" in p for p in module.check_bundle(bundle, listed, 1, False)
    )


def test_the_library_list_the_table_and_the_readme_agree() -> None:
    """What the spec collects is what the list says the bundle holds; what the target must
    provide is never in the bundle, and it is exactly what the README tells a shop to install."""
    module = _module()
    table = module.load_table()
    bundled = {Path(line).name for line in module.BUNDLED_LIST.read_text().splitlines()}
    for lib in table.values():
        assert (lib.soname in bundled) == (lib.kind == "bundle"), lib.soname
    assert "libgtk-3.so.0" not in bundled and "libqgtk3.so" not in bundled
    listed = module.BUNDLED_LIST.read_text().splitlines()
    platforms = {Path(p).name for p in listed if "/plugins/platforms/" in p}
    assert platforms == {"libqxcb.so", "libqoffscreen.so"}
    assert "libcomposeplatforminputcontextplugin.so" in bundled  # dead keys: ê, ï, ô
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = [lib for lib in table.values() if lib.kind == "target"]
    debian = [set(m.split()) for m in re.findall(r"sudo apt-get install ([^`\n]+)", readme)]
    fedora = [set(m.split()) for m in re.findall(r"sudo dnf install ([^`\n]+)", readme)]
    assert {lib.debian for lib in targets} in debian
    assert {lib.fedora for lib in targets} in fedora
    x11 = [lib for lib in table.values() if lib.soname.startswith(("libxcb-", "libxkbcommon"))]
    assert {lib.debian for lib in x11} in debian  # what `make run` from the sources needs
    assert {lib.fedora for lib in x11} in fedora
    assert module.size_budget_mb() > 0


def _make(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "-C", str(ROOT), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


@sqlite_only("make demo writes a file")
def test_make_demo_then_make_run_open_the_demo_data(tmp_path) -> None:
    data = tmp_path / "data"
    env = {"GESTCO_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen", "GESTCO_DB": ""}
    demo_file = tmp_path / "demo dir" / "demo.sqlite3"
    demo_file.parent.mkdir()
    made = _make("demo", f"DB={demo_file}", "ORDERS=200", "CLIENTS=40", env=env)
    assert made.returncode == 0, made.stderr
    assert sql(demo_file, "SELECT count(*) FROM orders") == [(200,)]
    assert sql(demo_file, "SELECT count(*) FROM clients") == [(40,)]
    opened = _make("run", f"DB={demo_file}", "ARGS=--startup-probe", env=env)
    assert opened.returncode == 0, opened.stderr
    assert "rows" in opened.stdout
    assert not (data / "gestco.sqlite3").exists()  # it opened the demo, not the default

    made = _make("demo", "ORDERS=200", "CLIENTS=40", env=env)  # the per-user database
    assert made.returncode == 0, made.stderr
    assert sql(data / "gestco.sqlite3", "SELECT count(*) FROM orders") == [(200,)]


def test_with_a_data_dir_nothing_is_written_under_home(tmp_path) -> None:
    """GESTCO_DATA_DIR set: the window's settings and Qt's (QtProject.conf, written by its file
    dialog) stay in it; an empty HOME stays empty."""
    home, data = tmp_path / "home", tmp_path / "data"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_") and k != "GESTCO_DB"}
    env.update(HOME=str(home), GESTCO_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    smoke = subprocess.run(
        [sys.executable, "-m", "ui", "--smoke"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert smoke.returncode == 0, smoke.stderr
    dialog = (
        "from ui.app import keep_settings_in_data_dir, make_application\n"
        "from PySide6.QtWidgets import QFileDialog\n"
        "keep_settings_in_data_dir()\n"
        "app = make_application(['gestco'])\n"
        "dialog = QFileDialog(None, 'x', '/')\n"
        "dialog.setOption(QFileDialog.Option.DontUseNativeDialog)\n"
        "dialog.show(); app.processEvents(); dialog.reject(); del dialog\n"
    )
    opened = subprocess.run(
        [sys.executable, "-c", dialog], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert opened.returncode == 0, opened.stderr
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == []
    settings = data / "settings"
    assert (settings / "GESTCO" / "GESTCO.ini").exists()
    assert (settings / "QtProject.conf").exists()


def test_make_bundle_stops_naming_what_the_build_machine_lacks(tmp_path) -> None:
    """A build machine without libxcb-cursor would give a bundle that aborts on a desktop
    without it: the build stops (as root on CI it installs the package instead)."""
    module = _module()
    present = [
        lib.soname for lib in module.load_table().values() if lib.soname != "libxcb-cursor.so.0"
    ]
    cache = "N libs found in cache\n" + "".join(
        f"\t{name} (libc6,x86-64) => /lib/x86_64-linux-gnu/{name}\n" for name in present
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (tmp_path / "cache").write_text(cache, encoding="utf-8")
    ldconfig = bin_dir / "ldconfig"
    ldconfig.write_text(f"#!/bin/sh\ncat '{tmp_path / 'cache'}'\n", encoding="utf-8")
    ldconfig.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    command = [sys.executable, str(SCRIPT), "build-deps", "--no-install"]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "lacks libraries the bundle must carry: libxcb-cursor.so.0" in result.stderr
    assert "sudo apt-get install libxcb-cursor0\n" in result.stderr
    (tmp_path / "cache").write_text(cache + "\tlibxcb-cursor.so.0 (libc6,x86-64) => /x\n")
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
