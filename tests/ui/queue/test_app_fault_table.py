"""The fault table's app rows: the window process (``python -m desktop``) killed with
SIGKILL while its queue is in a state, then restarted: by ``tingxie resume``, by the
app itself, or by the app and ``tingxie resume`` together on one library.

The files reach the app as a user's would without a click: ``tingxie transcribe`` in
a terminal queues them (bound to the emulator) and is stopped with Ctrl+C before any
upload, and the app, opened on the same data folder, picks the jobs up at start. Every
row's kill waits until the app itself holds a job in the named state (its process id is
in the job's lease). The emulator runs as its own process; the app and the restarts run
with ``TINGXIE_ENDPOINT`` naming a host nobody can reach, so each row also proves that a
job finishes on its own service. Counts as in ``tests/cli/test_fault_table.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fake_dashscope.process import EmulatorProcess
from tests.helpers.media import speech
from tests.helpers.queue_media import spoken_folder
from tests.helpers.queue_processes import (
    Outcome,
    Tingxie,
    job_states,
    outcome,
    queue_env,
    rows,
    wait_for,
)

pytestmark = pytest.mark.slow

Ready = Callable[[Path, EmulatorProcess, int], bool]  # home, emulator, the app's pid


@pytest.fixture
def emulator() -> Iterator[EmulatorProcess]:
    with EmulatorProcess("--processing-speed", "2000", "--pending-s", "0.05") as running:
        yield running


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A few files for most rows; thirty where a state lasts only while others queue."""
    root = tmp_path_factory.mktemp("app-fault-table")
    base = speech(root / "base.wav", "Queue test, one two three.")
    few = spoken_folder(root / "few", 5, base=base)[0].parent
    many = spoken_folder(root / "many", 30, base=base)[0].parent
    return {"few": few, "many": many}


def queue_from_a_terminal(
    folder: Path, emulator: EmulatorProcess, home: Path, tmp_path: Path
) -> int:
    """``tingxie transcribe FOLDER --endpoint EMULATOR`` without ``--wait``, stopped with
    Ctrl+C once the folder is queued (the service holds its first upload policy, so no
    file gets further): the jobs are the app's to finish."""
    files = len(list(folder.iterdir()))
    emulator.inject("latency", "get_policy", count=None, delay_s=30.0)
    terminal = Tingxie(
        "transcribe", folder, "--model", "paraformer-v2", "--endpoint", emulator.base_url,
        env=queue_env(emulator, home), folder=tmp_path / "terminal",
    )  # fmt: skip
    wait_for(lambda: len(job_states(home)) == files, "the folder queued from the terminal")
    assert terminal.interrupt() == 130, terminal.stderr
    emulator.clear_faults()
    assert not [r for r in rows(home, "SELECT id FROM jobs WHERE lease_owner IS NOT NULL")]
    assert not emulator.tasks()
    return files


def held_by(home: Path, pid: int, state: str) -> int:
    """Jobs in ``state`` whose lease the process ``pid`` holds."""
    found = rows(
        home,
        f"SELECT COUNT(*) FROM jobs WHERE state = '{state}' AND lease_owner LIKE '%/{pid}/%'",
    )
    return int(found[0][0]) if found else 0  # type: ignore[arg-type]


def _holds(state: str) -> Ready:
    return lambda home, _emulator, pid: held_by(home, pid, state) > 0


def _mid_upload(home: Path, _emulator: EmulatorProcess, pid: int) -> bool:
    if not held_by(home, pid, "uploading"):
        return False
    time.sleep(0.3)  # the policy is answered at once; the upload request is on the wire
    return True


def _no_task_yet(home: Path, emulator: EmulatorProcess, pid: int) -> bool:
    if not held_by(home, pid, "submitting"):
        return False
    time.sleep(0.3)  # the submit is on the wire; the service holds it unanswered
    assert emulator.tasks() == []
    return True


def _task_made(home: Path, emulator: EmulatorProcess, pid: int) -> bool:
    return held_by(home, pid, "submitting") > 0 and bool(emulator.tasks())


def _some_stored(home: Path, _emulator: EmulatorProcess, pid: int) -> bool:
    stored = rows(home, "SELECT COUNT(*) FROM items")
    return bool(stored) and 0 < stored[0][0] < 30 and held_by(home, pid, "fetching") > 0  # type: ignore[operator]


def _nothing(_emulator: EmulatorProcess) -> None:
    pass


@dataclass(frozen=True)
class AppRow:
    name: str
    files: str  # "few" or "many"
    arm: Callable[[EmulatorProcess], None]
    ready: Ready
    restart: str = "app"  # "app", "resume" or "app+resume"


def _states(restart: str, *names: str) -> list[AppRow]:
    by_name = {row.name: row for row in STATES}
    return [
        AppRow(by_name[n].name, by_name[n].files, by_name[n].arm, by_name[n].ready, restart)
        for n in names
    ]


STATES = [
    AppRow("queued", "many", _nothing, _holds("queued")),
    AppRow("probing", "many", _nothing, _holds("probing")),
    AppRow(
        "uploading (mid-request)",
        "few",
        lambda e: e.inject("latency", "upload", count=None, delay_s=2.0),
        _mid_upload,
    ),
    AppRow(
        "waiting",
        "many",
        lambda e: e.inject("latency", "upload", count=None, delay_s=0.3),
        _holds("waiting"),
    ),
    AppRow(
        "submitting, before the service answered",
        "few",
        lambda e: e.inject("latency", "submit", delay_s=3.0),
        _no_task_yet,
    ),
    AppRow(
        "submitting, after the service answered",
        "few",
        lambda e: e.inject("slow-answer", "submit", delay_s=3.0),
        _task_made,
    ),
    AppRow("submitted", "few", lambda e: e.configure(pending_s=2.0), _holds("submitted")),
    AppRow("running", "few", lambda e: e.configure(fixed_processing_s=3.0), _holds("running")),
    AppRow(
        "fetching (mid-download)",
        "few",
        lambda e: e.inject("latency", "result", count=None, delay_s=3.0),
        _holds("fetching"),
    ),
    AppRow(
        "storing",
        "many",
        lambda e: e.inject("latency", "result", count=None, delay_s=0.4),
        _some_stored,
    ),
]

APP_ROWS = [
    *STATES,  # every state, then the app opened again
    *_states(
        "resume",
        "uploading (mid-request)",
        "submitting, before the service answered",
        "submitting, after the service answered",
        "running",
        "fetching (mid-download)",
    ),
    *_states("app+resume", "running", "waiting"),
]

RESTARTS = {
    "app": "the app opened again",
    "resume": "tingxie resume",
    "app+resume": "the app and tingxie resume together",
}


def restart(row: AppRow, emulator: EmulatorProcess, home: Path, tmp_path: Path) -> None:
    """Finish the work as ``row.restart`` says; the apps are closed once every job is."""
    env = queue_env(emulator, home)
    apps = []
    resumed = None
    if "app" in row.restart.split("+"):
        apps.append(Tingxie(env={**env, "QT_QPA_PLATFORM": "offscreen"}, folder=tmp_path / "a2"))
    if "resume" in row.restart:
        resumed = Tingxie("resume", env=env, folder=tmp_path / "resume")
    try:
        if resumed is not None:
            assert resumed.wait(90) == 0, resumed.stderr
        wait_for(
            lambda: all(s in ("done", "failed") for s in job_states(home)),
            "every job finished after the restart",
            timeout=90,
        )
    finally:
        for app in apps:
            app.kill()
    for app in apps:
        assert "Traceback" not in app.stderr, app.stderr


def _report(row: AppRow, counts: Outcome, seconds: float) -> None:
    """One line per row for tests/README.md (``pytest -s`` shows them)."""
    print(
        f"\nFAULT-ROW | app SIGKILL while {row.name}; {RESTARTS[row.restart]} | {counts.files} |"
        f" {counts.done} | {counts.failed} | {counts.lost} | {counts.submitted_twice} |"
        f" {counts.stored_twice} | {seconds:.1f} s"
    )


@pytest.mark.parametrize("row", APP_ROWS, ids=[f"{r.name}, {r.restart}" for r in APP_ROWS])
def test_the_app_killed_in_each_state_then_restarted(
    row: AppRow,
    emulator: EmulatorProcess,
    folders: dict[str, Path],
    tingxie_home: Path,
    tmp_path: Path,
) -> None:
    started = time.monotonic()
    files = queue_from_a_terminal(folders[row.files], emulator, tingxie_home, tmp_path)
    row.arm(emulator)
    env = {**queue_env(emulator, tingxie_home), "QT_QPA_PLATFORM": "offscreen"}
    app = Tingxie(env=env, folder=tmp_path / "app")
    pid = app.process.pid
    try:
        wait_for(lambda: row.ready(tingxie_home, emulator, pid), f"the app {row.name}", timeout=60)
    finally:
        app.kill()
    assert any(s != "done" for s in job_states(tingxie_home)), "killed too late"
    emulator.clear_faults()
    emulator.configure(pending_s=0.05, fixed_processing_s=None)
    restart(row, emulator, tingxie_home, tmp_path)
    counts = outcome(tingxie_home, emulator, files)
    _report(row, counts, time.monotonic() - started)
    assert counts.lost == 0 and counts.submitted_twice == 0 and counts.stored_twice == 0, counts
    assert counts.done == files and counts.items == files, counts
