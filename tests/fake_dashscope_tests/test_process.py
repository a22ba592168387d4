"""The emulator as its own process: readiness, the request log, many clients at once."""

from __future__ import annotations

import http.client
import json
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.fake_dashscope.process import EmulatorProcess
from tests.helpers.raw_api import SUBMIT


def test_process_serves_logs_and_stops(tmp_path):
    log = tmp_path / "requests.jsonl"
    media = tmp_path / "media"
    media.mkdir()
    (media / "missing-audio.wav").write_bytes(b"not audio")
    with EmulatorProcess(
        "--max-files-per-task",
        "1",
        "--media-dir",
        str(media),
        api_key="sk-process",
        request_log=log,
    ) as process:
        headers = {"Authorization": "Bearer sk-process", "X-DashScope-Async": "enable"}
        url = f"http://127.0.0.1:{process.port}/media/dir/missing-audio.wav"
        body = {"model": "fun-asr", "input": {"file_urls": [url]}, "parameters": {}}
        with httpx.Client(base_url=process.base_url, headers=headers) as client:
            assert client.post("/services/audio/asr/transcription", json=body).status_code == 200
            two = {**body, "input": {"file_urls": [url, url]}}
            assert client.post("/services/audio/asr/transcription", json=two).status_code == 400
            assert client.get("/tasks").status_code == 200
        pid = process.pid
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(x["method"], x["path"], x["status"]) for x in lines] == [
        ("POST", "/api/v1/services/audio/asr/transcription", 200),
        ("POST", "/api/v1/services/audio/asr/transcription", 400),
        ("GET", "/api/v1/tasks", 200),
    ]
    assert lines[0]["body"] == body and "body" not in lines[2]
    assert all(isinstance(x["time"], float) for x in lines)
    assert "sk-process" not in log.read_text()  # the key is never logged
    assert pid > 0


def test_many_concurrent_clients(dashscope_emulator):
    """Benchmarks drive hundreds of files at once; every request gets its answer."""
    dashscope_emulator.config.rate_limits = False
    dashscope_emulator.script("long.wav", duration_ms=600_000)
    headers = {
        "Authorization": f"Bearer {dashscope_emulator.api_key}",
        "X-DashScope-Async": "enable",
        "Content-Type": "application/json",
    }
    body = json.dumps(
        {
            "model": "paraformer-v2",
            "parameters": {},
            "input": {"file_urls": ["https://cdn.example.com/long.wav"]},
        }
    )

    def call(method: str, path: str, payload: str | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", dashscope_emulator.port, timeout=60)
        try:
            connection.request(method, "/api/v1" + path, body=payload, headers=headers)
            answer = connection.getresponse()
            return answer.status, answer.read()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=100) as pool:
        submits = list(pool.map(lambda _: call("POST", SUBMIT, body), range(300)))
        ids = [json.loads(raw)["output"]["task_id"] for _, raw in submits]
        queries = list(pool.map(lambda i: call("GET", f"/tasks/{i}"), ids))
    assert [status for status, _ in submits + queries] == [200] * 600
    assert len(dashscope_emulator.tasks.all()) == 300


def test_process_is_steered_over_the_control_routes(tmp_path):
    with EmulatorProcess(api_key="sk-steer") as process:
        process.configure(max_files_per_task=1, all_failed_shape="failed-without-results")
        process.configure(account_refusal="arrearage")
        process.configure(account_refusal=None, retired_models=["paraformer-v1"])
        process.script("gone.wav", code="InvalidFile.DownloadFailed", message="gone")
        process.advance(5)
        process.inject("error", "query", count=1, status=503, code="ServiceUnavailable")
        headers = {"Authorization": "Bearer sk-steer", "X-DashScope-Async": "enable"}
        with httpx.Client(base_url=process.base_url, headers=headers) as client:
            one = {
                "model": "paraformer-v2",
                "parameters": {},
                "input": {"file_urls": ["https://cdn.example.com/gone.wav"]},
            }
            task_id = client.post(SUBMIT, json=one).json()["output"]["task_id"]
            two = {**one, "input": {"file_urls": ["https://a.example.com/1.wav"] * 2}}
            assert client.post(SUBMIT, json=two).status_code == 400
            assert client.get(f"/tasks/{task_id}").status_code == 503
            process.finish_all()
            output = client.get(f"/tasks/{task_id}").json()["output"]
        assert output["task_status"] == "FAILED" and "results" not in output
        assert [t["task_id"] for t in process.tasks()] == [task_id]
        recorded = process.requests()
        assert [r["status"] for r in recorded] == [200, 400, 503, 200]
        assert all("authorization" not in {k.lower() for k in r["headers"]} for r in recorded)
