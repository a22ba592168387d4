"""What the benchmarks measure the same way: memory of this process, and workers.

Peaks come from ``VmHWM`` in ``/proc/self/status``: ``ru_maxrss`` is kept
across ``exec`` on Linux, so in a worker process it would report the parent's
peak whenever that was higher than the worker's own.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _status_mb(field: str) -> float | None:
    status = Path("/proc/self/status")
    if not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return None


def rss_mb() -> float:
    """Resident memory of this process now."""
    return _status_mb("VmRSS") or 0.0


def peak_rss_mb() -> float:
    """The highest resident memory of this process so far."""
    peak = _status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_worker(module: str, *args: str) -> dict[str, Any]:
    """Run ``python -m MODULE ARGS…`` and return the JSON object on its last line."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args[:2])} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
