"""The fault table (issue 14, item 7): ``tingxie transcribe --wait`` killed with SIGKILL
in every state a job passes through, then restarted with ``tingxie resume`` (once by two
processes together), and runs through the emulator's faults. Every row must end with
0 files lost, 0 submitted twice and 0 results stored twice; ``tests/README.md`` keeps
the table with its counts.

The emulator runs as its own process; the restarts run with a default endpoint nobody
can reach, so each row also proves that a job finishes on the service it was sent to.
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

Arm = Callable[[EmulatorProcess], None]
Ready = Callable[[Path, EmulatorProcess], bool]


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[EmulatorProcess]:
    with EmulatorProcess("--processing-speed", "2000", "--pending-s", "0.05") as running:
        yield running


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A few files for most rows; thirty where a state lasts only while others queue."""
    root = tmp_path_factory.mktemp("fault-table")
    base = speech(root / "base.wav", "Queue test, one two three.")
    few = spoken_folder(root / "few", 5, base=base)[0].parent
    many = spoken_folder(root / "many", 30, base=base)[0].parent
    return {"few": few, "many": many}


def _has(state: str) -> Ready:
    return lambda home, _emulator: state in job_states(home)


def _nothing(_emulator: EmulatorProcess) -> None:
    pass


def _task_made(home: Path, emulator: EmulatorProcess) -> bool:
    return "submitting" in job_states(home) and bool(emulator.tasks())


def _no_task_yet(home: Path, emulator: EmulatorProcess) -> bool:
    if "submitting" not in job_states(home):
        return False
    time.sleep(0.3)  # the submit is on the wire; the service holds it unanswered
    assert emulator.tasks() == []
    return True


def _some_stored(home: Path, _emulator: EmulatorProcess) -> bool:
    stored = rows(home, "SELECT COUNT(*) FROM items")
    return bool(stored) and 0 < stored[0][0] < 30


@dataclass(frozen=True)
class KillRow:
    name: str
    files: str  # "few" or "many"
    arm: Arm
    ready: Ready
    restarts: int = 1


KILL_ROWS = [
    KillRow("queued", "many", _nothing, _has("queued")),
    KillRow("probing", "many", _nothing, _has("probing")),
    KillRow(
        "uploading (mid-request)",
        "few",
        lambda e: e.inject("latency", "upload", count=None, delay_s=0.7),
        _has("uploading"),
    ),
    KillRow(
        "waiting",
        "many",
        lambda e: e.inject("latency", "upload", count=None, delay_s=0.3),
        _has("waiting"),
    ),
    KillRow(
        "submitting, before the service answered",
        "few",
        lambda e: e.inject("latency", "submit", delay_s=3.0),
        _no_task_yet,
    ),
    KillRow(
        "submitting, after the service answered",
        "few",
        lambda e: e.inject("slow-answer", "submit", delay_s=3.0),
        _task_made,
    ),
    KillRow("submitted", "few", lambda e: e.configure(pending_s=2.0), _has("submitted")),
    KillRow("running", "few", lambda e: e.configure(fixed_processing_s=2.0), _has("running")),
    KillRow(
        "fetching (mid-download)",
        "few",
        lambda e: e.inject("latency", "result", count=None, delay_s=2.0),
        _has("fetching"),
    ),
    KillRow(
        "storing",
        "many",
        lambda e: e.inject("latency", "result", count=None, delay_s=0.4),
        _some_stored,
    ),
    KillRow(
        "running",
        "few",
        lambda e: e.configure(fixed_processing_s=2.0),
        _has("running"),
        restarts=2,
    ),
]


def _report(row: str, counts: Outcome, seconds: float) -> None:
    """One line per row for tests/README.md (``pytest -s`` shows them)."""
    print(
        f"\nFAULT-ROW | {row} | {counts.files} | {counts.done} | {counts.failed} |"
        f" {counts.lost} | {counts.submitted_twice} | {counts.stored_twice} | {seconds:.1f} s"
    )


def _assert_nothing_lost_or_twice(counts: Outcome, *, done: int) -> None:
    assert counts.lost == 0, counts
    assert counts.submitted_twice == 0, counts
    assert counts.stored_twice == 0, counts
    assert counts.done == done and counts.items == done, counts


@pytest.mark.parametrize(
    "row", KILL_ROWS, ids=[f"{r.name}, {r.restarts} restarting" for r in KILL_ROWS]
)
def test_kill_9_in_each_state_then_restart(
    row: KillRow,
    emulator: EmulatorProcess,
    folders: dict[str, Path],
    tingxie_home: Path,
    tmp_path: Path,
) -> None:
    started = time.monotonic()
    folder = folders[row.files]
    files = len(list(folder.iterdir()))
    env = queue_env(emulator, tingxie_home)
    row.arm(emulator)
    first = Tingxie(
        "transcribe", folder, "--model", "paraformer-v2", "--wait",
        "--endpoint", emulator.base_url, env=env, folder=tmp_path / "first",
    )  # fmt: skip
    try:
        wait_for(lambda: row.ready(tingxie_home, emulator), f"the moment to kill ({row.name})")
    finally:
        first.kill()
    assert any(s != "done" for s in job_states(tingxie_home))
    emulator.clear_faults()
    emulator.configure(pending_s=0.05, fixed_processing_s=None)
    restarts = [
        Tingxie("resume", env=env, folder=tmp_path / f"resume-{i}") for i in range(row.restarts)
    ]
    assert [p.wait(90) for p in restarts] == [0] * row.restarts, [p.stderr for p in restarts]
    counts = outcome(tingxie_home, emulator, files)
    restart = "restart" if row.restarts == 1 else "two processes restart together"
    _report(f"SIGKILL while {row.name}; {restart}", counts, time.monotonic() - started)
    _assert_nothing_lost_or_twice(counts, done=files)


@dataclass(frozen=True)
class FaultRow:
    name: str
    arm: Arm
    all_fail: bool = False  # the fault leaves nothing to fetch: every job fails, with why


def _server_errors(e: EmulatorProcess) -> None:
    for route, status in (("get_policy", 503), ("upload", 503), ("submit", 503), ("query", 500)):
        e.inject("error", route, count=3, status=status, code="ServiceUnavailable")


def _throttling(e: EmulatorProcess) -> None:
    for route in ("submit", "query", "result"):
        e.inject("error", route, count=3, status=429, code="Throttling.RateQuota")


def _dropped(e: EmulatorProcess) -> None:
    e.inject("drop", "upload", count=2)
    e.inject("drop", "query", count=2)
    e.inject("lose-answer", "submit", count=1)  # the task exists; the answer never came


def _truncated(e: EmulatorProcess) -> None:
    e.inject("truncate", "query", count=2)
    e.inject("truncate", "result", count=2)
    e.inject("malformed", "query", count=1)


FAULT_ROWS = [
    FaultRow("5xx bursts on policy, upload, submit and poll", _server_errors),
    FaultRow("429 throttling bursts on submit, poll and download", _throttling),
    FaultRow("dropped connections (upload, poll) and a lost submit answer", _dropped),
    FaultRow("truncated and garbled bodies (poll, result)", _truncated),
    FaultRow("expired result URLs", lambda e: e.configure(expired_result_urls=True), all_fail=True),
]


@pytest.mark.parametrize("row", FAULT_ROWS, ids=[r.name for r in FAULT_ROWS])
def test_service_faults_during_a_run(
    row: FaultRow,
    emulator: EmulatorProcess,
    folders: dict[str, Path],
    tingxie_home: Path,
    tmp_path: Path,
) -> None:
    started = time.monotonic()
    folder = folders["few"]
    files = len(list(folder.iterdir()))
    row.arm(emulator)
    run = Tingxie(
        "transcribe", folder, "--model", "paraformer-v2", "--wait",
        "--endpoint", emulator.base_url,
        env=queue_env(emulator, tingxie_home), folder=tmp_path / "run",
    )  # fmt: skip
    code = run.wait(90)
    counts = outcome(tingxie_home, emulator, files)
    _report(row.name, counts, time.monotonic() - started)
    assert "Traceback" not in run.stderr, run.stderr
    if row.all_fail:
        assert code == 1
        assert counts.failed == files and counts.lost == 0 and counts.items == 0, counts
        assert counts.submitted_twice == 0
        host = emulator.base_url.split("/")[2]
        assert f"result http://{host}/results/" in run.stderr  # the URL at fault
        return
    assert code == 0, run.stderr
    _assert_nothing_lost_or_twice(counts, done=files)
