"""Submit, query, cancel and list: the task life cycle and the service's shapes."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from desktop.formats.result_file import parse_result
from tests.fake_dashscope import AllFailedShape, Emulator, InvalidOptionResponse
from tests.helpers.media import ffmpeg, speech
from tests.helpers.raw_api import SUBMIT, finished, submit, submit_ok


def test_submit_without_the_async_header_is_refused(api, dashscope_emulator, spoken):
    url = dashscope_emulator.host_file(spoken)
    answer = api.post(SUBMIT, json={"model": "paraformer-v2", "input": {"file_urls": [url]}})
    assert answer.status_code == 403
    assert answer.json()["code"] == "AccessDenied"
    assert "synchronous" in answer.json()["message"]


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "No API-key provided."),
        ({"Authorization": "Bearer sk-wrong"}, "Invalid API-key provided."),
    ],
)
def test_calls_without_a_configured_key_get_401(dashscope_emulator, headers, message):
    with httpx.Client(base_url=dashscope_emulator.base_url, headers=headers) as client:
        for answer in (client.get("/tasks/abc"), client.post(SUBMIT, json={})):
            assert answer.status_code == 401
            assert answer.json()["code"] == "InvalidApiKey"
            assert answer.json()["message"] == message
            assert answer.json()["request_id"]


def test_task_goes_pending_running_succeeded_on_the_controlled_clock(
    api, dashscope_emulator, spoken
):
    dashscope_emulator.clock.freeze()
    dashscope_emulator.config.pending_s = 1.0
    dashscope_emulator.config.processing_speed = 1.0  # as long as the audio
    url = dashscope_emulator.host_file(spoken)
    answer = submit(api, [url])
    assert answer.json()["output"]["task_status"] == "PENDING"
    task_id = answer.json()["output"]["task_id"]
    pending = api.get(f"/tasks/{task_id}").json()["output"]
    assert pending["task_status"] == "PENDING"
    assert {"submit_time", "scheduled_time", "task_metrics"} <= pending.keys()
    assert "results" not in pending and "end_time" not in pending

    dashscope_emulator.tasks.wait_analysed()
    dashscope_emulator.clock.advance(1.5)
    running = api.post(f"/tasks/{task_id}").json()  # the old docs poll with POST
    assert running["output"]["task_status"] == "RUNNING"
    assert "usage" not in running

    dashscope_emulator.clock.advance(5)
    done = api.get(f"/tasks/{task_id}").json()
    output = done["output"]
    assert output["task_status"] == "SUCCEEDED"
    assert output["task_metrics"] == {"TOTAL": 1, "SUCCEEDED": 1, "FAILED": 0}
    assert output["end_time"] > output["scheduled_time"] > output["submit_time"] or (
        output["end_time"] >= output["scheduled_time"]
    )
    assert done["usage"]["duration"] >= 1
    result = output["results"][0]
    assert result["subtask_status"] == "SUCCEEDED" and result["file_url"] == url
    document = httpx.get(result["transcription_url"])
    assert document.status_code == 200
    transcript = parse_result(document.content)
    assert transcript.file_url == url
    words = [w for s in transcript.channels[0].sentences for w in s.words]
    assert words, "spoken audio gives words"
    assert words[0].begin_ms >= 0 and words[-1].end_ms <= transcript.duration_ms
    assert 2000 < transcript.duration_ms < 6000


def test_processing_time_follows_audio_length(api, dashscope_emulator):
    dashscope_emulator.clock.freeze()
    dashscope_emulator.config.pending_s = 0
    dashscope_emulator.config.processing_speed = 10.0
    dashscope_emulator.script("https://media.example.com/hour.wav", duration_ms=3_600_000)
    task_id = submit_ok(api, ["https://media.example.com/hour.wav"])
    dashscope_emulator.tasks.wait_analysed()
    dashscope_emulator.clock.advance(359)
    assert api.get(f"/tasks/{task_id}").json()["output"]["task_status"] == "RUNNING"
    dashscope_emulator.clock.advance(2)
    assert api.get(f"/tasks/{task_id}").json()["output"]["task_status"] == "SUCCEEDED"


def test_each_kind_of_bad_file_fails_its_own_subtask(
    api, dashscope_emulator, spoken, silent, not_audio
):
    urls = [
        dashscope_emulator.host_file(spoken),
        dashscope_emulator.host_file(silent),
        dashscope_emulator.host_file(not_audio),
        "http://127.0.0.1:9/nothing-listens-here.wav",
        dashscope_emulator.host_file(spoken, "with space.wav").replace("%20", " "),
    ]
    output = finished(api, dashscope_emulator, submit_ok(api, urls))["output"]
    assert output["task_status"] == "SUCCEEDED"  # one file succeeded
    assert [r["file_url"] for r in output["results"]] == urls
    codes = [r.get("code") for r in output["results"]]
    assert codes == [
        None,
        "SUCCESS_WITH_NO_VALID_FRAGMENT",
        "InvalidFile.DecodeFailed",
        "InvalidFile.DownloadFailed",
        "InvalidFile.DownloadFailed",
    ]
    assert all("transcription_url" not in r for r in output["results"][1:])
    assert output["task_metrics"] == {"TOTAL": 5, "SUCCEEDED": 1, "FAILED": 4}


@pytest.mark.parametrize("shape", list(AllFailedShape))
def test_all_failed_task_has_the_chosen_shape(api, dashscope_emulator, shape):
    dashscope_emulator.config.all_failed_shape = shape
    task_id = submit_ok(api, ["https://unreachable.example.com/a.wav"])
    output = finished(api, dashscope_emulator, task_id)["output"]
    if shape is AllFailedShape.SUCCEEDED_WITH_RESULTS:
        assert output["task_status"] == "SUCCEEDED" and "code" not in output
    else:
        assert output["task_status"] == "FAILED"
        assert output["code"] == "InvalidFile.DownloadFailed"
        assert output["message"] == "The audio file cannot be downloaded."
    assert ("results" in output) == (shape is not AllFailedShape.FAILED_WITHOUT_RESULTS)


def test_two_channels_give_one_transcript_per_requested_channel(api, dashscope_emulator, tmp_path):
    mono = speech(tmp_path / "one.wav", "left channel speaking now")
    stereo = tmp_path / "call.wav"
    ffmpeg("-i", mono, "-ac", "2", stereo)
    url = dashscope_emulator.host_file(stereo)
    task_id = submit_ok(api, [url], parameters={"channel_id": [0, 1]})
    result = finished(api, dashscope_emulator, task_id)["output"]["results"][0]
    transcript = parse_result(httpx.get(result["transcription_url"]).content)
    assert [c.channel_id for c in transcript.channels] == [0, 1]
    assert transcript.source_channels == (0, 1)


def test_diarization_adds_speaker_ids(api, dashscope_emulator, spoken):
    url = dashscope_emulator.host_file(spoken)
    task_id = submit_ok(api, [url], parameters={"diarization_enabled": True, "speaker_count": 2})
    result = finished(api, dashscope_emulator, task_id)["output"]["results"][0]
    transcript = parse_result(httpx.get(result["transcription_url"]).content)
    assert all(s.speaker_id is not None for s in transcript.channels[0].sentences)


def test_sidecar_transcript_registered_by_path_is_the_result(
    api, dashscope_emulator, spoken, tmp_path
):
    words = (Word(300, 800, "Hello "), Word(800, 1500, "sidecar", "."))
    sidecar = Transcript(
        file_url="ignored",
        channels=(Channel(0, (Sentence(300, 1500, "Hello sidecar.", words, sentence_id=1),)),),
    )
    copy = tmp_path / "upload-me.wav"
    copy.write_bytes(spoken.read_bytes())
    dashscope_emulator.register_transcript(copy, sidecar)
    url = dashscope_emulator.host_file(spoken, "renamed.wav")  # same bytes, other name
    result = finished(api, dashscope_emulator, submit_ok(api, [url]))["output"]["results"][0]
    transcript = parse_result(httpx.get(result["transcription_url"]).content)
    assert transcript.file_url == url
    assert transcript.channels[0].sentences[0].words == words
    assert transcript.duration_ms and transcript.duration_ms > 2000  # properties from the file


def test_scripted_failure_code(api, dashscope_emulator):
    dashscope_emulator.script(
        "clip.mp3",
        code="DataInspectionFailed",
        message="Input or output data may contain inappropriate content.",
    )
    task_id = submit_ok(api, ["https://cdn.example.com/x/clip.mp3"])
    output = finished(api, dashscope_emulator, task_id)["output"]
    assert output["task_status"] == "FAILED"
    assert output["results"][0]["code"] == "DataInspectionFailed"


def test_unknown_task_is_unknown(api):
    answer = api.get("/tasks/0f0f0f0f-0000-0000-0000-000000000000")
    assert answer.status_code == 200
    assert answer.json()["output"] == {
        "task_id": "0f0f0f0f-0000-0000-0000-000000000000",
        "task_status": "UNKNOWN",
    }


def test_cancel_only_while_pending(api, dashscope_emulator, spoken):
    dashscope_emulator.clock.freeze()
    dashscope_emulator.config.pending_s = 10
    url = dashscope_emulator.host_file(spoken)
    pending = submit_ok(api, [url])
    running = submit_ok(api, [url])
    assert api.post(f"/tasks/{pending}/cancel").json().keys() == {"request_id"}
    assert api.get(f"/tasks/{pending}").json()["output"]["task_status"] == "CANCELED"
    dashscope_emulator.clock.advance(10)
    refused = api.post(f"/tasks/{running}/cancel")
    assert refused.status_code == 400
    assert refused.json()["code"] == "UnsupportedOperation"
    assert api.get(f"/tasks/{pending}").json()["output"]["task_status"] == "CANCELED"


def test_list_pages_filters_and_window(api, dashscope_emulator, spoken):
    url = dashscope_emulator.host_file(spoken)
    ids = [submit_ok(api, [url]) for _ in range(3)]
    fun = submit_ok(api, [url], model="fun-asr")
    page1 = api.get("/tasks", params={"page_no": 1, "page_size": 2}).json()
    assert (page1["total"], page1["total_page"], page1["page_no"], page1["page_size"]) == (
        4,
        2,
        1,
        2,
    )
    page2 = api.get("/tasks", params={"page_no": 2, "page_size": 2}).json()
    listed = [item["task_id"] for item in page1["data"] + page2["data"]]
    assert sorted(listed) == sorted([*ids, fun])
    item = page1["data"][0]
    assert {
        "api_key_id",
        "gmt_create",
        "model_name",
        "region",
        "request_id",
        "status",
        "task_id",
        "user_api_unique_key",
    } <= item.keys()
    only_fun = api.get("/tasks", params={"model_name": "fun-asr"}).json()
    assert [i["task_id"] for i in only_fun["data"]] == [fun]
    too_wide = api.get(
        "/tasks", params={"start_time": "20260101000000", "end_time": "20260103000000"}
    )
    assert too_wide.status_code == 400 and too_wide.json()["code"] == "InvalidParameter"
    long_ago = api.get(
        "/tasks", params={"start_time": "20250101000000", "end_time": "20250101120000"}
    ).json()
    assert long_ago["total"] == 0 and long_ago["data"] == []


def test_strict_mode_takes_one_file_per_task(api, dashscope_emulator):
    dashscope_emulator.config.max_files_per_task = 1
    urls = ["https://a.example.com/1.wav", "https://a.example.com/2.wav"]
    refused = submit(api, urls)
    assert refused.status_code == 400 and refused.json()["code"] == "InvalidParameter"
    assert submit(api, urls[:1]).status_code == 200


def test_envelope_errors(api):
    not_json = api.post(SUBMIT, content=b"{not json", headers={"X-DashScope-Async": "enable"})
    assert not_json.status_code == 400
    assert not_json.json()["code"] == "BadRequest.IllegalInput"
    bad_model = submit(api, ["https://a.example.com/1.wav"], model="whisper-9")
    assert (bad_model.status_code, bad_model.json()["code"], bad_model.json()["message"]) == (
        400,
        "InvalidParameter",
        "Model not exist.",
    )
    no_input = api.post(
        SUBMIT, json={"model": "paraformer-v2"}, headers={"X-DashScope-Async": "enable"}
    )
    assert no_input.json()["code"] == "BadRequest.EmptyInput"


@pytest.mark.parametrize(
    ("model", "parameters"),
    [
        ("paraformer-v2", {"speaker_count": 1}),
        ("paraformer-8k-v2", {"language_hints": ["zh"]}),
        ("sensevoice-v1", {"language_hints": ["zh", "en"]}),
        ("sensevoice-v1", {"diarization_enabled": True}),
        ("paraformer-v2", {"special_word_filter": "{not json"}),
        ("paraformer-v2", {"vocabulary_id": "vocab-nope-0000"}),
    ],
)
def test_options_the_model_refuses(api, dashscope_emulator, model, parameters):
    answer = submit(api, ["https://a.example.com/1.wav"], model=model, parameters=parameters)
    assert answer.status_code == 400 and answer.json()["code"] == "InvalidParameter"
    dashscope_emulator.config.invalid_option_response = InvalidOptionResponse.SUBTASK_FAILED
    task_id = submit_ok(api, ["https://a.example.com/1.wav"], model=model, parameters=parameters)
    output = finished(api, dashscope_emulator, task_id)["output"]
    assert output["task_status"] == "FAILED" and output["code"] == "InvalidParameter"


def test_result_url_expires(api, dashscope_emulator, spoken):
    url = dashscope_emulator.host_file(spoken)
    result = finished(api, dashscope_emulator, submit_ok(api, [url]))["output"]["results"][0]
    signed = result["transcription_url"]
    assert httpx.get(signed).status_code == 200
    tampered = signed.replace("-1.json", "-2.json")
    assert httpx.get(tampered).status_code == 403
    dashscope_emulator.clock.advance(24 * 3600 + 5)
    expired = httpx.get(signed)
    assert expired.status_code == 403
    assert b"<Code>AccessDenied</Code>" in expired.content and b"expired" in expired.content


def test_expired_result_urls_switch(api, dashscope_emulator, spoken):
    dashscope_emulator.config.expired_result_urls = True
    url = dashscope_emulator.host_file(spoken)
    result = finished(api, dashscope_emulator, submit_ok(api, [url]))["output"]["results"][0]
    assert httpx.get(result["transcription_url"]).status_code == 403


def test_submit_rate_limit_per_model(api, dashscope_emulator):
    dashscope_emulator.config.rate_limit_factor = 0.1  # paraformer-v2: 2 per second
    answers = [submit(api, ["https://a.example.com/1.wav"]) for _ in range(6)]
    throttled = [a for a in answers if a.status_code == 429]
    assert throttled, "six submits in well under a second exceed two per second"
    assert throttled[0].json()["code"] == "Throttling.RateQuota"
    other_model = submit(api, ["https://a.example.com/1.wav"], model="fun-asr")
    assert other_model.status_code == 200  # buckets are per model


def test_requests_are_recorded(api, dashscope_emulator, spoken):
    url = dashscope_emulator.host_file(spoken)
    task_id = submit_ok(api, [url], parameters={"language_hints": ["en"]})
    api.get(f"/tasks/{task_id}")
    routes = [(r.route, r.status) for r in dashscope_emulator.requests()]
    assert routes == [("submit", 200), ("query", 200)]
    body = dashscope_emulator.submit_bodies()[0]
    assert body == {
        "model": "paraformer-v2",
        "input": {"file_urls": [url]},
        "parameters": {"language_hints": ["en"]},
    }
    assert dashscope_emulator.requests("submit")[0].header("x-dashscope-async") == "enable"


def test_host_file_is_downloadable(dashscope_emulator, spoken: Path):
    url = dashscope_emulator.host_file(spoken)
    assert httpx.get(url).content == spoken.read_bytes()
    assert isinstance(dashscope_emulator, Emulator)


def test_chinese_words_when_asked_for_chinese(api, dashscope_emulator, spoken):
    url = dashscope_emulator.host_file(spoken)
    task_id = submit_ok(api, [url], parameters={"language_hints": ["zh"]})
    result = finished(api, dashscope_emulator, task_id)["output"]["results"][0]
    sentence = parse_result(httpx.get(result["transcription_url"]).content).channels[0].sentences[0]
    assert sentence.text.endswith("。") and " " not in sentence.text
    assert all("\u4e00" <= w.text[0] <= "\u9fff" for w in sentence.words)
