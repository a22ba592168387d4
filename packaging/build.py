"""Build the double-click app for this platform: ``python packaging/build.py``.

Produces a one-folder bundle, ``dist/Tingxie/`` (macOS: also ``dist/Tingxie.app``),
with PyInstaller from the ``[package]`` extra (``pip install -e ".[package]"``).
The bundle runs without Python installed; Linux uses the system's libvlc.

    python packaging/build.py                       # dist/Tingxie/tingxie
    python packaging/build.py --dist /tmp/out       # elsewhere
    python packaging/build.py --vlc-dir "C:/Program Files/VideoLAN/VLC"   # bundle VLC
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "tingxie.spec"
INSTALL_SCRIPT = ROOT / "packaging" / "linux" / "install-desktop-integration.sh"


def executable(dist: Path) -> Path:
    """The app's executable inside a built bundle."""
    name = "tingxie.exe" if sys.platform == "win32" else "tingxie"
    return dist / "Tingxie" / name


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's cache"
    )
    parser.add_argument(
        "--vlc-dir",
        type=Path,
        help="Windows/macOS: a VLC install to copy into the bundle (see packaging/README.md)",
    )
    parser.add_argument("--clean", action="store_true", help="ignore PyInstaller's cache")
    return parser.parse_args(argv)


def build(dist: Path, work: Path, *, vlc_dir: Path | None = None, clean: bool = False) -> Path:
    """Run PyInstaller on the spec; returns the bundle's executable."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            'error: PyInstaller is not installed; run: pip install -e ".[package]"'
        ) from None
    env = dict(os.environ)
    if vlc_dir is not None:
        if not vlc_dir.is_dir():
            raise SystemExit(f"error: {vlc_dir}: no such folder; give the folder VLC is in")
        env["TINGXIE_BUNDLE_VLC_DIR"] = str(vlc_dir.resolve())
    command = [
        sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work),
    ]  # fmt: skip
    if clean:
        command.append("--clean")
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    if sys.platform.startswith("linux"):
        # Beside the executable, where a user unpacking the bundle looks for it.
        shutil.copy2(INSTALL_SCRIPT, dist / "Tingxie" / INSTALL_SCRIPT.name)
    return executable(dist)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.monotonic()
    try:
        app = build(args.dist, args.work, vlc_dir=args.vlc_dir, clean=args.clean)
    except subprocess.CalledProcessError as error:
        print(f"error: PyInstaller failed (exit {error.returncode}); see its output above")
        return 1
    print(f"built {app} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
