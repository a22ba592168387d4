"""The queue learns the service's speed from its own finished tasks and polls new
tasks when they are due: fewer requests than blind polling, results seen at once."""

from __future__ import annotations

import asyncio
import time

import pytest

from desktop.dashscope.client import PollPolicy
from desktop.dashscope.options import TranscriptionOptions
from desktop.jobs import pacing
from desktop.jobs.engine import JobEngine
from desktop.jobs.sources import expand
from desktop.store.jobs import Job, JobState
from desktop.store.library import Library
from desktop.store.task_timings import TaskTiming
from tests.fake_dashscope.server import Emulator
from tests.helpers.clients import FAST_ENGINE, FAST_RETRY

PARAFORMER = "paraformer-v2"


def test_no_prediction_until_the_model_has_history() -> None:
    assert pacing.expected_total_s([], 60_000) is None
    assert pacing.expected_total_s([TaskTiming(60_000, 0.2, 6.0)], 60_000) is None


def test_run_time_grows_with_the_audio_and_the_estimate_leans_early() -> None:
    history = [TaskTiming(ms, 0.5, ms / 10_000) for ms in (10_000, 60_000, 120_000, 30_000)]
    estimate = pacing.expected_total_s(history, 600_000)
    assert estimate == pytest.approx(0.5 + 60.0, abs=0.01)  # a tenth of real time, plus queue
    noisy = [*history, TaskTiming(60_000, 0.5, 4.0)]  # one ran faster than the line
    assert pacing.expected_total_s(noisy, 600_000) < pacing.expected_total_s(history, 600_000)
    unknown = pacing.expected_total_s(history, None)  # a URL job: its length was never probed
    assert unknown == pytest.approx(0.5 + 4.5, abs=0.01)  # the median run time


def test_a_library_keeps_each_finished_task_once(library: Library) -> None:
    from datetime import UTC, datetime, timedelta

    start = datetime(2026, 11, 1, tzinfo=UTC)
    timings = library.task_timings
    for _ in range(2):
        timings.record("t-1", PARAFORMER, 5000, start, start + timedelta(seconds=1),
                       start + timedelta(seconds=4))  # fmt: skip
    assert timings.recent(PARAFORMER) == [TaskTiming(5000, 1.0, 3.0)]
    assert timings.recent("fun-asr") == []


async def _one_job(engine: JobEngine, emulator: Emulator, file: str) -> tuple[Job, int, float]:
    """Run one file; the queries its task took and how late its result was seen."""
    before = len(emulator.requests("query"))
    (job,) = engine.add(expand([file]), PARAFORMER, TranscriptionOptions())
    await asyncio.wait_for(engine.wait_until_settled([job.id]), 60)
    seen = time.time()
    job = engine._jobs.get(job.id)
    task = emulator.task(job.task_id)
    assert task is not None and task.end_at is not None
    return job, len(emulator.requests("query")) - before, seen - task.end_at


@pytest.mark.asyncio
async def test_after_a_few_tasks_the_queue_polls_when_they_are_due(
    library: Library, emulator: Emulator, make_folder
) -> None:
    from desktop.dashscope.client import DashScopeClient
    from desktop.dashscope.endpoints import Endpoint

    emulator.config.fixed_processing_s = 3.0  # blind polls at 1, 2.5, 4.75 s
    # The app's own poll schedule, not the tests' quick one: blind polling backs off.
    client = DashScopeClient(
        Endpoint.named(emulator.base_url), emulator.api_key, retry=FAST_RETRY, poll=PollPolicy()
    )
    engine = JobEngine(library, client, FAST_ENGINE)
    engine.start()
    files = [str(f) for f in make_folder(4)]
    blind = [await _one_job(engine, emulator, f) for f in files[:2]]
    assert len(library.task_timings.recent(PARAFORMER)) == 2
    learned = [await _one_job(engine, emulator, f) for f in files[2:]]
    await engine.stop()
    await client.aclose()
    assert all(job.state is JobState.DONE for job, _q, _lag in blind + learned)
    assert max(lag for _j, _q, lag in learned) < 0.5
    assert max(lag for _j, _q, lag in learned) < min(lag for _j, _q, lag in blind)
    assert max(q for _j, q, _lag in learned) <= max(q for _j, q, _lag in blind)
