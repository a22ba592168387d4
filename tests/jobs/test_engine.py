"""The queue engine against the emulated service: files in, results attached, nothing lost."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.dashscope.options import TranscriptionOptions
from desktop.jobs.engine import JobEngine
from desktop.jobs.sources import Source, expand
from desktop.jobs.usage import monthly_usage
from desktop.store.jobs import Job, JobState
from desktop.store.library import Library
from tests.fake_dashscope.server import Emulator
from tests.helpers.clients import FAST_ENGINE, fast_client
from tests.helpers.media import speech
from tests.helpers.waiting import until

pytestmark = pytest.mark.asyncio
PARAFORMER = "paraformer-v2"


async def settle(
    engine: JobEngine, library: Library, jobs: list[Job], timeout: float = 90
) -> list[Job]:
    """The jobs as the library holds them once the engine has settled every one."""
    await asyncio.wait_for(engine.wait_until_settled([j.id for j in jobs]), timeout)
    return library.jobs.get_many([j.id for j in jobs])


def submitted_urls(emulator: Emulator) -> Counter[str]:
    return Counter(url for body in emulator.submit_bodies() for url in body["input"]["file_urls"])


def assert_each_result_is_its_files(library: Library, jobs: list[Job]) -> None:
    """Files differ in length by 150 ms, so a swapped result has the wrong duration."""
    for job in jobs:
        assert job.state is JobState.DONE, (job.title, job.error_message)
        transcript = library.transcript(job.item_id)
        assert job.duration_ms is not None and transcript.duration_ms is not None
        assert abs(transcript.duration_ms - job.duration_ms) < 60, job.title


async def test_thirty_files_in_mixed_formats_all_come_back_to_the_right_job(
    make_engine, library: Library, emulator: Emulator, make_folder
) -> None:
    files = make_folder(30)
    assert len({f.suffix for f in files}) == 16
    engine = make_engine(replace(FAST_ENGINE, batch_linger_s=30))
    jobs = engine.add(expand([str(files[0].parent)]), PARAFORMER, TranscriptionOptions())
    engine.start()
    jobs = await settle(engine, library, jobs)
    assert_each_result_is_its_files(library, jobs)
    assert len(library.items()) == 30
    # One task carried all thirty files, each sent once; each file was uploaded once.
    assert len(emulator.submit_bodies()) == 1
    assert set(submitted_urls(emulator).values()) == {1}
    assert len([r for r in emulator.requests("upload") if r.status == 200]) == 30
    assert all(j.estimated_cost and j.estimated_cost > 0 for j in jobs)


async def test_state_changes_reach_listeners_in_order(
    engine: JobEngine, library: Library, emulator: Emulator, make_folder
) -> None:
    seen: list[JobState] = []
    engine.on_job(lambda job: seen.append(job.state) if not seen or seen[-1] != job.state else None)
    jobs = engine.add(expand(map(str, make_folder(1))), PARAFORMER, TranscriptionOptions())
    engine.start()
    await settle(engine, library, jobs)
    assert seen[0] is JobState.QUEUED and seen[-1] is JobState.DONE
    order = list(JobState)
    assert [order.index(s) for s in seen] == sorted(order.index(s) for s in seen)
    assert {JobState.PROBING, JobState.UPLOADING, JobState.SUBMITTED, JobState.FETCHING} <= set(
        seen
    )


async def test_a_file_with_the_wrong_sample_rate_is_refused_before_upload(
    engine: JobEngine, library: Library, emulator: Emulator, tmp_path: Path
) -> None:
    wide = speech(tmp_path / "call.wav", "Hello", rate=16000)
    jobs = engine.add(expand([str(wide)]), "paraformer-8k-v2", TranscriptionOptions())
    engine.start()
    (job,) = await settle(engine, library, jobs)
    assert job.state is JobState.FAILED
    assert "call.wav" in job.error_message and "8 kHz" in job.error_message
    assert "paraformer-v2" in job.error_message  # the message names the model to use
    assert emulator.requests("get_policy") == [] and emulator.requests("upload") == []


async def test_throttling_and_server_error_bursts_slow_the_queue_but_lose_nothing(
    engine: JobEngine, library: Library, emulator: Emulator, make_folder
) -> None:
    emulator.faults.server_errors("submit", count=3)
    emulator.faults.server_errors("query", count=6, status=502, code="BadGateway")
    emulator.faults.server_errors(
        "result", count=4, status=429, code="Throttling.RateQuota", message="slow down"
    )
    emulator.faults.server_errors("get_policy", count=12, status=500, code="InternalError")
    troubles: list[str | None] = []
    engine.on_trouble(troubles.append)
    jobs = engine.add(expand(map(str, make_folder(6))), PARAFORMER, TranscriptionOptions())
    engine.start()
    jobs = await settle(engine, library, jobs)
    assert_each_result_is_its_files(library, jobs)
    # The person saw that the queue was waiting out trouble, and that it passed.
    host = emulator.base_url.split("//", 1)[1].split("/", 1)[0]
    assert any(t and host in t and "next try in" in t for t in troubles), troubles
    assert troubles[-1] is None
    assert set(submitted_urls(emulator).values()) == {1}
    assert len(emulator.requests("submit")) > len(emulator.submit_bodies())  # errors were seen


async def test_one_failed_file_fails_alone_with_the_services_code_and_advice(
    make_engine, library: Library, emulator: Emulator, make_folder
) -> None:
    files = make_folder(3)
    emulator.script(files[1], code="InvalidFile.DecodeFailed", message="cannot decode")
    engine = make_engine(replace(FAST_ENGINE, batch_linger_s=30))
    jobs = engine.add(expand(map(str, files)), PARAFORMER, TranscriptionOptions())
    engine.start()
    jobs = await settle(engine, library, jobs)
    assert [j.state for j in jobs] == [JobState.DONE, JobState.FAILED, JobState.DONE]
    assert jobs[1].error_code == "InvalidFile.DecodeFailed"
    assert "ffmpeg" in jobs[1].advice
    assert len({j.task_id for j in jobs}) == 1


async def test_retrying_a_failed_job_reuses_its_upload(
    engine: JobEngine, library: Library, emulator: Emulator, make_folder
) -> None:
    (clip,) = make_folder(1)
    emulator.script(clip, code="InvalidFile.DecodeFailed", message="cannot decode")
    jobs = engine.add(expand([str(clip)]), PARAFORMER, TranscriptionOptions())
    engine.start()
    (failed,) = await settle(engine, library, jobs)
    assert failed.state is JobState.FAILED
    emulator.scripts.clear()
    engine.retry(failed.id)
    (done,) = await settle(engine, library, jobs)
    assert done.state is JobState.DONE and done.task_id != failed.task_id
    assert len(emulator.requests("upload")) == 1
    assert submitted_urls(emulator) == Counter({failed.file_url: 2})


async def test_a_rejected_key_pauses_the_queue_until_a_good_key_comes(
    library: Library, emulator: Emulator, make_folder
) -> None:
    bad = fast_client(emulator, api_key="sk-not-a-real-key-0000")
    engine = JobEngine(library, bad, FAST_ENGINE)
    reasons: list[str | None] = []
    engine.on_pause(reasons.append)
    jobs = engine.add(expand(map(str, make_folder(2))), PARAFORMER, TranscriptionOptions())
    engine.start()
    await asyncio.wait_for(engine.wait_until_settled([j.id for j in jobs]), 30)
    assert reasons and "key" in reasons[0].lower()
    assert all(not library.jobs.get(j.id).state.final for j in jobs)  # paused, not failed
    good = fast_client(emulator)
    engine.set_client(good)
    jobs = await settle(engine, library, jobs)
    assert [j.state for j in jobs] == [JobState.DONE, JobState.DONE]
    assert reasons[-1] is None
    await engine.stop()
    await bad.aclose()
    await good.aclose()


async def test_cancel_before_submit_and_while_pending(
    make_engine, client, library: Library, emulator: Emulator, make_folder
) -> None:
    files = make_folder(2)
    emulator.config.pending_s = 30  # tasks stay PENDING
    engine = make_engine(replace(FAST_ENGINE, batch_linger_s=0))
    early = engine.add(expand([str(files[0])]), PARAFORMER, TranscriptionOptions())
    engine.cancel(early[0].id)  # not started: nothing is sent
    late = engine.add(expand([str(files[1])]), PARAFORMER, TranscriptionOptions())
    engine.start()
    await until(lambda: library.jobs.get(late[0].id).state is JobState.SUBMITTED, "the submit", 20)
    engine.cancel(late[0].id)
    await until(lambda: emulator.requests("cancel"), "the cancel request", 5)
    (job,) = await settle(engine, library, late)
    assert job.state is JobState.CANCELED
    assert [r.status for r in emulator.requests("cancel")] == [200]
    on_service = await engine.clients.client_for(job.endpoint).query(job.task_id)
    assert on_service.status.value == "CANCELED"
    assert submitted_urls(emulator).total() == 1  # the early one never left


async def test_a_job_detached_while_running_discards_its_result(
    engine: JobEngine, library: Library, emulator: Emulator, make_folder
) -> None:
    emulator.config.fixed_processing_s = 1.0
    jobs = engine.add(expand(map(str, make_folder(1))), PARAFORMER, TranscriptionOptions())
    engine.start()
    await until(lambda: library.jobs.get(jobs[0].id).state is JobState.RUNNING, "running", 8)
    engine.cancel(jobs[0].id)
    await asyncio.sleep(1.5)
    assert library.jobs.get(jobs[0].id).state is JobState.CANCELED
    assert library.items() == []
    assert emulator.requests("cancel") == [] or emulator.requests("cancel")[0].status == 400


async def test_stopping_anywhere_and_starting_again_finishes_every_file_once(
    library: Library, emulator: Emulator, make_folder
) -> None:
    files = make_folder(8)
    emulator.faults.inject("latency", "upload", count=None, delay_s=0.1)
    client = fast_client(emulator)
    first = JobEngine(library, client, replace(FAST_ENGINE, upload_concurrency=2))
    jobs = first.add(expand(map(str, files)), PARAFORMER, TranscriptionOptions())
    first.start()
    await asyncio.sleep(0.35)  # some uploaded, some uploading, none submitted
    await first.stop()
    states = {library.jobs.get(j.id).state for j in jobs}
    assert JobState.UPLOADING in states
    emulator.faults.clear()
    second = JobEngine(library, client, FAST_ENGINE)
    second.start()
    jobs = await settle(second, library, jobs)
    assert_each_result_is_its_files(library, jobs)
    assert set(submitted_urls(emulator).values()) == {1}
    await second.stop()
    await client.aclose()


async def test_a_lost_submit_answer_is_found_in_the_task_list_not_sent_twice(
    library: Library, emulator: Emulator, make_folder
) -> None:
    files = make_folder(2)
    emulator.faults.inject("lose-answer", "submit")
    client = fast_client(emulator)
    engine = JobEngine(library, client, replace(FAST_ENGINE, batch_linger_s=30))
    jobs = engine.add(expand(map(str, files)), PARAFORMER, TranscriptionOptions())
    engine.start()
    jobs = await settle(engine, library, jobs)
    assert_each_result_is_its_files(library, jobs)
    assert len(emulator.requests("submit")) == 1  # the task list answered; nothing resent
    assert emulator.requests("list")
    await engine.stop()
    await client.aclose()


async def test_a_crash_between_submit_and_storing_the_task_id_is_reconciled(
    library: Library, emulator: Emulator, make_folder
) -> None:
    """The row says SUBMITTING and no task id: the task exists on the service anyway."""
    files = make_folder(2)
    client = fast_client(emulator)
    engine = JobEngine(library, client, replace(FAST_ENGINE, batch_linger_s=30))
    jobs = engine.add(expand(map(str, files)), PARAFORMER, TranscriptionOptions())
    emulator.faults.inject("slow-answer", "submit", delay_s=2.0)
    engine.start()
    await until(emulator.tasks.all, "the service to make the task", 8)
    # The service has made the task; its answer is still on the way.
    await engine.stop()  # the "crash": the answer never reaches the library
    assert {library.jobs.get(j.id).state for j in jobs} == {JobState.SUBMITTING}
    again = JobEngine(library, client, FAST_ENGINE)
    again.start()
    jobs = await settle(again, library, jobs)
    assert_each_result_is_its_files(library, jobs)
    assert len(emulator.tasks.all()) == 1  # the service made one task, and only one
    await again.stop()
    await client.aclose()


async def test_urls_go_straight_to_the_service_and_usage_is_counted_once(
    engine: JobEngine, library: Library, emulator: Emulator, make_folder
) -> None:
    (clip,) = make_folder(1)
    url = emulator.host_file(clip, "会议 录音.wav")
    jobs = engine.add([Source(url, True, "会议 录音.wav")], PARAFORMER, TranscriptionOptions())
    engine.start()
    (job,) = await settle(engine, library, jobs)
    assert job.state is JobState.DONE, job.error_message
    assert emulator.requests("upload") == []
    assert job.usage_seconds and job.usage_seconds > 0
    (usage,) = monthly_usage(library.jobs)
    assert usage.seconds == job.usage_seconds
    assert usage.free_left_seconds == usage.free_seconds - usage.seconds


async def test_a_broken_result_file_fails_its_job_with_the_reason_instead_of_retrying_forever(
    engine: JobEngine, library: Library, emulator: Emulator, make_folder
) -> None:
    emulator.faults.inject("malformed", "result", count=None)
    jobs = engine.add(expand(map(str, make_folder(1))), PARAFORMER, TranscriptionOptions())
    engine.start()
    (job,) = await settle(engine, library, jobs, timeout=30)
    assert job.state is JobState.FAILED and job.error_code == "MalformedResult"
    assert job.title in job.error_message and "result file is not valid" in job.error_message
    assert "retry the job" in job.advice
    assert library.items() == []


async def test_a_new_upload_limit_applies_to_the_running_queue(
    library: Library, emulator: Emulator, make_folder
) -> None:
    """Settings → upload concurrency, changed while files wait: no restart needed."""
    files = make_folder(6)
    emulator.faults.inject("latency", "upload", count=None, delay_s=0.4)
    client = fast_client(emulator)
    engine = JobEngine(library, client, replace(FAST_ENGINE, upload_concurrency=1))
    jobs = engine.add(expand(map(str, files)), PARAFORMER, TranscriptionOptions())
    engine.start()
    await asyncio.sleep(1.0)  # 0.4 s per upload, one at a time
    changed_at = time.time()
    engine.set_concurrency(uploads=4, fetches=8)
    jobs = await settle(engine, library, jobs)
    assert_each_result_is_its_files(library, jobs)
    arrivals = sorted(r.time for r in emulator.requests("upload"))
    before = [t for t in arrivals if t < changed_at]
    after = [t for t in arrivals if t >= changed_at]
    assert 1 <= len(before) <= 3 and most_within(before, 0.3) == 1
    assert most_within(after, 0.3) >= 3  # the waiting files went together once allowed
    await engine.stop()
    await client.aclose()


def most_within(times: list[float], span: float) -> int:
    """The most of the sorted ``times`` that fall inside one window of ``span`` seconds."""
    return max((sum(1 for u in times[i:] if u - t < span) for i, t in enumerate(times)), default=0)


async def test_only_files_really_being_probed_say_probing(
    library: Library, emulator: Emulator, make_folder
) -> None:
    """A long queue reads a few files at a time; the others still say "queued"
    (the list must not claim a hundred files are being probed at once)."""
    state: dict[int, JobState] = {}
    most_probing = 0

    def on_job(job: Job) -> None:
        nonlocal most_probing
        state[job.id] = job.state
        most_probing = max(most_probing, sum(s is JobState.PROBING for s in state.values()))

    async with fast_client(emulator) as client:
        engine = JobEngine(library, client, replace(FAST_ENGINE, probe_concurrency=2))
        engine.on_job(on_job)
        jobs = engine.add(expand(map(str, make_folder(12))), PARAFORMER, TranscriptionOptions())
        engine.start()
        try:
            jobs = await settle(engine, library, jobs)
        finally:
            await engine.stop()
    assert_each_result_is_its_files(library, jobs)
    assert most_probing == 2
