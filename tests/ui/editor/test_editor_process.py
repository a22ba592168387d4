"""The editor in a process of its own: killed mid-edit, and showing video on an X screen."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from desktop.store.library import Library
from tests.helpers.media import video
from tests.helpers.speech_media import add_to_library

DRIVER = Path(__file__).parents[3] / "tests" / "helpers" / "editor_driver.py"
ROOT = Path(__file__).resolve().parents[3]
DEBOUNCE_MS = 500
# Time a save may take once handed over (2 shared cores, a busy CI machine).
SAVE_SLACK_S = 0.5


def driver(*args: str, platform: str = "offscreen") -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM=platform)
    return subprocess.Popen(
        [sys.executable, str(DRIVER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.slow
def test_killing_the_editor_mid_edit_loses_at_most_the_last_debounce_window(speech_item):
    process = driver("edit", str(speech_item), str(DEBOUNCE_MS))
    edits: dict[int, float] = {}
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("EDIT"):
                _tag, number, at = line.split()
                edits[int(number)] = float(at)
                if len(edits) == 27:  # 2.6 s of edits: several autosaves done, one pending
                    break
        killed_at = time.monotonic()
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(10)
    assert len(edits) == 27, process.stderr.read() if process.stderr else ""

    with Library.open() as library:
        saved = library.transcript(speech_item).channels[0].sentences[0].text
        original = library.original_transcript(speech_item).channels[0].sentences[0].text
    assert original == "hello world again"
    assert saved.startswith("edit ")
    last_saved = int(saved.split()[1])
    must_have = max(
        n for n, at in edits.items() if at <= killed_at - DEBOUNCE_MS / 1000 - SAVE_SLACK_S
    )
    assert last_saved >= must_have, f"edit {last_saved} saved, edit {must_have} was due"
    assert last_saved <= max(edits)
    # The database itself is whole: WAL recovery leaves no half-written version.
    home = Path(os.environ["TINGXIE_HOME"])
    with sqlite3.connect(home / "library.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.slow
def test_video_plays_inside_the_editor_window_on_an_x_screen(tmp_path):
    report, shot = _video_report(tmp_path, "video", "editor-video.png")
    assert report["platform"] == "xcb"
    assert report["has_vout"] is True  # libvlc draws into our window, not a window of its own
    assert report["frame_visible"] is True
    # The test pattern is letterboxed in the frame: a good part of it is colour bars.
    assert report["colour_fraction"] > 0.1, "no picture in the video area of the screenshot"
    assert shot.is_file()


@pytest.mark.slow
def test_video_shows_its_first_frame_on_open_before_play(tmp_path):
    report, _shot = _video_report(tmp_path, "still", "editor-video-still.png")
    assert report["has_vout"] is True
    assert report["frame_visible"] is True
    # Not black until Play: the first frame is on screen, still paused at the start.
    assert report["colour_fraction"] > 0.1, "the video area is black before Play"
    assert report["playing"] is False
    assert report["position"] < 100


@pytest.mark.slow
def test_a_paused_video_shows_its_picture_again_after_a_window_covered_it(tmp_path):
    report, _shot = _video_report(tmp_path, "covered", "editor-video-uncovered.png")
    assert report["has_vout"] is True
    assert report["frame_visible"] is True
    # The frame at the position is drawn again once the covering window is gone.
    assert report["colour_fraction"] > 0.1, "the video area stayed black after being covered"
    assert report["playing"] is False
    assert report["position"] == 2000


def _video_report(tmp_path: Path, mode: str, shot_name: str) -> tuple[dict, Path]:
    """A 4-second test-pattern video opened by the editor process in ``mode`` on the
    X screen; its last JSON report and the screenshot it saved in test-artifacts/."""
    if not os.environ.get("DISPLAY"):
        pytest.fail("needs the Xvfb screen that packaging/dev/test provides (DISPLAY is unset)")
    media = video(tmp_path / "bars.mp4", seconds=4)
    transcript = Transcript(
        file_url=media.as_uri(),
        channels=(Channel(0, (Sentence(0, 1000, "bars", words=(Word(0, 1000, "bars"),)),)),),
    )
    item = add_to_library(transcript, media, title="bars")
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / shot_name
    process = driver(mode, str(item), str(shot), platform="xcb")
    out, err = process.communicate(timeout=60)
    lines = [line for line in out.splitlines() if line.startswith("{")]
    assert lines, f"no report from the editor process: {err[-2000:]}"
    return json.loads(lines[-1]), shot
