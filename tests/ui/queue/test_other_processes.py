"""The app's queue and ``tingxie`` in a terminal on one library: the window shows the
terminal's progress as it happens, and takes the jobs over when that process dies."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.settings import Settings, save_settings
from desktop.store.jobs import Job, JobState
from desktop.store.library import Library
from desktop.ui.queue.bridge import EngineBridge
from tests.fake_dashscope.config import EmulatorConfig
from tests.fake_dashscope.server import Emulator
from tests.helpers.queue_media import spoken_folder
from tests.helpers.queue_processes import Tingxie, job_states
from tests.helpers.waiting import until

pytestmark = pytest.mark.slow


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    config = EmulatorConfig(processing_speed=2000.0, pending_s=0.05, fixed_processing_s=1.5)
    with Emulator(config, storage_dir=tmp_path / "emulator") as running:
        yield running


def terminal(emulator: Emulator, folder: Path, home: Path, tmp: Path) -> Tingxie:
    env = {**os.environ, "TINGXIE_HOME": str(home), "DASHSCOPE_API_KEY": emulator.api_key}
    return Tingxie(
        "transcribe", folder, "--model", "paraformer-v2", "--wait",
        "--endpoint", emulator.base_url, env=env, folder=tmp,
    )  # fmt: skip


def open_app_queue(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> tuple[EngineBridge, Library, dict[int, list[JobState]]]:
    monkeypatch.setenv("DASHSCOPE_API_KEY", emulator.api_key)
    save_settings(Settings(region="custom", custom_url=emulator.base_url))
    library = Library.open()
    bridge = EngineBridge(library)
    seen: dict[int, list[JobState]] = {}

    def record(job: Job) -> None:
        states = seen.setdefault(job.id, [])
        if not states or states[-1] is not job.state:
            states.append(job.state)

    bridge.job_changed.connect(record)
    return bridge, library, seen


async def started(bridge: EngineBridge) -> None:
    bridge.start()  # on the running loop, as the app does


def test_the_queue_shows_a_terminals_progress_and_leaves_its_jobs_alone(
    qtbot, loop, emulator: Emulator, tmp_path: Path, tingxie_home: Path, monkeypatch
) -> None:
    folder = spoken_folder(tmp_path / "media", 3)[0].parent
    bridge, library, seen = open_app_queue(emulator, monkeypatch)
    loop.run_until_complete(until(bridge.key_known, "the key"))
    loop.run_until_complete(started(bridge))
    run = terminal(emulator, folder, tingxie_home, tmp_path / "terminal")
    loop.run_until_complete(
        until(lambda: len(seen) == 3 and all(s[-1] is JobState.DONE for s in seen.values()),
              f"the terminal's jobs done in the window, not {seen}", timeout=60)
    )  # fmt: skip
    assert run.wait() == 0, run.stderr
    # Progress came as it happened, not only the end: the window saw them run.
    assert all(JobState.RUNNING in states or JobState.SUBMITTED in states for states in
               seen.values()), seen  # fmt: skip
    uploads = [r for r in emulator.requests("upload") if r.status in (200, 204)]
    assert len(uploads) == 3 and len(emulator.submit_bodies()) == 1  # the terminal's only
    loop.run_until_complete(bridge.shutdown())
    assert len(library.items()) == 3
    library.close()


def test_the_app_takes_over_the_jobs_of_a_killed_terminal_within_seconds(
    qtbot, loop, emulator: Emulator, tmp_path: Path, tingxie_home: Path, monkeypatch
) -> None:
    folder = spoken_folder(tmp_path / "media", 3)[0].parent
    bridge, library, _seen = open_app_queue(emulator, monkeypatch)
    loop.run_until_complete(until(bridge.key_known, "the key"))
    loop.run_until_complete(started(bridge))
    run = terminal(emulator, folder, tingxie_home, tmp_path / "terminal")
    loop.run_until_complete(
        until(lambda: "running" in job_states(tingxie_home), "the terminal's tasks running")
    )
    run.kill()
    loop.run_until_complete(
        until(lambda: job_states(tingxie_home) == ["done"] * 3, "the app finishing", timeout=20)
    )
    per_file = Counter(
        url for body in emulator.submit_bodies() for url in body["input"]["file_urls"]
    )
    assert len(per_file) == 3 and set(per_file.values()) == {1}
    loop.run_until_complete(bridge.shutdown())
    assert len(library.items()) == 3
    library.close()
