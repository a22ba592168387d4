"""Issue 14's stories as real processes: jobs keep their endpoint, the queue is never
silent, and several processes on one library work each job once."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fake_dashscope.process import EmulatorProcess
from tests.helpers.media import speech
from tests.helpers.queue_media import spoken_folder
from tests.helpers.queue_processes import (
    UNREACHABLE,
    Tingxie,
    job_states,
    outcome,
    queue_env,
    rows,
    wait_for,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[EmulatorProcess]:
    with EmulatorProcess(
        "--processing-speed", "2000", "--pending-s", "0.05", request_log=tmp_path / "log.jsonl"
    ) as running:
        yield running


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stories")
    base = speech(root / "base.wav", "Queue test, one two three.")
    return spoken_folder(root / "media", 5, base=base)[0].parent


def transcribe(folder: Path, emulator: EmulatorProcess, home: Path, tmp: Path, *extra: str):
    return Tingxie(
        "transcribe", folder, "--model", "paraformer-v2", "--endpoint", emulator.base_url, *extra,
        env=queue_env(emulator, home), folder=tmp,
    )  # fmt: skip


def test_resume_without_endpoint_finishes_on_the_jobs_own_service(
    emulator: EmulatorProcess, folder: Path, tingxie_home: Path, tmp_path: Path
) -> None:
    emulator.configure(fixed_processing_s=1.5)
    sent = transcribe(folder, emulator, tingxie_home, tmp_path / "transcribe", "--wait")
    wait_for(lambda: "running" in job_states(tingxie_home), "a running task")
    sent.kill()
    # TINGXIE_ENDPOINT now names a host that cannot be reached: resume must not go there.
    resumed = Tingxie("resume", env=queue_env(emulator, tingxie_home), folder=tmp_path / "r")
    assert resumed.wait() == 0, resumed.stderr
    assert outcome(tingxie_home, emulator, 5).done == 5
    listed = Tingxie("jobs", "--json", env=queue_env(emulator, tingxie_home), folder=tmp_path / "j")
    assert listed.wait() == 0
    assert {j["endpoint"] for j in json.loads(listed.stdout)} == {emulator.base_url}
    assert UNREACHABLE.split("/")[2] not in resumed.stdout + resumed.stderr


def test_an_unreachable_service_is_said_at_once_and_again_and_ctrl_c_keeps_the_jobs(
    emulator: EmulatorProcess, folder: Path, tingxie_home: Path, tmp_path: Path
) -> None:
    env = queue_env(emulator, tingxie_home)
    run = Tingxie(
        "transcribe",
        folder,
        "--model",
        "paraformer-v2",
        "--wait",
        env=env,
        folder=tmp_path / "t",
    )  # fmt: skip  (the default endpoint: a host no name server knows)
    said = "waiting: cannot reach tingxie-default.invalid: name not resolved; next try in"
    wait_for(lambda: said in run.stdout, f"the first word about it, not {run.stdout!r}", 15)
    assert "; Ctrl+C keeps every job for later" in run.stdout
    wait_for(lambda: run.stdout.count(said) >= 2, "it said again", 15)
    assert run.interrupt() == 130
    assert "every job is kept; run 'tingxie resume'" in run.stderr
    assert len(job_states(tingxie_home)) == 5
    assert not any(s in ("done", "failed") for s in job_states(tingxie_home))
    assert rows(tingxie_home, "SELECT COUNT(*) FROM jobs WHERE lease_owner IS NOT NULL") == [(0,)]
    assert "Traceback" not in run.stderr


def test_a_second_process_takes_over_within_seconds_when_the_first_is_killed(
    emulator: EmulatorProcess, folder: Path, tingxie_home: Path, tmp_path: Path
) -> None:
    emulator.configure(fixed_processing_s=2.0)
    first = transcribe(folder, emulator, tingxie_home, tmp_path / "first", "--wait")
    wait_for(lambda: "running" in job_states(tingxie_home), "a running task")
    second = Tingxie("resume", env=queue_env(emulator, tingxie_home), folder=tmp_path / "second")
    wait_for(lambda: "being worked by another Tingxie" in second.stderr, "the second says why")
    first.kill()
    assert second.wait(30) == 0, second.stderr
    counts = outcome(tingxie_home, emulator, 5)
    assert (counts.done, counts.submitted_twice, counts.stored_twice, counts.items) == (5, 0, 0, 5)


def test_two_resumes_on_one_library_work_each_job_once_and_both_show_all_progress(
    emulator: EmulatorProcess, folder: Path, tingxie_home: Path, tmp_path: Path
) -> None:
    emulator.configure(fixed_processing_s=1.5)
    sent = transcribe(folder, emulator, tingxie_home, tmp_path / "transcribe")  # no --wait
    assert sent.wait() == 0, sent.stderr
    env = queue_env(emulator, tingxie_home)
    both = [Tingxie("resume", env=env, folder=tmp_path / f"resume-{i}") for i in range(2)]
    assert [p.wait() for p in both] == [0, 0], [p.stderr for p in both]
    counts = outcome(tingxie_home, emulator, 5)
    assert (counts.done, counts.submitted_twice, counts.stored_twice, counts.items) == (5, 0, 0, 5)
    assert counts.uploads == 5
    for process in both:  # each saw every job finish, whoever worked it
        assert "[5/5]" in process.stdout, process.stdout
    assert all(p.process.returncode != -signal.SIGKILL for p in both)
