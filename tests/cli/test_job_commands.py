"""``tingxie transcribe/jobs/resume`` as real processes against the emulated service,
including ``kill -9`` at the worst moments and a resume afterwards."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.fake_dashscope.server import Emulator
from tests.helpers.cli import tingxie
from tests.helpers.clients import fast_emulator_config
from tests.helpers.media import speech
from tests.helpers.queue_media import spoken_folder
from tests.helpers.waiting import wait_until


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    config = fast_emulator_config()
    log = tmp_path / "requests.jsonl"
    with Emulator(config, storage_dir=tmp_path / "emulator", request_log=log) as running:
        yield running


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("queue")
    base = speech(root / "base.wav", "Queue test, one two three.")
    return spoken_folder(root / "media", 5, base=base)[0].parent


def service_env(emulator: Emulator) -> dict[str, str]:
    env = {**os.environ, "TINGXIE_ENDPOINT": emulator.base_url}
    env["DASHSCOPE_API_KEY"] = emulator.api_key
    return env


def submits_per_file(log: Path) -> Counter[str]:
    """File names in every submit the service received (answered or not), by the log."""
    names: Counter[str] = Counter()
    for line in log.read_text().splitlines():
        entry = json.loads(line)
        for url in (entry.get("body") or {}).get("input", {}).get("file_urls", []):
            names[url.rsplit("/", 1)[-1]] += 1
    return names


def test_a_folder_of_mixed_media_becomes_srt_files_with_progress(
    emulator: Emulator, folder: Path, tingxie_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run = tingxie(
        "transcribe", folder, "--model", "paraformer-v2", "--wait", "--format", "srt", "-o", out,
        home=tingxie_home, env=service_env(emulator),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{p.stem}.srt" for p in folder.iterdir())
    for srt in out.iterdir():
        assert "-->" in srt.read_text(encoding="utf-8")
    assert "[5/5]" in run.stdout and ": done" in run.stdout  # one line per state change
    listed = tingxie("jobs", "--json", home=tingxie_home)
    jobs = json.loads(listed.stdout)
    assert [j["state"] for j in jobs] == ["done"] * 5
    assert all(j["estimated_cost"] and j["usage_seconds"] for j in jobs)
    table = tingxie("jobs", home=tingxie_home).stdout
    assert table.count("[done]") == 5 and "this month, paraformer:" in table
    assert "estimated cost ¥" in run.stdout
    assert "API" not in run.stderr or emulator.api_key not in run.stderr


def test_transcribe_without_a_key_or_with_bad_arguments_says_what_to_do(
    emulator: Emulator, folder: Path, tingxie_home: Path, tmp_path: Path
) -> None:
    env = {k: v for k, v in service_env(emulator).items() if k != "DASHSCOPE_API_KEY"}
    env["TINGXIE_KEYRING_SERVICE"] = "tingxie-test-no-key"
    run = tingxie("transcribe", folder, "--model", "paraformer-v2", home=tingxie_home, env=env)
    assert run.returncode == 1 and "tingxie key set" in run.stderr
    run = tingxie(
        "transcribe", tmp_path / "missing.wav", "--model", "paraformer-v2",
        home=tingxie_home, env=service_env(emulator),
    )  # fmt: skip
    assert run.returncode == 1 and "missing.wav: no such file or folder" in run.stderr
    run = tingxie(
        "transcribe", folder, "--model", "paraformer-v2", "--speakers", "3",
        home=tingxie_home, env=service_env(emulator),
    )  # fmt: skip
    assert run.returncode == 1 and "--diarize" in run.stderr
    run = tingxie(
        "transcribe", folder, "--model", "sensevoice-v1", "--vocabulary", "vocab-x",
        home=tingxie_home, env=service_env(emulator),
    )  # fmt: skip
    assert run.returncode == 1 and "vocabulary_id" in run.stderr


def job_states(home: Path) -> list[str]:
    db = home / "library.sqlite3"
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        try:
            return [row[0] for row in conn.execute("SELECT state FROM jobs")]
        except sqlite3.OperationalError:  # the schema is still being created
            return []


def arm_upload(emulator: Emulator, home: Path) -> Callable[[], bool]:
    emulator.faults.inject("latency", "upload", count=None, delay_s=0.7)
    return lambda: "uploading" in job_states(home)


def arm_submit_in_flight(emulator: Emulator, home: Path) -> Callable[[], bool]:
    emulator.faults.inject("slow-answer", "submit", delay_s=5.0)
    return lambda: bool(emulator.tasks.all())


def arm_after_submit(emulator: Emulator, home: Path) -> Callable[[], bool]:
    emulator.config.fixed_processing_s = 2.0
    return lambda: any(s in ("submitted", "running") for s in job_states(home))


def arm_fetch(emulator: Emulator, home: Path) -> Callable[[], bool]:
    emulator.faults.inject("latency", "result", count=None, delay_s=2.0)
    return lambda: "fetching" in job_states(home)


@pytest.mark.slow
@pytest.mark.parametrize(
    "arm",
    [arm_upload, arm_submit_in_flight, arm_after_submit, arm_fetch],
    ids=["during-upload", "submit-sent-no-answer", "after-submit", "during-fetch"],
)
def test_kill_9_then_resume_finishes_every_file_exactly_once(
    arm: Callable[[Emulator, Path], Callable[[], bool]],
    emulator: Emulator,
    folder: Path,
    tingxie_home: Path,
    tmp_path: Path,
) -> None:
    ready = arm(emulator, tingxie_home)
    env = {**service_env(emulator), "TINGXIE_HOME": str(tingxie_home)}
    out = tmp_path / "out"
    command = [sys.executable, "-m", "desktop", "transcribe", str(folder), "--model",
               "paraformer-v2", "--wait", "--format", "srt", "-o", str(out)]  # fmt: skip
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until(ready, f"the moment to kill ({arm.__name__})")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert any(s != "done" for s in job_states(tingxie_home))

    emulator.faults.clear()
    emulator.config.fixed_processing_s = None
    resumed = tingxie("resume", "--format", "srt", "-o", out, home=tingxie_home, env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert job_states(tingxie_home) == ["done"] * 5
    with sqlite3.connect(tingxie_home / "library.sqlite3") as conn:
        items = conn.execute("SELECT COUNT(*), COUNT(DISTINCT task_id) FROM items").fetchone()
        linked = conn.execute("SELECT COUNT(DISTINCT item_id) FROM jobs").fetchone()[0]
    assert items[0] == 5 and linked == 5  # one stored result per file, none twice
    # The service made one task entry per file, and its log shows no file submitted twice.
    made = Counter(url.rsplit("/", 1)[-1] for t in emulator.tasks.all() for url in t.file_urls)
    assert len(made) == 5 and set(made.values()) == {1}, made
    logged = submits_per_file(tmp_path / "requests.jsonl")
    assert set(logged) <= set(made) and max(logged.values(), default=1) == 1, logged
    assert {p.suffix for p in out.iterdir()} == {".srt"}
