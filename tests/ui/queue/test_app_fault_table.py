"""The fault table's app rows: the window process (``python -m desktop``) killed with
SIGKILL while its queue is in a state, then ``tingxie resume`` restarts the work.

The jobs are written to the library as the new-job dialog writes them (queued, bound
to the emulator, no lease), so the app's engine picks them up at start; the emulator
runs as its own process. Counts as in ``tests/cli/test_fault_table.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.dashscope.options import TranscriptionOptions
from desktop.jobs import job_options
from desktop.jobs.sources import expand
from desktop.settings import Settings, save_settings
from desktop.store.library import Library
from tests.fake_dashscope.process import EmulatorProcess
from tests.helpers.media import speech
from tests.helpers.queue_media import spoken_folder
from tests.helpers.queue_processes import Tingxie, job_states, outcome, queue_env, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture
def emulator() -> Iterator[EmulatorProcess]:
    with EmulatorProcess("--processing-speed", "2000", "--pending-s", "0.05") as running:
        yield running


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("app-fault-table")
    base = speech(root / "base.wav", "Queue test, one two three.")
    return spoken_folder(root / "media", 5, base=base)[0].parent


def queue_in_library(folder: Path, endpoint: str) -> int:
    """Jobs as the new-job dialog leaves them: queued for ``endpoint``, held by nobody."""
    options = job_options.encode(TranscriptionOptions())
    key = job_options.batch_key("paraformer-v2", options)
    sources = expand([str(folder)])
    with Library.open() as library:
        for source in sources:
            library.jobs.add(source=source.text, is_url=False, title=source.title,
                             model="paraformer-v2", options=options, batch_key=key,
                             endpoint=endpoint)  # fmt: skip
    return len(sources)


@dataclass(frozen=True)
class AppRow:
    name: str
    arm: Callable[[EmulatorProcess], None]
    ready: Callable[[Path, EmulatorProcess], bool]


def _has(state: str) -> Callable[[Path, EmulatorProcess], bool]:
    return lambda home, _emulator: state in job_states(home)


def _uploading(home: Path, emulator: EmulatorProcess) -> bool:
    return any(r["route"] == "get_policy" for r in emulator.requests())


APP_ROWS = [
    AppRow(
        "uploading",
        lambda e: e.inject("latency", "upload", count=None, delay_s=2.0),
        _uploading,
    ),
    AppRow(
        "submitting, before the service answered",
        lambda e: e.inject("latency", "submit", delay_s=3.0),
        lambda home, e: "submitting" in job_states(home) and not e.tasks(),
    ),
    AppRow(
        "submitting, after the service answered",
        lambda e: e.inject("slow-answer", "submit", delay_s=3.0),
        lambda home, e: "submitting" in job_states(home) and bool(e.tasks()),
    ),
    AppRow("running", lambda e: e.configure(fixed_processing_s=3.0), _has("running")),
    AppRow(
        "fetching",
        lambda e: e.inject("latency", "result", count=None, delay_s=3.0),
        _has("fetching"),
    ),
]


@pytest.mark.parametrize("row", APP_ROWS, ids=[r.name for r in APP_ROWS])
def test_the_app_killed_in_each_state_then_resume(
    row: AppRow, emulator: EmulatorProcess, folder: Path, tingxie_home: Path, tmp_path: Path
) -> None:
    started = time.monotonic()
    save_settings(Settings(region="custom", custom_url=emulator.base_url))
    files = queue_in_library(folder, emulator.base_url)
    row.arm(emulator)
    # TINGXIE_ENDPOINT names a host nobody can reach: the jobs keep their own endpoint.
    env = {**queue_env(emulator, tingxie_home), "QT_QPA_PLATFORM": "offscreen"}
    app = Tingxie(env=env, folder=tmp_path / "app")
    try:
        wait_for(lambda: row.ready(tingxie_home, emulator), f"the app {row.name}", timeout=60)
    finally:
        app.kill()
    assert any(s != "done" for s in job_states(tingxie_home)), "killed too late"
    emulator.clear_faults()
    emulator.configure(fixed_processing_s=None)
    resumed = Tingxie("resume", env=queue_env(emulator, tingxie_home), folder=tmp_path / "r")
    assert resumed.wait(90) == 0, resumed.stderr
    counts = outcome(tingxie_home, emulator, files)
    print(
        f"\nFAULT-ROW | app SIGKILL while {row.name}; restart | {counts.files} | {counts.done} |"
        f" {counts.failed} | {counts.lost} | {counts.submitted_twice} | {counts.stored_twice} |"
        f" {time.monotonic() - started:.1f} s"
    )
    assert counts.lost == 0 and counts.submitted_twice == 0 and counts.stored_twice == 0, counts
    assert counts.done == files and counts.items == files, counts
