"""Fault injection: what a client sees on the wire, and what the service did anyway."""

from __future__ import annotations

import httpx
import pytest

from tests.fake_dashscope import FaultKind
from tests.helpers.raw_api import submit, submit_ok


def test_server_error_burst_then_recovery(api, dashscope_emulator):
    dashscope_emulator.faults.server_errors("query", count=2, status=503, retry_after="1")
    answers = [api.get("/tasks/some-task") for _ in range(3)]
    assert [a.status_code for a in answers] == [503, 503, 200]
    assert answers[0].json()["code"] == "ServiceUnavailable"
    assert answers[0].headers["Retry-After"] == "1"


def test_dropped_submit_creates_no_task(api, dashscope_emulator):
    dashscope_emulator.faults.inject(FaultKind.DROP, "submit")
    with pytest.raises(httpx.TransportError):
        submit(api, ["https://a.example.com/1.wav"])
    assert dashscope_emulator.tasks.all() == []
    assert dashscope_emulator.requests("submit")[0].status is None


def test_lost_submit_answer_still_creates_the_task(api, dashscope_emulator):
    """The case a client must not double-pay for: the task exists, the answer never came."""
    dashscope_emulator.faults.inject(FaultKind.LOSE_ANSWER, "submit")
    with pytest.raises(httpx.TransportError):
        submit(api, ["https://a.example.com/lost.wav"])
    listed = api.get("/tasks").json()["data"]
    assert len(listed) == 1 and listed[0]["model_name"] == "paraformer-v2"
    assert dashscope_emulator.tasks.all()[0].file_urls == ["https://a.example.com/lost.wav"]


def test_slow_answer_outlives_the_client_timeout(api, dashscope_emulator):
    dashscope_emulator.faults.inject(FaultKind.SLOW_ANSWER, "submit", delay_s=1.0)
    with pytest.raises(httpx.ReadTimeout):
        submit(
            api.__class__(base_url=api.base_url, headers=api.headers, timeout=0.2),
            ["https://a.example.com/slow.wav"],
        )
    assert len(dashscope_emulator.tasks.all()) == 1


def test_truncated_body(api, dashscope_emulator):
    task_id = submit_ok(api, ["https://a.example.com/1.wav"])
    dashscope_emulator.faults.inject(FaultKind.TRUNCATE, "query")
    with pytest.raises(httpx.RemoteProtocolError):
        api.get(f"/tasks/{task_id}")
    assert api.get(f"/tasks/{task_id}").status_code == 200  # one-shot


def test_malformed_json(api, dashscope_emulator):
    dashscope_emulator.faults.inject(FaultKind.MALFORMED, "query")
    answer = api.get("/tasks/abc")
    assert answer.status_code == 200
    with pytest.raises(ValueError):
        answer.json()


def test_fault_until_cleared_on_every_route(api, dashscope_emulator):
    dashscope_emulator.faults.inject(FaultKind.ERROR, "*", count=None, status=500)
    assert api.get("/tasks/a").status_code == 500
    assert api.get("/tasks").status_code == 500
    dashscope_emulator.faults.clear()
    assert api.get("/tasks").status_code == 200


def test_unknown_route_name_is_refused(dashscope_emulator):
    with pytest.raises(ValueError, match="unknown route"):
        dashscope_emulator.faults.inject(FaultKind.DROP, "sumbit")


def test_latency_rules_do_not_hide_other_faults(api, dashscope_emulator):
    latency = dashscope_emulator.faults.inject(FaultKind.LATENCY, "query", count=None, delay_s=0.01)
    dashscope_emulator.faults.server_errors("query", count=1, status=500, code="InternalError")
    assert api.get("/tasks/a").status_code == 500
    assert api.get("/tasks/a").status_code == 200
    assert latency.fired == 2  # armed until cleared, delaying every query
