"""libvlc behind a Qt object, with a smooth position clock.

libvlc reports its playback time coarsely (every ~250 ms with some outputs),
far too seldom for a word-by-word highlight, so ``MediaPlayer`` runs its own
clock: it re-anchors on each fresh libvlc time and interpolates in between,
reporting the position 40 times a second. A seek reports its target at once,
so a click on a word shows that word's exact time without waiting for libvlc.

libvlc is optional at run time: without it the editor still opens, with a
message saying how to install it. The transport bar around it is
``transport.py``.
"""

from __future__ import annotations

import os
import shlex
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Extra libvlc options, e.g. "--aout=dummy" on a machine without a sound device.
VLC_OPTIONS_ENV = "TINGXIE_VLC_OPTIONS"
TICK_MS = 25  # 40 position reports a second while playing
REDRAW_PLAY_MS = 80  # how long a paused video plays (muted) to draw its picture again

INSTALL_HELP = {
    "linux": "install VLC's library: sudo apt install libvlc5 vlc-plugin-base"
    " vlc-plugin-video-output (Fedora: sudo dnf install vlc-libs)",
    "win32": "install VLC (64-bit, from https://www.videolan.org) and restart Tingxie",
    "darwin": "install VLC.app (from https://www.videolan.org) into /Applications"
    " and restart Tingxie",
}


def install_help() -> str:
    for prefix, text in INSTALL_HELP.items():
        if sys.platform.startswith(prefix):
            return text
    return "install VLC's library (libvlc 3) with your system's package manager"


def load_vlc() -> tuple[ModuleType | None, str]:
    """The ``vlc`` module, or ``None`` and why not with what to do."""
    try:
        import vlc
    except (ImportError, OSError, NotImplementedError, SystemExit) as error:
        # python-vlc raises NotImplementedError (Linux), OSError (Windows), or
        # exits (a bad PYTHON_VLC_LIB_PATH) when it cannot find libvlc.
        detail = str(error) or type(error).__name__
        if isinstance(error, SystemExit):  # python-vlc logged why and called sys.exit
            detail = "PYTHON_VLC_LIB_PATH or PYTHON_VLC_MODULE_PATH names no usable VLC"
        return None, (
            f"Playback is off: libvlc was not found ({detail}). To play media, {install_help()}."
        )
    return vlc, ""


class MediaPlayer(QObject):
    """One media file or URL played by libvlc, with a smooth position clock.

    Signals:
        position_changed(int)
        duration_changed(int)
        playing_changed(bool)
        video_changed(bool): the media has a picture to show
        message(str): a problem the user should see
    """

    position_changed = Signal(int)
    duration_changed = Signal(int)
    playing_changed = Signal(bool)
    video_changed = Signal(bool)
    message = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vlc, self.unavailable_reason = load_vlc()
        self._instance: Any = None
        self._player: Any = None
        self._media: Any = None
        self._source: str | None = None
        self._duration = 0
        self._playing = False
        self._has_video = False
        self._rate = 1.0
        self._volume = 100
        self._muted = False
        self._pending_seek: int | None = None
        # Opened paused, libvlc makes no video output until it decodes a frame: one
        # frame step draws the picture at the position instead of a black area.
        self._still_wanted = False
        self._stepped_for_still = False
        self._redrawing = False
        # The clock: media time ``_anchor_ms`` was current at wall time ``_anchor_wall``.
        self._anchor_ms = 0
        self._anchor_wall = time.monotonic()
        self._last_vlc_ms = -1
        self._reported = 0
        self._seek_wall = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._video_widget: QWidget | None = None
        if self._vlc is not None:
            self._start_libvlc()

    # -- set-up ----------------------------------------------------------------

    def _start_libvlc(self) -> None:
        assert self._vlc is not None
        options = ["--quiet", "--no-video-title-show", "--audio-time-stretch"]
        if not self.can_embed_video():
            options.append("--vout=dummy")  # never let libvlc open a window of its own
        options += shlex.split(os.environ.get(VLC_OPTIONS_ENV, ""))
        try:
            self._instance = self._vlc.Instance(options)
        except Exception as error:  # libvlc's own start-up failed (broken install)
            self._instance = None
            detail = str(error)
        else:
            detail = "libvlc could not start (are VLC's plugins installed?"
            if os.environ.get(VLC_OPTIONS_ENV):
                detail += f" are the options in {VLC_OPTIONS_ENV} valid?"
            detail += ")"
        if self._instance is None:
            self.unavailable_reason = f"Playback is off: {detail}. To play media, {install_help()}."
            return
        self._player = self._instance.media_player_new()
        self._player.video_set_mouse_input(False)  # clicks and keys belong to Qt
        self._player.video_set_key_input(False)

    @property
    def available(self) -> bool:
        return self._player is not None

    @staticmethod
    def can_embed_video() -> bool:
        """libvlc can draw into a native window only on these Qt platforms."""
        return QGuiApplication.platformName() in ("xcb", "windows", "cocoa")

    def set_video_widget(self, widget: QWidget) -> None:
        """Draw video inside ``widget`` (its native window), where the platform allows."""
        self._video_widget = widget
        if self._player is None or not self.can_embed_video():
            return
        widget.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        handle = int(widget.winId())
        platform = QGuiApplication.platformName()
        if platform == "xcb":
            self._player.set_xwindow(handle)
        elif platform == "windows":
            self._player.set_hwnd(handle)
        else:
            self._player.set_nsobject(handle)

    def open(self, source: str | Path) -> bool:
        """Load a local file or a URL, paused at its start; False if it cannot be played."""
        if self._player is None:
            self.message.emit(self.unavailable_reason)
            return False
        text = str(source)
        is_url = "://" in text and not Path(text).exists()
        if not is_url and not Path(text).is_file():
            self.message.emit(f"{text}: media file not found; it may have been moved or deleted")
            return False
        self._source = text
        self._duration = 0
        self._has_video = False
        self._load(paused=True)
        self._still_wanted = True
        self._stepped_for_still = False
        self._timer.start()
        return True

    def _load(self, *, paused: bool) -> None:
        assert self._instance is not None and self._source is not None
        if "://" in self._source and not Path(self._source).exists():
            media = self._instance.media_new(self._source)
        else:
            media = self._instance.media_new_path(self._source)
        if paused:
            media.add_option(":start-paused")
        self._media = media
        self._player.set_media(media)
        self._player.play()
        self._player.set_rate(self._rate)
        self._last_vlc_ms = -1

    def redraw(self) -> None:
        """Draw the paused picture again (libvlc leaves what covered it, e.g. a closed dialog).

        A paused libvlc draws nothing new, not even after a seek: it plays for a moment,
        muted, and pauses again back at the position.
        """
        player = self._player
        if player is None or self._playing or self._pending_seek is not None:
            return
        if not (self._has_video and player.has_vout()) or self._redrawing:
            return
        if player.get_state() == self._vlc.State.Paused:
            self._redrawing = True
            player.audio_set_mute(True)
            player.set_pause(0)
            QTimer.singleShot(REDRAW_PLAY_MS, self._end_redraw)

    def _end_redraw(self) -> None:
        self._redrawing = False
        if self._player is None or self._playing:
            return
        self._player.set_pause(1)
        self._player.set_time(self._anchor_ms)
        self._player.audio_set_mute(self._muted)

    def close(self) -> None:
        self._timer.stop()
        if self._player is not None:
            self._player.stop()
            self._player.release()
            self._player = None
        if self._instance is not None:
            self._instance.release()
            self._instance = None

    # -- transport -------------------------------------------------------------

    def play(self) -> None:
        if self._player is None or self._source is None:
            return
        state = self._player.get_state()
        if state in (self._vlc.State.Ended, self._vlc.State.Stopped, self._vlc.State.Error):
            start = self._reported if self._reported < self._duration - 50 else 0
            self._load(paused=False)
            self._pending_seek = start
        else:
            self._player.set_pause(0)
        self._set_playing(True)
        self._anchor(self._reported)

    def pause(self) -> None:
        if self._player is None:
            return
        self._player.set_pause(1)
        self._anchor(self.position())
        self._set_playing(False)

    def toggle(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def seek(self, ms: int) -> None:
        """Go to ``ms`` exactly; reported at once, libvlc follows."""
        if self._player is None or self._source is None:
            return
        ms = max(0, min(ms, self._duration or ms))
        state = self._player.get_state()
        if state in (self._vlc.State.Ended, self._vlc.State.Stopped):
            self._load(paused=not self._playing)
            self._pending_seek = ms
        elif state in (self._vlc.State.Playing, self._vlc.State.Paused):
            self._player.set_time(ms)
            self._pending_seek = None
        else:  # still opening: apply once libvlc can seek
            self._pending_seek = ms
        self._seek_wall = time.monotonic()
        self._anchor(ms)
        self._report(ms, force=True)

    def jump(self, delta_ms: int) -> None:
        self.seek(self.position() + delta_ms)

    def set_rate(self, rate: float) -> None:
        """Playback speed; libvlc keeps the pitch (scaletempo)."""
        self._anchor(self.position())
        self._rate = rate
        if self._player is not None:
            self._player.set_rate(rate)

    def set_volume(self, volume: int) -> None:
        self._volume = max(0, min(100, volume))
        if self._player is not None:
            self._player.audio_set_volume(self._volume)

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if self._player is not None:
            self._player.audio_set_mute(muted)

    # -- state -----------------------------------------------------------------

    def position(self) -> int:
        """The current media time in ms, interpolated between libvlc's reports."""
        if not self._playing:
            return self._anchor_ms
        elapsed = (time.monotonic() - self._anchor_wall) * 1000 * self._rate
        position = self._anchor_ms + int(elapsed)
        return min(position, self._duration) if self._duration else position

    def libvlc_time(self) -> int:
        """libvlc's own current time (coarse); -1 without media."""
        return int(self._player.get_time()) if self._player is not None else -1

    def libvlc_rate(self) -> float:
        """The speed libvlc itself plays at (``rate`` is the one asked for); 0 without libvlc."""
        return float(self._player.get_rate()) if self._player is not None else 0.0

    def duration(self) -> int:
        return self._duration

    def is_playing(self) -> bool:
        return self._playing

    def rate(self) -> float:
        return self._rate

    def volume(self) -> int:
        return self._volume

    def is_muted(self) -> bool:
        return self._muted

    def has_video(self) -> bool:
        return self._has_video

    def has_video_output(self) -> bool:
        """libvlc is drawing video (into the embedded window)."""
        return self._player is not None and bool(self._player.has_vout())

    def source(self) -> str | None:
        return self._source

    # -- the clock -------------------------------------------------------------

    def _anchor(self, ms: int) -> None:
        self._anchor_ms = ms
        self._anchor_wall = time.monotonic()

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)

    def _tick(self) -> None:
        player, vlc = self._player, self._vlc
        if player is None:
            return
        state = player.get_state()
        ready = state in (vlc.State.Playing, vlc.State.Paused)
        if ready and self._pending_seek is not None:
            player.set_time(self._pending_seek)
            self._anchor(self._pending_seek)
            self._pending_seek = None
            self._seek_wall = time.monotonic()
        length = player.get_length()
        if length > 0 and length != self._duration:
            self._duration = length
            self.duration_changed.emit(length)
        if ready and not self._has_video and player.video_get_track_count() > 0:
            self._has_video = True
            self.video_changed.emit(True)
        if self._still_wanted and ready:
            self._show_still(state)
        if state == vlc.State.Ended:
            self._set_playing(False)
            self._anchor(self._duration)
            self._report(self._duration)
            return
        if state == vlc.State.Error:
            self._set_playing(False)
            self.message.emit(f"{self._source}: libvlc cannot play this media")
            self._timer.stop()
            return
        self._follow_libvlc(player.get_time())
        self._report(self.position())

    def _show_still(self, state: Any) -> None:
        """Draw the frame at the position while paused (libvlc shows black until it decodes).

        One frame step makes libvlc create its video output; once it exists the
        player goes back to the position the clock shows, so Play starts there.
        """
        player = self._player
        if self._playing:
            self._still_wanted = False
        elif player.has_vout():
            self._still_wanted = False
            if self._stepped_for_still and self._pending_seek is None:
                player.set_time(self._anchor_ms)
        elif self._has_video and state == self._vlc.State.Paused and not self._stepped_for_still:
            self._stepped_for_still = True
            player.next_frame()

    def _follow_libvlc(self, vlc_ms: int) -> None:
        """Re-anchor the clock on a fresh libvlc time, ignoring stale ones after a seek."""
        if vlc_ms < 0 or vlc_ms == self._last_vlc_ms or self._pending_seek is not None:
            return
        self._last_vlc_ms = vlc_ms
        if not self._playing:
            return
        expected = self.position()
        just_sought = time.monotonic() - self._seek_wall < 1.0
        if just_sought and abs(vlc_ms - expected) > 400:
            return  # libvlc still reports where it was before the seek
        self._anchor(vlc_ms)

    def _report(self, ms: int, *, force: bool = False) -> None:
        # Small backward steps come from re-anchoring on a late libvlc time: hold instead.
        if not force and self._playing and self._reported - 300 < ms < self._reported:
            ms = self._reported
        if force or ms != self._reported:
            self._reported = ms
            self.position_changed.emit(ms)
