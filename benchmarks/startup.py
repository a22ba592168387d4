"""Start-up: from launching the app to its window's first paint, from source and frozen.

Run ``python -m benchmarks.startup`` (``--quick``: 3 launches each instead of 9).
Each launch is a new process with a new, empty data folder (``TINGXIE_HOME``)
and ``--startup-probe``, offscreen (``QT_QPA_PLATFORM``); the window paints for
real, then the app quits.

- ``source_first_paint_s``: median wall time from spawning ``python -m desktop``
  to its "first_paint_s=" line: interpreter start, imports, library set-up,
  window, first paint. ``source_probe_s``: the app's own figure (from importing
  ``desktop`` to the paint, so without the interpreter's start).
- ``bundle_first_paint_s`` / ``bundle_probe_s``: the same for the PyInstaller
  bundle (``dist/Tingxie/tingxie``, or ``--bundle PATH``, or ``--build`` to
  build one into a temporary folder first); null when there is no bundle.
- ``*_first_run_s``: the first launch of the series (cold-ish: files not yet
  in the page cache if nothing read them lately).

Peer, in the same run: the floor for any PySide6 app, a bare ``QMainWindow``
with a label, launched and timed the same way (``peer_bare_qt_first_paint_s``);
and the app reached through the full command-line parser, as before issue 8
made a launch skip the command modules (``via_cli_parser_first_paint_s``).
Launches are interleaved (one of each per round) so all share the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BUNDLE = (
    ROOT / "dist" / "Tingxie" / ("tingxie.exe" if sys.platform == "win32" else "tingxie")
)
TARGET_S = 1.0

# The route before issue 8: the full command-line parser (every command module) first.
VIA_CLI = "import sys; from desktop.cli.main import run; sys.exit(run(['--startup-probe']))"

BARE_QT = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Drop audio or video files here to transcribe them."))
window.resize(1100, 720)
class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("first_paint_s=0", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def launch(command: list[str]) -> tuple[float, float | None]:
    """Wall seconds to the first-paint line, and the app's own figure."""
    with tempfile.TemporaryDirectory(prefix="tingxie-startup-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TINGXIE_HOME=home)
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
        )
        assert process.stdout is not None
        reported: float | None = None
        wall: float | None = None
        for line in process.stdout:
            if line.startswith("first_paint_s="):
                wall = time.perf_counter() - started
                reported = float(line.split("=", 1)[1])
                break
        process.stdout.read()
        process.wait(60)
    if wall is None:
        raise SystemExit(f"error: {command[0]}: printed no first_paint_s line")
    return wall, reported


def summary(figures: list[tuple[float, float | None]]) -> dict[str, float]:
    walls = [wall for wall, _ in figures]
    probes = [probe for _, probe in figures if probe is not None]
    return {
        "first_paint_s": round(statistics.median(walls), 3),
        "first_run_s": round(walls[0], 3),
        "probe_s": round(statistics.median(probes), 3) if probes else 0.0,
        "min_s": round(min(walls), 3),
        "max_s": round(max(walls), 3),
    }


def interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, dict[str, float]]:
    """Each command once per round, so all see the same load on a shared machine."""
    figures: dict[str, list[tuple[float, float | None]]] = {name: [] for name in commands}
    for _round in range(runs):
        for name, command in commands.items():
            figures[name].append(launch(command))
    return {name: summary(values) for name, values in figures.items()}


def find_bundle(args: argparse.Namespace, scratch: Path) -> Path | None:
    if args.build:
        sys.path.insert(0, str(ROOT / "packaging"))
        from build import build  # packaging/build.py

        return build(scratch / "dist", scratch / "work")
    bundle = args.bundle or DEFAULT_BUNDLE
    return bundle if bundle.is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 launches each instead of 9")
    parser.add_argument("--bundle", type=Path, help=f"the frozen app (default {DEFAULT_BUNDLE})")
    parser.add_argument("--build", action="store_true", help="build a bundle first (~1 min)")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else 9

    with tempfile.TemporaryDirectory(prefix="tingxie-bundle-") as scratch:
        bundle = find_bundle(args, Path(scratch))
        commands = {
            "source": [sys.executable, "-m", "desktop", "--startup-probe"],
            "peer": [sys.executable, "-c", BARE_QT],
            "via_cli": [sys.executable, "-c", VIA_CLI],
        }
        if bundle:
            commands["bundle"] = [str(bundle), "--startup-probe"]
        measured = interleaved(commands, runs)
    source, peer, frozen = measured["source"], measured["peer"], measured.get("bundle")
    via_cli = measured["via_cli"]

    shown = (("source", source), ("bundle", frozen), ("via CLI", via_cli), ("bare Qt", peer))
    for name, figures in shown:
        if figures:
            print(f"{name:>12}: {figures}")
    result = {
        "runs": runs,
        "source_first_paint_s": source["first_paint_s"],
        "source_probe_s": source["probe_s"],
        "source_first_run_s": source["first_run_s"],
        "bundle_first_paint_s": frozen["first_paint_s"] if frozen else None,
        "bundle_probe_s": frozen["probe_s"] if frozen else None,
        "bundle_first_run_s": frozen["first_run_s"] if frozen else None,
        "peer_bare_qt_first_paint_s": peer["first_paint_s"],
        "via_cli_parser_first_paint_s": via_cli["first_paint_s"],
        "source_vs_bare_qt": round(source["first_paint_s"] / peer["first_paint_s"], 2),
        "target_s": TARGET_S,
        "source_meets_target": source["first_paint_s"] < TARGET_S,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
