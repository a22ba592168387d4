"""Proof that what our client sends is what the official SDK sends.

The same job goes through ``dashscope.audio.asr.Transcription`` and through
``DashScopeClient``; the emulator records both submits and their model, input
and parameters must be equal, and both jobs must end with a readable result.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from desktop.dashscope.options import SpecialWordFilter, TranscriptionOptions
from desktop.formats.result_file import parse_result
from tests.fake_dashscope import Emulator
from tests.helpers.clients import fast_client

pytestmark = pytest.mark.fidelity

SWF = SpecialWordFilter(mask_words=("测试",), delete_words=("开始",))
CASES: list[tuple[str, dict[str, Any], TranscriptionOptions]] = [
    ("paraformer-v2", {}, TranscriptionOptions()),
    (
        "paraformer-v2",
        {
            "language_hints": ["zh", "en"],
            "diarization_enabled": True,
            "speaker_count": 2,
            "channel_id": [0],
            "disfluency_removal_enabled": True,
            "timestamp_alignment_enabled": True,
        },
        TranscriptionOptions(
            language_hints=("zh", "en"),
            diarization_enabled=True,
            speaker_count=2,
            channel_id=(0,),
            disfluency_removal_enabled=True,
            timestamp_alignment_enabled=True,
        ),
    ),
    (
        "fun-asr",
        {"language_hints": ["ja"], "special_word_filter": SWF.to_wire()},
        TranscriptionOptions(language_hints=("ja",), special_word_filter=SWF),
    ),
    (
        "sensevoice-v1",
        {"language_hints": ["auto"], "disfluency_removal_enabled": False},
        TranscriptionOptions(language_hints=("auto",), disfluency_removal_enabled=False),
    ),
    ("paraformer-8k-v2", {"channel_id": [0, 1]}, TranscriptionOptions(channel_id=(0, 1))),
]


def essentials(body: dict[str, Any]) -> dict[str, Any]:
    return {key: body.get(key) for key in ("model", "input", "parameters", "resources")}


@pytest.fixture
def sdk(dashscope_emulator: Emulator, monkeypatch: pytest.MonkeyPatch):
    import dashscope

    monkeypatch.setattr(dashscope, "base_http_api_url", dashscope_emulator.base_url)
    monkeypatch.setattr(dashscope, "api_key", dashscope_emulator.api_key)
    return dashscope


@pytest.mark.parametrize(
    ("model", "kwargs", "options"), CASES, ids=[f"{m}-{i}" for i, (m, _, _) in enumerate(CASES)]
)
def test_same_job_same_submit_body(
    sdk, dashscope_emulator, spoken, phone_call, model, kwargs, options
):
    from dashscope.audio.asr import Transcription

    url = dashscope_emulator.host_file(phone_call if "8k" in model else spoken)
    sdk_task = Transcription.async_call(model=model, file_urls=[url], **kwargs)
    assert sdk_task.status_code == 200, sdk_task.message
    sdk_done = Transcription.wait(task=sdk_task.output.task_id)

    async def run() -> tuple[str, bytes]:
        async with fast_client(dashscope_emulator) as client:
            task = await client.submit(model, [url], options)
            done = await client.wait(task.task_id)
            return done.status.value, await client.fetch_result(done.results[0].transcription_url)

    status, raw = asyncio.run(run())
    sdk_body, our_body = dashscope_emulator.submit_bodies()
    assert essentials(our_body) == essentials(sdk_body)
    assert status == sdk_done.output.task_status == "SUCCEEDED"
    assert parse_result(raw).file_url == url


def test_vocabulary_and_upload_bodies_match(sdk, dashscope_emulator, spoken):
    """A job with a hot-word vocabulary and a local file: the SDK's way and ours."""
    from dashscope.audio.asr import Transcription, VocabularyService
    from dashscope.utils.oss_utils import OssUtils

    words = [{"text": "Tingxie", "weight": 4, "lang": "en"}]
    sdk_vocabulary = VocabularyService().create_vocabulary(
        target_model="paraformer-v2", prefix="sdk", vocabulary=words
    )
    oss_url, _ = OssUtils.upload(model="paraformer-v2", file_path=str(spoken))
    sdk_task = Transcription.async_call(
        model="paraformer-v2",
        file_urls=[oss_url],
        vocabulary_id=sdk_vocabulary,
        headers={"X-DashScope-OssResourceResolve": "enable"},
    )
    assert Transcription.wait(task=sdk_task.output.task_id).output.task_status == "SUCCEEDED"

    async def run() -> str:
        from desktop.dashscope.vocabulary import VocabularyEntry

        async with fast_client(dashscope_emulator) as client:
            vocabulary = await client.vocabularies.create(
                "paraformer-v2", "ours", [VocabularyEntry(text="Tingxie", lang="en")]
            )
            uploaded = await client.upload("paraformer-v2", spoken)
            task = await client.submit(
                "paraformer-v2", [uploaded.oss_url], TranscriptionOptions(vocabulary_id=vocabulary)
            )
            return (await client.wait(task.task_id)).status.value

    assert asyncio.run(run()) == "SUCCEEDED"
    customs = [r.body for r in dashscope_emulator.requests("customization")]
    assert customs[0]["input"] | {"prefix": "x"} == customs[1]["input"] | {"prefix": "x"}
    sdk_submit, our_submit = dashscope_emulator.requests("submit")
    for record in (sdk_submit, our_submit):
        assert record.header("X-DashScope-OssResourceResolve") == "enable"
    sdk_body, our_body = essentials(sdk_submit.body), essentials(our_submit.body)
    for body in (sdk_body, our_body):
        body["parameters"].pop("vocabulary_id")
        # Object keys differ (our client makes file names unique); both are temporary URLs.
        body["input"]["file_urls"] = [
            u.startswith("oss://dashscope-instant/") for u in body["input"]["file_urls"]
        ]
    assert our_body == sdk_body
    uploads = dashscope_emulator.requests("upload")
    assert [u.status for u in uploads] == [200, 200]
    assert json.dumps(our_submit.body)  # recorded as JSON
