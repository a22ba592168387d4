"""The queue with the service's current models: Qwen3-ASR one task per file, Fun-ASR's
options, and a retired model failing with advice that names its replacement."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.dashscope.options import SpecialWordFilter, TranscriptionOptions
from desktop.domain import catalog
from desktop.jobs.engine import JobEngine
from desktop.jobs.sources import expand
from desktop.store.jobs import Job, JobState
from desktop.store.library import Library
from tests.fake_dashscope.config import RetiredAnswer
from tests.fake_dashscope.server import Emulator
from tests.helpers.media import speech

pytestmark = pytest.mark.asyncio
QWEN = "qwen3-asr-flash-filetrans"


async def settle(engine: JobEngine, jobs: list[Job], timeout: float = 90) -> list[Job]:
    await asyncio.wait_for(engine.wait_until_settled([j.id for j in jobs]), timeout)
    return [engine._jobs.get(j.id) for j in jobs]


async def test_a_batch_of_qwen_files_goes_one_task_per_file_to_labelled_transcripts(
    engine: JobEngine, library: Library, emulator: Emulator, make_folder
) -> None:
    files = make_folder(3)
    options = TranscriptionOptions(language="en", enable_words=True)
    jobs = engine.add(expand(map(str, files)), QWEN, options)
    engine.start()
    jobs = await settle(engine, jobs)
    assert [j.state for j in jobs] == [JobState.DONE] * 3, [j.error_message for j in jobs]
    bodies = emulator.submit_bodies()
    assert len(bodies) == 3 and all(set(b["input"]) == {"file_url"} for b in bodies)
    assert len({j.task_id for j in jobs}) == 3
    for job in jobs:
        sentences = library.transcript(job.item_id).merged_sentences()
        assert sentences and all(s.language == "en" and s.emotion for s in sentences)
        assert job.usage_seconds and job.usage_seconds >= 1  # usage.seconds was recorded
    assert library.search("", label="en")
    assert {"en", "neutral"} <= set(library.labels())


async def test_fun_asr_options_reach_the_service_and_each_channel_is_estimated(
    engine: JobEngine, library: Library, emulator: Emulator, tmp_path: Path
) -> None:
    stereo = speech(tmp_path / "call.wav", "first speaker then second speaker", channels=2)
    options = TranscriptionOptions(
        channel_id=[0, 1],
        diarization_enabled=True,
        speaker_count=2,
        speech_noise_threshold=0.3,
        special_word_filter=SpecialWordFilter(mask_words=("secret",)),
    )
    jobs = engine.add(expand([str(stereo)]), "fun-asr", options)
    engine.start()
    (job,) = await settle(engine, jobs)
    assert job.state is JobState.DONE, job.error_message
    (body,) = emulator.submit_bodies()
    parameters = body["parameters"]
    assert parameters["speaker_count"] == 2 and parameters["diarization_enabled"] is True
    assert parameters["speech_noise_threshold"] == 0.3 and parameters["channel_id"] == [0, 1]
    assert json.loads(parameters["special_word_filter"])["filter_with_signed"] == {
        "word_list": ["secret"]
    }
    assert library.transcript(job.item_id).has_speakers
    fun = catalog.get("fun-asr")
    seconds = job.duration_ms / 1000
    assert job.estimated_cost == fun.estimate_cost(2 * seconds)  # both tracks are billed
    assert job.estimated_cost > fun.estimate_cost(seconds) > Decimal(0)


async def test_an_option_the_model_does_not_take_fails_the_job_before_any_submit(
    engine: JobEngine, emulator: Emulator, make_folder
) -> None:
    jobs = engine.add(expand(map(str, make_folder(1))), "fun-asr", TranscriptionOptions(
        language="en"))  # fmt: skip
    engine.start()
    (job,) = await settle(engine, jobs)
    assert job.state is JobState.FAILED and "language" in (job.error_message or "")
    assert emulator.requests("submit") == []


@pytest.mark.parametrize("answer", [RetiredAnswer.NOT_EXIST_400, RetiredAnswer.NOT_EXIST_404])
async def test_a_retired_model_fails_its_jobs_with_advice_naming_the_replacement(
    engine: JobEngine, emulator: Emulator, make_folder, answer: RetiredAnswer
) -> None:
    emulator.config.retired_models = {"paraformer-v1"}
    emulator.config.retired_answer = answer
    jobs = engine.add(expand(map(str, make_folder(2))), "paraformer-v1", TranscriptionOptions())
    engine.start()
    jobs = await settle(engine, jobs)
    for job in jobs:
        assert job.state is JobState.FAILED
        assert "paraformer-v1 does not exist" in (job.error_message or "")
        assert "Retry the job with paraformer-v2" in (job.advice or "")
    assert len(emulator.requests("submit")) == 1  # refused once; not retried for ever


async def test_a_lost_qwen_submit_is_adopted_when_alone_and_never_given_to_the_wrong_file(
    library: Library, emulator: Emulator, make_folder
) -> None:
    """Qwen3-ASR's query does not name its file: one lost submit takes the one unknown task;
    a crash with two unanswered submits resends rather than guess which task is whose."""
    from dataclasses import replace

    from tests.helpers.clients import FAST_ENGINE, fast_client

    emulator.config.rate_limits = False
    client = fast_client(emulator)
    (alone,) = make_folder(1, "alone")
    emulator.faults.inject("lose-answer", "submit")
    engine = JobEngine(library, client, FAST_ENGINE)
    jobs = engine.add(expand([str(alone)]), QWEN, TranscriptionOptions())
    engine.start()
    (job,) = await settle(engine, jobs)
    assert job.state is JobState.DONE and len(emulator.requests("submit")) == 1
    await engine.stop()

    emulator.clear_requests()
    pair = make_folder(2, "pair")
    engine = JobEngine(library, client, replace(FAST_ENGINE, batch_linger_s=30))
    jobs = engine.add(expand(map(str, pair)), QWEN, TranscriptionOptions())
    emulator.faults.inject("slow-answer", "submit", count=2, delay_s=2.0)
    engine.start()
    for _ in range(400):
        if len(emulator.tasks.all()) == 3:
            break
        await asyncio.sleep(0.02)
    await engine.stop()  # a crash: neither answer reached the library
    again = JobEngine(library, client, FAST_ENGINE)
    again.start()
    jobs = await settle(again, jobs)
    for job in jobs:
        assert job.state is JobState.DONE, job.error_message
        transcript = library.transcript(job.item_id)
        assert transcript.file_url.split("?")[0].endswith(Path(job.file_url or "").name)
    await again.stop()
    await client.aclose()
