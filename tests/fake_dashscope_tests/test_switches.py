"""The switches for behaviour the protocol doc marks UNCONFIRMED, and the media rules."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.domain.catalog import Region
from tests.fake_dashscope import (
    AccountRefusal,
    NoSpeechLevel,
    OssWithoutResolve,
    OverLimitResponse,
)
from tests.helpers.raw_api import SUBMIT, finished, submit, submit_ok


def test_running_task_can_show_partial_results(api, dashscope_emulator):
    dashscope_emulator.clock.freeze()
    dashscope_emulator.config.pending_s = 0
    dashscope_emulator.config.fixed_processing_s = 100
    dashscope_emulator.config.running_partial_results = True
    task_id = submit_ok(api, [f"https://cdn.example.com/{n}.wav" for n in range(4)])
    dashscope_emulator.tasks.wait_analysed()
    dashscope_emulator.clock.advance(60)
    output = api.get(f"/tasks/{task_id}").json()["output"]
    assert output["task_status"] == "RUNNING"
    assert len(output["results"]) == 2
    assert output["task_metrics"] == {"TOTAL": 4, "SUCCEEDED": 0, "FAILED": 2}


def test_singapore_quirk_without_parameters_object(api, dashscope_emulator, spoken):
    dashscope_emulator.config.require_parameters_object = True
    url = dashscope_emulator.host_file(spoken)
    bare = api.post(
        SUBMIT,
        json={"model": "fun-asr", "input": {"file_urls": [url]}},
        headers={"X-DashScope-Async": "enable"},
    )
    assert bare.status_code == 200  # accepted, fails at query time
    output = finished(api, dashscope_emulator, bare.json()["output"]["task_id"])["output"]
    assert output["task_status"] == "FAILED"
    with_parameters = submit_ok(api, [url], model="fun-asr", parameters={})
    output = finished(api, dashscope_emulator, with_parameters)["output"]
    assert output["task_status"] == "SUCCEEDED"


def test_no_speech_at_task_level(api, dashscope_emulator, silent):
    dashscope_emulator.config.no_speech_level = NoSpeechLevel.TASK
    dashscope_emulator.config.no_speech_code = "ASR_RESPONSE_HAVE_NO_WORDS"
    task_id = submit_ok(api, [dashscope_emulator.host_file(silent)], model="fun-asr")
    output = finished(api, dashscope_emulator, task_id)["output"]
    assert output["task_status"] == "FAILED"
    assert output["code"] == output["message"] == "ASR_RESPONSE_HAVE_NO_WORDS"
    assert "results" not in output


def test_request_id_header_and_usage_on_failed(api, dashscope_emulator):
    dashscope_emulator.config.request_id_header = "x-request-id"
    dashscope_emulator.config.usage_on_failed = True
    task_id = submit_ok(api, ["https://unreachable.example.com/a.wav"])
    answer = api.get(f"/tasks/{task_id}")
    assert answer.headers["x-request-id"] == answer.json()["request_id"]
    assert finished(api, dashscope_emulator, task_id)["usage"] == {"duration": 0}


def test_tasks_are_forgotten_after_retention(api, dashscope_emulator):
    task_id = submit_ok(api, ["https://unreachable.example.com/a.wav"])
    assert finished(api, dashscope_emulator, task_id)["output"]["task_status"] == "FAILED"
    dashscope_emulator.clock.advance(24 * 3600 + 1)
    assert api.get(f"/tasks/{task_id}").json()["output"]["task_status"] == "UNKNOWN"


def test_files_a_model_cannot_take(api, dashscope_emulator, spoken):
    dashscope_emulator.script("thirteen-hours.mp3", duration_ms=13 * 3600 * 1000)
    urls = [dashscope_emulator.host_file(spoken), "https://cdn.example.com/thirteen-hours.mp3"]
    eight_k = submit_ok(api, urls[:1], model="paraformer-8k-v2")  # 22 kHz speech
    too_long = submit_ok(api, urls[1:])
    sensevoice = submit_ok(api, urls[1:], model="sensevoice-v1")  # no length limit
    dashscope_emulator.finish_all()
    code = api.get(f"/tasks/{eight_k}").json()["output"]["results"][0]["code"]
    assert code == dashscope_emulator.config.sample_rate_code
    code = api.get(f"/tasks/{too_long}").json()["output"]["results"][0]["code"]
    assert code == dashscope_emulator.config.too_long_code
    assert api.get(f"/tasks/{sensevoice}").json()["output"]["task_status"] == "SUCCEEDED"
    dashscope_emulator.config.media_rule_failures = False
    accepted = submit_ok(api, urls[:1], model="paraformer-8k-v2")
    assert finished(api, dashscope_emulator, accepted)["output"]["task_status"] == "SUCCEEDED"


def test_oss_url_without_resolve_header_refused_at_submit(api, dashscope_emulator):
    dashscope_emulator.config.oss_without_resolve = OssWithoutResolve.SUBMIT_400
    answer = submit(api, ["oss://dashscope-instant/x/2026-11-30/y/a.wav"])
    assert answer.status_code == 400 and answer.json()["code"] == "InvalidParameter"


@pytest.mark.parametrize(
    ("variant", "code"),
    [
        (OverLimitResponse.INVALID_PARAMETER, "InvalidParameter"),
        (OverLimitResponse.BAD_REQUEST_TOO_LARGE, "BadRequest.TooLarge"),
    ],
)
def test_over_the_file_limit(api, dashscope_emulator, variant, code):
    dashscope_emulator.config.over_limit_response = variant
    answer = submit(api, [f"https://cdn.example.com/{n}.wav" for n in range(101)])
    assert answer.status_code == 400 and answer.json()["code"] == code


def test_singapore_offers_only_fun_asr(api, dashscope_emulator):
    dashscope_emulator.config.region = Region.SINGAPORE
    urls = ["https://cdn.example.com/a.wav"]
    refused = submit(api, urls, model="paraformer-v2")
    assert refused.status_code == 400 and refused.json()["message"] == "Model not exist."
    submit_ok(api, urls, model="fun-asr")
    assert api.get("/tasks").json()["data"][0]["region"] == "ap-southeast-1"


@pytest.mark.parametrize("refusal", list(AccountRefusal))
def test_account_refusals(api, dashscope_emulator, refusal):
    dashscope_emulator.config.account_refusal = refusal
    answer = submit(api, ["https://cdn.example.com/a.wav"])
    status, code, _ = refusal.answer
    assert (answer.status_code, answer.json()["code"]) == (status, code)
    assert dashscope_emulator.tasks.all() == []


def test_retired_model(api, dashscope_emulator):
    dashscope_emulator.config.retired_models = {"paraformer-v1"}
    answer = submit(api, ["https://cdn.example.com/a.wav"], model="paraformer-v1")
    assert (answer.status_code, answer.json()["code"]) == (403, "Model.AccessDenied")


def test_task_running_past_three_hours_times_out(api, dashscope_emulator):
    dashscope_emulator.config.processing_speed = 1.0  # 4 h of audio takes 4 h
    dashscope_emulator.script("four-hours.wav", duration_ms=4 * 3600 * 1000)
    task_id = submit_ok(api, ["https://cdn.example.com/four-hours.wav"])
    output = finished(api, dashscope_emulator, task_id)["output"]
    assert output["task_status"] == "FAILED" and output["code"] == "InternalError.Timeout"


def test_service_clock_offset(api, dashscope_emulator):
    dashscope_emulator.config.utc_offset_hours = 0
    task_id = submit_ok(api, ["https://cdn.example.com/a.wav"])
    submitted = api.get(f"/tasks/{task_id}").json()["output"]["submit_time"]
    task = dashscope_emulator.task(task_id)
    assert submitted.startswith(
        datetime.fromtimestamp(task.submit_at, UTC).strftime("%Y-%m-%d %H:%M:%S")
    )


def test_list_filters_by_key_and_region(api, dashscope_emulator):
    submit_ok(api, ["https://cdn.example.com/a.wav"])
    key_id = api.get("/tasks").json()["data"][0]["api_key_id"]
    assert dashscope_emulator.api_key not in key_id
    assert api.get("/tasks", params={"api_key_id": key_id}).json()["total"] == 1
    assert api.get("/tasks", params={"api_key_id": "1"}).json()["total"] == 0
    assert api.get("/tasks", params={"region": "ap-southeast-1"}).json()["total"] == 0
