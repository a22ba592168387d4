"""The player: transport controls against real libvlc, and life without libvlc."""

from __future__ import annotations

import sys
import time
from fractions import Fraction

import pytest
from PySide6.QtCore import Qt

from desktop.domain.durations import format_time
from desktop.domain.timecode import rate_of
from desktop.store.library import LibraryFile
from desktop.ui.editor.player.media_player import VLC_OPTIONS_ENV, MediaPlayer
from desktop.ui.editor.player.transport import PlayerWidget
from tests.helpers.media import video

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def player_widget(qtbot, speech):
    track, _timings = speech
    player = MediaPlayer()
    widget = PlayerWidget(player)
    qtbot.addWidget(widget)
    widget.resize(800, 80)
    widget.show()
    assert widget.open(track)
    qtbot.waitUntil(lambda: player.duration() > 0)
    yield widget
    player.close()


def test_controls_show_time_and_jump(qtbot, player_widget):
    player = player_widget.player
    total = player.duration()
    assert player_widget.time_label.text() == f"0:00.0 / {format_time(total)}"
    qtbot.mouseClick(player_widget.forward_button, LEFT)
    assert player.position() == 5000
    qtbot.waitUntil(lambda: player_widget.time_label.text().startswith("0:05.0 /"))
    assert player_widget.slider.value() == 5000
    qtbot.mouseClick(player_widget.back_button, LEFT)
    qtbot.mouseClick(player_widget.back_button, LEFT)
    assert player.position() == 0  # never before the start
    # Tenths on the clock: a seek to a word at 2.35 s is seen as such.
    player.seek(2350)
    qtbot.waitUntil(lambda: player_widget.time_label.text().startswith("0:02.3 /"))
    # A click on the seek slider goes where it was clicked.
    slider = player_widget.slider
    qtbot.mouseClick(slider, LEFT, pos=slider.rect().center())
    assert abs(player.position() - total // 2) < total * 0.05


def test_speed_volume_and_mute_reach_libvlc(qtbot, player_widget):
    player = player_widget.player
    player_widget.speed.setCurrentIndex(player_widget.speed.findText("1.5×"))
    assert player.libvlc_rate() == pytest.approx(1.5)
    player_widget.volume.setValue(40)
    qtbot.mouseClick(player_widget.mute_button, LEFT)
    assert player.volume() == 40 and player.is_muted()
    # Time runs faster at 1.5×: about 1.5 s of media per second, measured once playing
    # (how long libvlc takes to start on a busy machine is not the speed).
    player.seek(0)
    player.play()
    qtbot.waitUntil(lambda: player.libvlc_time() > 0, timeout=20_000)
    media_before, wall_before = player.position(), time.monotonic()
    qtbot.wait(1000)
    media, wall = player.position(), time.monotonic()
    player.pause()
    rate = (media - media_before) / 1000 / (wall - wall_before)
    assert 1.3 < rate < 1.7, f"{rate:.2f} s of media per second at 1.5×"
    assert abs(player.libvlc_time() - media) < 400


def test_playing_to_the_end_and_again(qtbot, player_widget):
    player = player_widget.player
    player.seek(player.duration() - 300)
    player.play()
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=20_000)
    assert player.position() == player.duration()
    player.play()  # plays from the start again
    qtbot.waitUntil(lambda: 0 < player.libvlc_time() < 2000, timeout=20_000)
    assert player.is_playing()
    player.pause()


def test_audio_shows_no_video_area(qtbot, player_widget, tmp_path):
    player = player_widget.player
    player.play()
    qtbot.wait(400)
    player.pause()
    assert not player.has_video()
    assert not player_widget.video.isVisible()  # no black box for audio
    # A video is recognised as one; offscreen there is no window to draw it in, so the
    # area stays hidden here (test_editor_process shows it on a real X screen).
    assert player_widget.open(video(tmp_path / "bars.mp4", seconds=2))
    qtbot.waitUntil(player.has_video, timeout=20_000)
    assert not player_widget.video.isVisible()


def test_the_clock_shows_the_frame_for_video_at_the_media_rate(qtbot, player_widget, tmp_path):
    player = player_widget.player
    player.seek(1200)
    qtbot.waitUntil(lambda: player_widget.time_label.text().startswith("0:01.2 /"))  # audio
    assert player_widget.open(video(tmp_path / "bars.mp4", seconds=3))
    qtbot.waitUntil(player.has_video, timeout=20_000)
    player_widget.set_frame_rate(rate_of(25))
    player.seek(1200)
    qtbot.waitUntil(lambda: player_widget.time_label.text().startswith("0:01.2 · f 30 /"))
    player_widget.set_frame_rate(rate_of(Fraction(30000, 1001)))  # the clock follows the rate
    assert player_widget.time_label.text().startswith("0:01.2 · f 36 /")


def test_missing_media_file_is_a_message(qtbot, tmp_path):
    widget = PlayerWidget(MediaPlayer())
    qtbot.addWidget(widget)
    assert not widget.open(tmp_path / "gone.wav")
    assert "gone.wav: media file not found" in widget.notice.text()
    assert not widget.play_button.isEnabled()


def test_without_python_vlc_the_editor_opens_with_install_help(qtbot, monkeypatch, speech_item):
    monkeypatch.setitem(sys.modules, "vlc", None)  # what "import vlc" meets when it is missing
    from desktop.ui.editor.window import open_library_item

    editor = open_library_item(LibraryFile.default(), speech_item)
    qtbot.addWidget(editor)
    editor.show()
    notice = editor.player_widget.notice
    assert notice.isVisible()
    assert "libvlc was not found" in notice.text() and "apt install libvlc5" in notice.text()
    assert editor.model.rowCount() == 3
    rect = editor.view.word_rect(0, 1)
    qtbot.mouseClick(editor.view.viewport(), LEFT, pos=rect.center())  # no crash, no seek
    assert editor.player.position() == 0
    qtbot.keyClick(editor.view, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert not editor.player.is_playing()


def test_libvlc_that_cannot_start_still_opens_the_editor(qtbot, monkeypatch, speech_item):
    """libvlc found but refusing to start (here: an option it does not know)."""
    monkeypatch.setenv(VLC_OPTIONS_ENV, "--no-such-option")
    from desktop.ui.editor.window import open_library_item

    editor = open_library_item(LibraryFile.default(), speech_item)
    qtbot.addWidget(editor)
    editor.show()
    text = editor.player_widget.notice.text()
    assert text.startswith("Playback is off: libvlc could not start")
    assert VLC_OPTIONS_ENV in text
    assert editor.model.rowCount() == 3
