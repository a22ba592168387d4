"""Clients and media for the emulator's own tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fake_dashscope import Emulator
from tests.helpers.media import ffmpeg, speech

SUBMIT = "/services/audio/asr/transcription"
ASYNC = {"X-DashScope-Async": "enable"}


@pytest.fixture
def api(dashscope_emulator: Emulator) -> Iterator[httpx.Client]:
    """A plain HTTP client with the emulator's key, as our client or the SDK would send."""
    headers = {"Authorization": f"Bearer {dashscope_emulator.api_key}"}
    with httpx.Client(base_url=dashscope_emulator.base_url, headers=headers, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("emulator-media")


@pytest.fixture(scope="session")
def spoken(media_dir: Path) -> Path:
    """About 3 s of English speech."""
    return speech(media_dir / "spoken.wav", "the emulator hears a few words of speech here")


@pytest.fixture(scope="session")
def silent(media_dir: Path) -> Path:
    path = media_dir / "silent.wav"
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "3", path)
    return path


@pytest.fixture(scope="session")
def not_audio(media_dir: Path) -> Path:
    path = media_dir / "notes.wav"
    path.write_text("these are meeting notes, not audio\n")
    return path


def submit(
    api: httpx.Client,
    urls: list[str],
    model: str = "paraformer-v2",
    parameters: dict[str, Any] | None = None,
    **headers: str,
) -> httpx.Response:
    body: dict[str, Any] = {"model": model, "input": {"file_urls": urls}}
    body["parameters"] = parameters if parameters is not None else {}
    return api.post(SUBMIT, json=body, headers={**ASYNC, **headers})


def submit_ok(api: httpx.Client, urls: list[str], **kw: Any) -> str:
    answer = submit(api, urls, **kw)
    assert answer.status_code == 200, answer.text
    return answer.json()["output"]["task_id"]


def finished(api: httpx.Client, emulator: Emulator, task_id: str) -> dict[str, Any]:
    emulator.finish_all()
    answer = api.get(f"/tasks/{task_id}")
    assert answer.status_code == 200
    return answer.json()
