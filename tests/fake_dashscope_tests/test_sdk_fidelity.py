"""Fidelity: the official ``dashscope`` SDK's documented flow runs unmodified against the emulator.

If the SDK can submit, wait, fetch results, manage vocabularies, list, cancel
and upload a local file here, the emulator speaks the service's protocol the
way the vendor's own client expects it.
"""

from __future__ import annotations

import json
import urllib.request
from http import HTTPStatus

import pytest

from tests.fake_dashscope import Emulator

pytestmark = pytest.mark.fidelity


@pytest.fixture
def sdk(dashscope_emulator: Emulator, monkeypatch: pytest.MonkeyPatch):
    import dashscope

    monkeypatch.setattr(dashscope, "base_http_api_url", dashscope_emulator.base_url)
    monkeypatch.setattr(dashscope, "api_key", dashscope_emulator.api_key)
    return dashscope


def test_transcription_async_call_and_wait(sdk, dashscope_emulator, spoken, silent):
    from dashscope.audio.asr import Transcription

    urls = [dashscope_emulator.host_file(spoken), dashscope_emulator.host_file(silent)]
    task = Transcription.async_call(
        model="paraformer-v2", file_urls=urls, language_hints=["en"], diarization_enabled=True
    )
    assert task.status_code == HTTPStatus.OK, task.message
    assert task.output.task_status == "PENDING"

    done = Transcription.wait(task=task.output.task_id)
    assert done.status_code == HTTPStatus.OK
    assert done.output.task_status == "SUCCEEDED"
    ok, silence = done.output.results
    assert silence["subtask_status"] == "FAILED"
    assert silence["code"] == "SUCCESS_WITH_NO_VALID_FRAGMENT"
    assert done.usage.duration >= 1
    with urllib.request.urlopen(ok["transcription_url"]) as answer:  # the docs' way
        result = json.load(answer)
    sentence = result["transcripts"][0]["sentences"][0]
    assert sentence["words"] and "speaker_id" in sentence

    body = dashscope_emulator.submit_bodies()[0]
    assert body == {
        "model": "paraformer-v2",
        "input": {"file_urls": urls},
        "parameters": {"language_hints": ["en"], "diarization_enabled": True},
    }


def test_sdk_sees_a_failed_task_and_errors_as_responses(sdk, dashscope_emulator):
    from dashscope.audio.asr import Transcription

    task = Transcription.async_call(
        model="fun-asr", file_urls=["https://unreachable.example.com/a.wav"]
    )
    done = Transcription.wait(task=task.output.task_id)
    assert done.output.task_status == "FAILED"
    assert done.output.results[0]["code"] == "InvalidFile.DownloadFailed"

    refused = Transcription.async_call(
        model="paraformer-v2", file_urls=["https://a.example/x"], api_key="sk-not-ours"
    )
    assert (refused.status_code, refused.code) == (401, "InvalidApiKey")


def test_sdk_retries_through_a_503_burst(sdk, dashscope_emulator, spoken):
    from dashscope.audio.asr import Transcription

    task = Transcription.async_call(
        model="paraformer-v2", file_urls=[dashscope_emulator.host_file(spoken)]
    )
    dashscope_emulator.faults.server_errors("query", count=1, status=503)
    done = Transcription.wait(task=task.output.task_id)
    assert done.output.task_status == "SUCCEEDED"


def test_vocabulary_service(sdk):
    from dashscope.audio.asr import VocabularyService

    service = VocabularyService()
    vocabulary_id = service.create_vocabulary(
        target_model="paraformer-v2",
        prefix="fidelity",
        vocabulary=[{"text": "Tingxie", "weight": 4, "lang": "en"}],
    )
    assert vocabulary_id.startswith("vocab-fidelity-")
    listed = service.list_vocabularies(prefix="fidelity")
    assert [v["vocabulary_id"] for v in listed] == [vocabulary_id]
    assert service.query_vocabulary(vocabulary_id)["target_model"] == "paraformer-v2"
    service.update_vocabulary(vocabulary_id, [{"text": "听写", "weight": 5}])
    assert service.query_vocabulary(vocabulary_id)["vocabulary"] == [{"text": "听写", "weight": 5}]
    service.delete_vocabulary(vocabulary_id)
    assert service.list_vocabularies(prefix="fidelity") == []


def test_list_and_cancel(sdk, dashscope_emulator):
    from dashscope.audio.asr import Transcription

    dashscope_emulator.config.pending_s = 3600
    task = Transcription.async_call(
        model="paraformer-v2", file_urls=["https://cdn.example.com/a.wav"]
    )
    listed = Transcription.list()
    assert listed.status_code == HTTPStatus.OK
    assert [item["task_id"] for item in listed.output["data"]] == [task.output.task_id]
    cancelled = Transcription.cancel(task.output.task_id)
    assert cancelled.status_code == HTTPStatus.OK
    assert Transcription.fetch(task.output.task_id).output.task_status == "CANCELED"
    again = Transcription.cancel(task.output.task_id)
    assert (again.status_code, again.code) == (400, "UnsupportedOperation")


def test_upload_helper_then_transcribe_the_oss_url(sdk, dashscope_emulator, spoken, tmp_path):
    from dashscope.audio.asr import Transcription
    from dashscope.common.error import UploadFileException
    from dashscope.utils.oss_utils import OssUtils

    oss_url, certificate = OssUtils.upload(
        model="paraformer-v2", file_path=str(spoken), api_key=dashscope_emulator.api_key
    )
    assert oss_url.startswith("oss://dashscope-instant/") and oss_url.endswith("/spoken.wav")
    stored = dashscope_emulator.objects.lookup(oss_url.removeprefix("oss://"))
    assert stored is not None and stored.size == spoken.stat().st_size
    upload = dashscope_emulator.requests("upload")[0]
    assert upload.status == 200

    task = Transcription.async_call(
        model="paraformer-v2",
        file_urls=[oss_url],
        headers={"X-DashScope-OssResourceResolve": "enable"},
    )
    done = Transcription.wait(task=task.output.task_id)
    assert done.output.results[0]["subtask_status"] == "SUCCEEDED"
    # The certificate is reusable until it expires, for another file name: the
    # policy forbids overwriting, so the same name again is refused.
    other = tmp_path / "other.wav"
    other.write_bytes(spoken.read_bytes())
    second, _ = OssUtils.upload(
        model="paraformer-v2", file_path=str(other), upload_certificate=certificate
    )
    assert second.removesuffix("/other.wav") == oss_url.removesuffix("/spoken.wav")
    with pytest.raises(UploadFileException, match="FileAlreadyExists"):
        OssUtils.upload(
            model="paraformer-v2", file_path=str(spoken), upload_certificate=certificate
        )


@pytest.mark.filterwarnings("ignore")  # the v2 audio API announces itself as a preview
def test_v2_client_jobs(dashscope_emulator, spoken):
    import dashscope
    from dashscope.v2.errors import DashScopeError

    client = dashscope.Client(
        api_key=dashscope_emulator.api_key, base_url=dashscope_emulator.base_url
    )
    url = dashscope_emulator.host_file(spoken)
    job = client.audio.asr.jobs.create(model="paraformer-v2", file_urls=[url])
    done = client.audio.asr.jobs.wait(job)
    assert done.status == "SUCCEEDED"
    assert done.output["results"][0]["subtask_status"] == "SUCCEEDED"
    failing = client.audio.asr.jobs.create(
        model="fun-asr", file_urls=["https://unreachable.example.com/a.wav"]
    )
    with pytest.raises(DashScopeError, match="cannot be downloaded"):
        client.audio.asr.jobs.wait(failing)


def test_qwen_transcription_async_call_fetch_and_wait(sdk, dashscope_emulator, spoken):
    from dashscope.audio.qwen_asr import QwenTranscription

    url = dashscope_emulator.host_file(spoken)
    task = QwenTranscription.async_call(
        model="qwen3-asr-flash-filetrans",
        file_url=url,
        channel_id=[0],
        enable_itn=False,
        enable_words=True,
        language="en",
        corpus={"text": "Tingxie"},
    )
    assert task.status_code == HTTPStatus.OK, task.message
    assert task.output.task_status == "PENDING"
    polled = QwenTranscription.fetch(task=task.output.task_id)
    assert polled.status_code == HTTPStatus.OK
    assert polled.output.task_status in ("PENDING", "RUNNING", "SUCCEEDED")

    done = QwenTranscription.wait(task=task)
    assert done.status_code == HTTPStatus.OK
    assert done.output.task_status == "SUCCEEDED"
    assert done.usage["seconds"] >= 1
    with urllib.request.urlopen(done.output["result"]["transcription_url"]) as answer:
        result = json.load(answer)
    assert "properties" not in result and result["audio_info"]["sample_rate"] > 0
    first = result["transcripts"][0]["sentences"][0]
    assert first["sentence_id"] == 0 and first["language"] == "en"
    assert first["emotion"] in ("neutral", "happy", "sad", "angry", "surprised") and first["words"]

    assert dashscope_emulator.submit_bodies()[0] == {
        "model": "qwen3-asr-flash-filetrans",
        "parameters": {
            "channel_id": [0],
            "enable_itn": False,
            "enable_words": True,
            "language": "en",
            "corpus": {"text": "Tingxie"},
        },
        "input": {"file_url": url},
    }


def test_qwen_transcription_sees_a_failed_file_in_both_shapes(sdk, dashscope_emulator):
    from dashscope.audio.qwen_asr import QwenTranscription

    from tests.fake_dashscope.config import QwenFailedShape

    url = "https://unreachable.example.com/a.wav"
    task = QwenTranscription.async_call(model="qwen3-asr-flash-filetrans", file_url=url)
    done = QwenTranscription.wait(task=task.output.task_id)
    assert done.output.task_status == "FAILED"
    assert done.output["code"] == "InvalidFile.DownloadFailed"

    dashscope_emulator.config.qwen_failed_shape = QwenFailedShape.SUCCEEDED_WITH_FAILED_RESULT
    task = QwenTranscription.async_call(model="qwen3-asr-flash-filetrans", file_url=url)
    done = QwenTranscription.wait(task=task.output.task_id)
    assert done.output.task_status == "SUCCEEDED"
    assert done.output.results[0]["subtask_status"] == "FAILED"


def test_sdk_hears_model_not_exist_for_a_retired_model(sdk, dashscope_emulator):
    from dashscope.audio.asr import Transcription

    from tests.fake_dashscope.config import RetiredAnswer

    dashscope_emulator.config.retired_models = {"paraformer-v1"}
    for answer, status in ((RetiredAnswer.NOT_EXIST_400, 400), (RetiredAnswer.NOT_EXIST_404, 404)):
        dashscope_emulator.config.retired_answer = answer
        refused = Transcription.async_call(model="paraformer-v1", file_urls=["https://a.example/x"])
        assert (refused.status_code, refused.message) == (status, "Model not exist.")
