"""Qwen3-ASR file transcription through the client: its own submit body, its query
shapes (success, FAILED at task level, SUCCEEDED with a failed subtask), one task
per file, and the advice a retired model's "Model not exist." gets."""

from __future__ import annotations

import pytest

from desktop.dashscope import errors
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.options import TranscriptionOptions
from desktop.dashscope.wire import TaskStatus, decode_task
from tests.fake_dashscope.config import QwenFailedShape, RetiredAnswer
from tests.helpers.clients import fast_client

QWEN = "qwen3-asr-flash-filetrans"
UNREACHABLE = "https://unreachable.example.com/a.wav"


@pytest.mark.asyncio
async def test_a_qwen_file_becomes_a_transcript_with_language_and_emotion(
    dashscope_emulator, spoken_wav
):
    url = dashscope_emulator.host_file(spoken_wav)
    options = TranscriptionOptions(language="en", enable_words=True, context_text="Tingxie")
    async with fast_client(dashscope_emulator) as client:
        task = await client.submit(QWEN, [url], options)
        done = await client.wait(task.task_id)
        result = done.result_for(url)
        assert result is not None and result.status is TaskStatus.SUCCEEDED
        _raw, transcript = await client.fetch_transcript(result.transcription_url)
    assert dashscope_emulator.submit_bodies()[0] == {
        "model": QWEN,
        "parameters": {"language": "en", "enable_words": True, "corpus": {"text": "Tingxie"}},
        "input": {"file_url": url},
    }
    assert done.status is TaskStatus.SUCCEEDED and done.usage_seconds and done.usage_seconds >= 1
    sentences = transcript.channels[0].sentences
    assert sentences[0].sentence_id == 0 and sentences[0].words
    assert all(s.language == "en" and s.emotion for s in sentences)
    assert "en" in sentences[0].labels and sentences[0].emotion in sentences[0].labels
    assert transcript.sampling_rate == 16000


@pytest.mark.asyncio
@pytest.mark.parametrize("shape", list(QwenFailedShape))
async def test_a_failed_qwen_file_carries_the_services_code_in_both_shapes(
    dashscope_emulator, shape
):
    dashscope_emulator.config.qwen_failed_shape = shape
    async with fast_client(dashscope_emulator) as client:
        done = await client.wait((await client.submit(QWEN, [UNREACHABLE])).task_id)
    result = done.result_for(UNREACHABLE)
    if shape is QwenFailedShape.FAILED_AT_TASK_LEVEL:
        assert done.status is TaskStatus.FAILED and result is None
        assert done.code == "InvalidFile.DownloadFailed"
    else:
        assert done.status is TaskStatus.SUCCEEDED
        assert result is not None and result.status is TaskStatus.FAILED
        assert result.code == "InvalidFile.DownloadFailed"


def test_the_documented_qwen_reply_decodes_as_one_result_billed_in_seconds():
    body = (
        b'{"request_id":"1dca","output":{"task_id":"8fab","task_status":"SUCCEEDED",'
        b'"submit_time":"2025-10-27 13:57:45.948","scheduled_time":"2025-10-27 13:57:46.018",'
        b'"end_time":"2025-10-27 13:57:47.079","result":{"transcription_url":"https://r/x.json"}},'
        b'"usage":{"seconds":3}}'
    )
    info = decode_task(body, Endpoint.named("beijing").service_tz)
    assert info.usage_seconds == 3 and info.end_time is not None
    assert [r.transcription_url for r in info.results] == ["https://r/x.json"]
    assert info.result_for("oss://any/file.wav") is info.results[0]  # its file is not named
    failed = decode_task(
        b'{"output":{"task_id":"t","task_status":"FAILED","code":"FILE_DOWNLOAD_FAILED",'
        b'"message":"m"},"usage":null}',
        Endpoint.named("beijing").service_tz,
    )
    assert failed.results == [] and failed.code == "FILE_DOWNLOAD_FAILED"


@pytest.mark.asyncio
async def test_many_qwen_files_become_one_task_each(dashscope_emulator, spoken_wav):
    dashscope_emulator.config.rate_limits = False
    urls = [dashscope_emulator.host_file(spoken_wav, f"part {n}.wav") for n in range(3)]
    async with fast_client(dashscope_emulator) as client:
        tasks = await client.submit_many(QWEN, urls)
    assert [group for group, _info in tasks] == [[u] for u in urls]
    assert len({info.task_id for _group, info in tasks}) == 3
    assert all("file_url" in body["input"] for body in dashscope_emulator.submit_bodies())


@pytest.mark.asyncio
@pytest.mark.parametrize("answer", [RetiredAnswer.NOT_EXIST_400, RetiredAnswer.NOT_EXIST_404])
async def test_model_not_exist_names_the_replacement(dashscope_emulator, answer):
    dashscope_emulator.config.retired_models = {"sensevoice-v1"}
    dashscope_emulator.config.retired_answer = answer
    async with fast_client(dashscope_emulator) as client:
        with pytest.raises(errors.ModelUnavailableError) as caught:
            await client.submit("sensevoice-v1", ["https://a.example/x.wav"])
    error = caught.value
    assert error.status == answer.answer[0]
    assert "sensevoice-v1 does not exist" in error.message
    assert "qwen3-asr-flash-filetrans" in error.advice
    assert len(dashscope_emulator.requests("submit")) == 1  # not retried: it will not come back
