"""A job's own endpoint, waking waits when the endpoint changes, and the two submit defects."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.factory import ClientFactory
from desktop.dashscope.options import TranscriptionOptions
from desktop.jobs.engine import JobEngine
from desktop.jobs.sources import expand
from desktop.store.jobs import JobState
from desktop.store.library import Library
from tests.fake_dashscope.config import EmulatorConfig
from tests.fake_dashscope.server import Emulator
from tests.helpers.clients import FAST_ENGINE, FAST_POLL, FAST_RETRY

pytestmark = pytest.mark.asyncio
PARAFORMER = "paraformer-v2"


def fast(endpoint: Endpoint, key: str) -> DashScopeClient:
    return DashScopeClient(endpoint, key, retry=FAST_RETRY, poll=FAST_POLL)


def closed_port_url() -> str:
    """A loopback address nobody listens on: every connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/v1"


@pytest.fixture
def second_emulator(tmp_path: Path) -> Iterator[Emulator]:
    config = EmulatorConfig(processing_speed=2000.0, pending_s=0.05)
    with Emulator(config, storage_dir=tmp_path / "emulator-2") as running:
        yield running


async def until(condition, what: str, timeout: float = 20) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def test_fixing_the_endpoint_wakes_every_waiting_retry_at_once(
    library: Library, emulator: Emulator, make_folder
) -> None:
    dead = closed_port_url()
    clients = ClientFactory(emulator.api_key, Endpoint.named(dead), build=fast)
    engine = JobEngine(library, clients, replace(FAST_ENGINE, retry_delays_s=(60.0,)))
    troubles: list[str | None] = []
    engine.on_trouble(troubles.append)
    jobs = engine.add(expand(map(str, make_folder(3))), PARAFORMER, TranscriptionOptions())
    engine.start()
    host = dead.split("//")[1].split("/")[0]
    expected = f"cannot reach {host}: connection refused; next try in 60 s"
    await until(lambda: expected in troubles, f"the trouble sentence, not {troubles}")
    loop = asyncio.get_running_loop()
    fixed_at = loop.time()
    clients.set_default(Endpoint.named(emulator.base_url))  # the region fixed in Settings
    await asyncio.wait_for(engine.wait_until_settled([j.id for j in jobs]), 20)
    assert loop.time() - fixed_at < 10  # not the 60 s back-off
    done = [library.jobs.get(j.id) for j in jobs]
    assert [j.state for j in done] == [JobState.DONE] * 3
    assert {j.endpoint for j in done} == {emulator.base_url}
    assert troubles[-1] is None
    await engine.stop()
    await clients.aclose()


async def test_resume_goes_to_each_jobs_own_endpoint_whatever_the_default(
    library: Library, emulator: Emulator, second_emulator: Emulator, make_folder
) -> None:
    emulator.config.fixed_processing_s = 1.0
    first = ClientFactory(emulator.api_key, Endpoint.named(emulator.base_url), build=fast)
    engine = JobEngine(library, first, FAST_ENGINE)
    jobs = engine.add(expand(map(str, make_folder(2))), PARAFORMER, TranscriptionOptions())
    engine.start()
    await asyncio.wait_for(engine.wait_until_settled([j.id for j in jobs], submitted=True), 20)
    await engine.stop()
    await first.aclose()
    # The default is now another service: the jobs' tasks exist only on the first.
    other = ClientFactory(emulator.api_key, Endpoint.named(second_emulator.base_url), build=fast)
    resumed = JobEngine(library, other, FAST_ENGINE)
    resumed.start()
    await asyncio.wait_for(resumed.wait_until_settled([j.id for j in jobs]), 20)
    assert [library.jobs.get(j.id).state for j in jobs] == [JobState.DONE] * 2
    assert second_emulator.requests() == []
    await resumed.stop()
    await other.aclose()


async def test_a_task_whose_jobs_were_cancelled_while_it_was_submitted_is_cancelled(
    engine: JobEngine, library: Library, emulator: Emulator, make_folder
) -> None:
    emulator.config.pending_s = 5.0  # still PENDING, so still cancellable, once it exists
    emulator.faults.inject("slow-answer", "submit", delay_s=1.0)
    jobs = engine.add(expand(map(str, make_folder(2))), PARAFORMER, TranscriptionOptions())
    engine.start()
    ids = [j.id for j in jobs]
    await until(
        lambda: all(library.jobs.get(i).state is JobState.SUBMITTING for i in ids), "submitting"
    )
    for job_id in ids:
        engine.cancel(job_id)
    await until(lambda: emulator.requests("cancel"), "the cancel on the service")
    (task,) = emulator.tasks.all()
    assert [r.status for r in emulator.requests("cancel")] == [200]
    assert task.task_id in emulator.requests("cancel")[0].path
    assert {library.jobs.get(i).task_id for i in ids} == {task.task_id}  # kept, for the record


async def test_a_lost_submit_whose_search_fails_for_good_fails_every_job_of_it(
    engine: JobEngine, library: Library, emulator: Emulator, tmp_path: Path, make_folder
) -> None:
    files = make_folder(3)
    urls = [emulator.host_file(f, f.name) for f in files]
    jobs = engine.add(expand(urls), PARAFORMER, TranscriptionOptions())
    # What a crash in the middle of a submit leaves: every job "submitting".
    library.jobs.update_many(
        [j.id for j in jobs],
        state=JobState.SUBMITTING,
        file_url=None,
        submit_started_at=datetime.now(UTC),
    )
    for job in jobs:
        library.jobs.update(job.id, file_url=job.source, endpoint=emulator.base_url)
    emulator.faults.inject("error", "list", count=None, status=400, code="InvalidParameter",
                           message="the task list refuses this window")  # fmt: skip
    engine.start()
    await asyncio.wait_for(engine.wait_until_settled([j.id for j in jobs]), 20)
    states = [library.jobs.get(j.id) for j in jobs]
    assert [j.state for j in states] == [JobState.FAILED] * 3
    assert all("refuses this window" in (j.error_message or "") for j in states)
    assert emulator.submit_bodies() == []  # never sent blind a second time
