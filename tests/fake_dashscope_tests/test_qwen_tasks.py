"""The emulator's Qwen3-ASR file transcription: one ``file_url``, ``output.result``,
``usage.seconds``, a result with language and emotion per sentence, and failures
shaped as users captured them (qwen protocol doc §A, §R)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.fake_dashscope import Emulator
from tests.fake_dashscope.config import QwenFailedShape
from tests.helpers.raw_api import ASYNC, SUBMIT, finished, submit

QWEN = "qwen3-asr-flash-filetrans"


def qwen_submit(api: httpx.Client, url: object, **parameters: Any) -> httpx.Response:
    body = {"model": QWEN, "input": {"file_url": url}, "parameters": parameters}
    return api.post(SUBMIT, json=body, headers=ASYNC)


def test_a_qwen_task_answers_in_its_own_shape(api, dashscope_emulator: Emulator, spoken):
    url = dashscope_emulator.host_file(spoken)
    answer = qwen_submit(api, url, channel_id=[0], language="en", enable_words=True)
    assert answer.status_code == 200, answer.text
    task_id = answer.json()["output"]["task_id"]
    pending = api.get(f"/tasks/{task_id}").json()
    assert "task_metrics" not in pending["output"] and "usage" not in pending

    done = finished(api, dashscope_emulator, task_id)
    output = done["output"]
    assert output["task_status"] == "SUCCEEDED" and "results" not in output
    assert "task_metrics" not in output and output["end_time"]
    seconds = -(-dashscope_emulator.task(task_id).outcomes[0].duration_ms // 1000)
    assert done["usage"] == {"seconds": seconds}
    result = httpx.get(output["result"]["transcription_url"]).json()
    assert result["file_url"] == url and "properties" not in result
    assert result["audio_info"]["sample_rate"] == 16000
    sentences = result["transcripts"][0]["sentences"]
    assert [s["sentence_id"] for s in sentences] == list(range(len(sentences)))
    assert {s["language"] for s in sentences} == {"en"}
    assert all(s["emotion"] and s["words"] for s in sentences)
    assert "content_duration_in_milliseconds" not in result["transcripts"][0]


def test_words_only_with_enable_words_and_each_channel_billed(
    api, dashscope_emulator: Emulator, phone_call
):
    url = dashscope_emulator.host_file(phone_call)
    task_id = qwen_submit(api, url, channel_id=[0, 1]).json()["output"]["task_id"]
    done = finished(api, dashscope_emulator, task_id)
    seconds = -(-dashscope_emulator.task(task_id).outcomes[0].duration_ms // 1000)
    assert done["usage"]["seconds"] == 2 * seconds
    result = httpx.get(done["output"]["result"]["transcription_url"]).json()
    assert [t["channel_id"] for t in result["transcripts"]] == [0, 1]
    assert all("words" not in s for t in result["transcripts"] for s in t["sentences"])


def test_a_failed_qwen_file_comes_back_in_either_captured_shape(api, dashscope_emulator):
    url = "https://unreachable.example.com/a.wav"
    task_id = qwen_submit(api, url).json()["output"]["task_id"]
    output = finished(api, dashscope_emulator, task_id)["output"]
    assert output["task_status"] == "FAILED" and output["code"] == "InvalidFile.DownloadFailed"
    assert "result" not in output and "results" not in output

    dashscope_emulator.config.qwen_failed_shape = QwenFailedShape.SUCCEEDED_WITH_FAILED_RESULT
    task_id = qwen_submit(api, url).json()["output"]["task_id"]
    output = finished(api, dashscope_emulator, task_id)["output"]
    assert output["task_status"] == "SUCCEEDED"
    assert output["results"][0]["subtask_status"] == "FAILED"
    assert output["results"][0]["code"] == "InvalidFile.DownloadFailed"


def test_qwen_refuses_a_file_list_and_other_families_options(api, dashscope_emulator):
    dashscope_emulator.config.rate_limits = False  # 100 submits a minute: too few for this
    listed = submit(api, ["https://a.example/x.wav"], model=QWEN)
    assert listed.status_code == 400 and listed.json()["code"] == "InvalidParameter"
    for parameters in ({"language_hints": ["en"]}, {"language": "xx"}, {"vocabulary_id": "v"}):
        answer = qwen_submit(api, "https://a.example/x.wav", **parameters)
        assert answer.status_code == 400, parameters
    fun = submit(api, ["https://a.example/x.wav"], model="fun-asr",
                 parameters={"speech_noise_threshold": 2})  # fmt: skip
    assert fun.status_code == 400 and "speech_noise_threshold" in fun.json()["message"]
    paraformer = submit(api, ["https://a.example/x.wav"], parameters={"language": "en"})
    assert paraformer.status_code == 400
