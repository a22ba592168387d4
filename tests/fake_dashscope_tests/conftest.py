"""Fixtures of the emulator's own tests: a plain HTTP client and media to send it.

The requests themselves are helpers: ``tests.helpers.raw_api``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.fake_dashscope import Emulator
from tests.helpers.media import ffmpeg, speech


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
def phone_call(media_dir: Path) -> Path:
    """8 kHz stereo speech, for the 8k models."""
    return speech(media_dir / "call.wav", "hello this is a phone call", rate=8000, channels=2)


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
