"""Submit, wait, fetch, cancel and list against the emulator, as the job engine will."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.dashscope import client as client_module
from desktop.dashscope.options import TranscriptionOptions
from desktop.dashscope.wire import TaskStatus
from desktop.formats.result_file import parse_result
from tests.dashscope.conftest import make_client
from tests.fake_dashscope import AllFailedShape, NoSpeechLevel


@pytest.mark.asyncio
async def test_a_file_goes_from_submit_to_a_parsed_transcript(dashscope_emulator, spoken_wav):
    url = dashscope_emulator.host_file(spoken_wav)
    seen: list[TaskStatus] = []
    async with make_client(dashscope_emulator) as client:
        task = await client.submit(
            "paraformer-v2", [url], TranscriptionOptions(language_hints=["en"])
        )
        assert task.status is TaskStatus.PENDING
        done = await client.wait(task.task_id, on_update=lambda info: seen.append(info.status))
        body = await client.fetch_result(done.results[0].transcription_url)
    assert done.status is TaskStatus.SUCCEEDED
    assert done.results[0].file_url == url
    assert done.submit_time is not None and done.end_time is not None
    assert done.end_time >= done.submit_time
    assert seen[-1] is TaskStatus.SUCCEEDED
    assert len(seen) == len(set(seen))  # called once per status change, not per poll
    transcript = parse_result(body)
    assert transcript.channels[0].sentences


@pytest.mark.asyncio
async def test_file_names_with_spaces_and_cjk_are_sent_encoded(dashscope_emulator, spoken_wav):
    raw_url = dashscope_emulator.host_file(spoken_wav, "会议 录音 1.wav").replace(
        "%E4%BC%9A%E8%AE%AE%20%E5%BD%95%E9%9F%B3%201.wav", "会议 录音 1.wav"
    )
    assert " " in raw_url
    async with make_client(dashscope_emulator) as client:
        task = await client.submit("paraformer-v2", [raw_url])
        done = await client.wait(task.task_id)
    sent = dashscope_emulator.submit_bodies()[0]["input"]["file_urls"][0]
    assert sent.isascii() and " " not in sent
    assert done.status is TaskStatus.SUCCEEDED
    # The caller finds its file's result by the URL it gave.
    assert done.result_for(raw_url) is done.results[0]


@pytest.mark.asyncio
async def test_an_unknown_task_reads_as_unknown(dashscope_emulator):
    async with make_client(dashscope_emulator) as client:
        info = await client.query("00000000-0000-0000-0000-000000000000")
        assert info.status is TaskStatus.UNKNOWN
        assert (await client.wait(info.task_id)).is_final


@pytest.mark.asyncio
async def test_cancel_works_while_pending_and_says_too_late_after(dashscope_emulator):
    dashscope_emulator.config.pending_s = 3600
    dashscope_emulator.script("https://files.example/a.wav", duration_ms=5000)
    dashscope_emulator.script("https://files.example/b.wav", duration_ms=5000)
    async with make_client(dashscope_emulator) as client:
        pending = await client.submit("paraformer-v2", ["https://files.example/a.wav"])
        cancelled = await client.cancel(pending.task_id)
        assert cancelled is not None and cancelled.status is TaskStatus.CANCELED
        assert (await client.query(pending.task_id)).status is TaskStatus.CANCELED
        finished = await client.submit("paraformer-v2", ["https://files.example/b.wav"])
        dashscope_emulator.finish_all()
        assert await client.cancel(finished.task_id) is None
        assert (await client.query(finished.task_id)).status is TaskStatus.SUCCEEDED


@pytest.mark.asyncio
@pytest.mark.parametrize("shape", list(AllFailedShape))
async def test_every_all_failed_shape_reports_each_file_failure(dashscope_emulator, shape):
    dashscope_emulator.config.all_failed_shape = shape
    urls = ["https://files.example/gone-1.wav", "https://files.example/gone-2.wav"]
    for url in urls:
        dashscope_emulator.script(url, code="InvalidFile.DownloadFailed", message="cannot")
    async with make_client(dashscope_emulator) as client:
        task = await client.submit("paraformer-v2", urls)
        done = await client.wait(task.task_id)
    assert done.is_final
    assert not [r for r in done.results if r.status is TaskStatus.SUCCEEDED]
    if done.results:
        assert [r.file_url for r in done.results] == urls
        assert {r.code for r in done.results} == {"InvalidFile.DownloadFailed"}
    else:
        assert done.status is TaskStatus.FAILED and done.code == "InvalidFile.DownloadFailed"


@pytest.mark.asyncio
@pytest.mark.parametrize("level", list(NoSpeechLevel))
async def test_silence_is_reported_at_either_level(dashscope_emulator, tmp_path, level):
    from tests.helpers.media import ffmpeg

    silent = tmp_path / "quiet.wav"
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "2", silent)
    dashscope_emulator.config.no_speech_level = level
    async with make_client(dashscope_emulator) as client:
        task = await client.submit("paraformer-v2", [dashscope_emulator.host_file(silent)])
        done = await client.wait(task.task_id)
    codes = {r.code for r in done.results} | {done.code}
    assert "SUCCESS_WITH_NO_VALID_FRAGMENT" in codes


@pytest.mark.asyncio
async def test_list_reads_every_page(dashscope_emulator, monkeypatch):
    monkeypatch.setattr(client_module, "LIST_PAGE_SIZE", 4)
    dashscope_emulator.config.rate_limits = False
    async with make_client(dashscope_emulator) as client:
        made = set()
        for n in range(10):
            url = f"https://files.example/{n}.wav"
            dashscope_emulator.script(url, duration_ms=1000)
            made.add((await client.submit("fun-asr", [url])).task_id)
        now = datetime.now(UTC)
        listed = await client.list_tasks(start=now - timedelta(hours=1), end=now, model="fun-asr")
        assert {t.task_id for t in listed} == made
        assert len(listed) == 10
        assert all(t.model == "fun-asr" for t in listed)
        assert (
            await client.list_tasks(start=now - timedelta(hours=1), end=now, model="paraformer-v2")
            == []
        )
    fun_asr_pages = [
        r for r in dashscope_emulator.requests("list") if r.query["model_name"] == "fun-asr"
    ]
    assert [int(r.query["page_no"]) for r in fun_asr_pages] == [1, 2, 3]


@pytest.mark.asyncio
async def test_a_window_longer_than_a_day_is_split_and_nothing_is_listed_twice(dashscope_emulator):
    dashscope_emulator.config.rate_limits = False
    started = datetime.fromtimestamp(dashscope_emulator.clock.now(), UTC)
    made = []
    async with make_client(dashscope_emulator) as client:
        for n in range(3):
            url = f"https://files.example/day{n}.wav"
            dashscope_emulator.script(url, duration_ms=1000)
            made.append((await client.submit("paraformer-v2", [url])).task_id)
            dashscope_emulator.clock.advance(20 * 3600)
        end = datetime.fromtimestamp(dashscope_emulator.clock.now(), UTC)
        listed = await client.list_tasks(start=started - timedelta(minutes=1), end=end)
    assert sorted(t.task_id for t in listed) == sorted(made)
    windows = [r.query for r in dashscope_emulator.requests("list")]
    assert len(windows) >= 3  # 60 hours asked, at most 24 per request


@pytest.mark.asyncio
async def test_list_status_filter(dashscope_emulator):
    dashscope_emulator.config.pending_s = 3600
    dashscope_emulator.script("https://files.example/p.wav", duration_ms=1000)
    async with make_client(dashscope_emulator) as client:
        task = await client.submit("paraformer-v2", ["https://files.example/p.wav"])
        now = datetime.now(UTC)
        window = {"start": now - timedelta(minutes=5), "end": now + timedelta(minutes=5)}
        pending = await client.list_tasks(**window, status=TaskStatus.PENDING)
        done = await client.list_tasks(**window, status=TaskStatus.SUCCEEDED)
    assert [t.task_id for t in pending] == [task.task_id]
    assert done == []


@pytest.mark.asyncio
async def test_a_result_larger_than_the_cap_is_refused(dashscope_emulator, monkeypatch):
    from desktop.dashscope import errors
    from desktop.formats import result_file

    dashscope_emulator.script("https://files.example/r.wav", duration_ms=4000)
    async with make_client(dashscope_emulator) as client:
        done = await client.wait(
            (await client.submit("paraformer-v2", ["https://files.example/r.wav"])).task_id
        )
        monkeypatch.setattr(result_file, "MAX_RESULT_BYTES", 64)
        with pytest.raises(errors.MalformedResponseError, match="larger than") as caught:
            await client.fetch_result(done.results[0].transcription_url)
    assert caught.value.code == "ResultTooLarge"


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", ["truncate", "malformed", "drop"])
async def test_a_result_download_cut_short_is_fetched_again(dashscope_emulator, kind):
    from tests.fake_dashscope import FaultKind

    dashscope_emulator.script("https://files.example/r.wav", duration_ms=4000)
    async with make_client(dashscope_emulator) as client:
        done = await client.wait(
            (await client.submit("paraformer-v2", ["https://files.example/r.wav"])).task_id
        )
        dashscope_emulator.faults.inject(FaultKind(kind), "result", 1)
        body = await client.fetch_result(done.results[0].transcription_url)
    assert parse_result(body).channels
    assert len(dashscope_emulator.requests("result")) == 2


@pytest.mark.asyncio
async def test_a_result_that_is_never_readable_ends_as_malformed(dashscope_emulator):
    from desktop.dashscope import errors
    from tests.fake_dashscope import FaultKind

    dashscope_emulator.script("https://files.example/r.wav", duration_ms=4000)
    async with make_client(dashscope_emulator) as client:
        done = await client.wait(
            (await client.submit("paraformer-v2", ["https://files.example/r.wav"])).task_id
        )
        dashscope_emulator.faults.inject(FaultKind.MALFORMED, "result", None)
        with pytest.raises(errors.MalformedResponseError) as caught:
            await client.fetch_result(done.results[0].transcription_url)
    assert caught.value.code == "MalformedResult"
    assert "Signature" not in str(caught.value)  # signed URLs stay out of messages
