"""Fixtures for the editor's GUI tests: real speech, real libvlc, a real library."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from desktop.store.library import LibraryFile
from desktop.ui.editor.player.media_player import VLC_OPTIONS_ENV
from desktop.ui.editor.window import TranscriptEditor, open_library_item
from tests.helpers.speech_media import Spoken, add_to_library, speech_track, transcript_of

SENTENCES = [
    ["hello", "world", "again"],
    ["this", "is", "a", "test"],
    ["good", "morning", "everyone"],
]


@pytest.fixture(autouse=True)
def headless_vlc(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sound card here: libvlc plays into its dummy audio output."""
    monkeypatch.setenv(VLC_OPTIONS_ENV, "--aout=dummy")


@pytest.fixture(scope="session")
def speech(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[Spoken]]]:
    folder = tmp_path_factory.mktemp("speech")
    track = folder / "speech.wav"
    return track, speech_track(SENTENCES, track)


@pytest.fixture
def speech_item(speech: tuple[Path, list[list[Spoken]]]) -> int:
    track, timings = speech
    return add_to_library(transcript_of(timings, track), track)


@pytest.fixture
def editor(qtbot, speech_item: int) -> Iterator[TranscriptEditor]:
    window = open_library_item(LibraryFile.default(), speech_item, debounce_ms=300)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.player.duration() > 0, timeout=20_000)
    yield window
    window.close()


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """Qt's loop as asyncio's, as in the app; each test runs its scenario on it."""
    running = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(running)
    # Closing a test's window must not end Qt's loop for the fixtures that still use it.
    qapp.setQuitOnLastWindowClosed(False)
    yield running
    qapp.setQuitOnLastWindowClosed(True)
    running.close()
    asyncio.set_event_loop(None)
