"""Plain HTTP requests to the emulator, as our client or the official SDK would send them.

The emulator's own tests speak its protocol directly (no ``DashScopeClient``),
so a fault in our client cannot hide a fault in the emulator.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.fake_dashscope import Emulator

SUBMIT = "/services/audio/asr/transcription"
ASYNC = {"X-DashScope-Async": "enable"}


def submit(
    api: httpx.Client,
    urls: list[str],
    model: str = "paraformer-v2",
    parameters: dict[str, Any] | None = None,
    **headers: str,
) -> httpx.Response:
    """A transcription submit of ``urls``; the answer as it came."""
    body: dict[str, Any] = {"model": model, "input": {"file_urls": urls}}
    body["parameters"] = parameters if parameters is not None else {}
    return api.post(SUBMIT, json=body, headers={**ASYNC, **headers})


def submit_ok(api: httpx.Client, urls: list[str], **kw: Any) -> str:
    """The task id of a submit that must be taken."""
    answer = submit(api, urls, **kw)
    assert answer.status_code == 200, answer.text
    return answer.json()["output"]["task_id"]


def finished(api: httpx.Client, emulator: Emulator, task_id: str) -> dict[str, Any]:
    """The task's final answer, once the emulator has finished every task."""
    emulator.finish_all()
    answer = api.get(f"/tasks/{task_id}")
    assert answer.status_code == 200
    return answer.json()
