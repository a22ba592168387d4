"""The transport bar around the player: video area, play/pause, seek, speed, volume.

The libvlc side is ``media_player.MediaPlayer``; this widget only shows it
and sends it the person's commands.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.durations import clock_text, format_time
from desktop.domain.subtitle_presets import DEFAULT_FPS
from desktop.domain.timecode import FrameRate, ms_to_frame, rate_of, step_frames
from desktop.ui.editor.player.media_player import MediaPlayer

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
JUMP_MS = 5000
REDRAW_DELAY_MS = 100  # after a window went: let the X server settle first

_SP = QStyle.StandardPixmap
_HEADLESS = ("offscreen", "minimal")


class _SeekSlider(QSlider):
    """A slider that jumps to where it is clicked, not one page towards it."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            value = QStyle.sliderValueFromPosition(
                self.minimum(), self.maximum(), int(event.position().x()), self.width()
            )
            self.setValue(value)
            self.sliderMoved.emit(value)
        super().mousePressEvent(event)


class PlayerWidget(QWidget):
    """Video area (only when the media has video) and the transport controls."""

    def __init__(self, player: MediaPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.frame_rate: FrameRate = rate_of(DEFAULT_FPS)  # until the media's is read
        self.video = QFrame(self)
        self.video.setObjectName("video")
        self.video.setStyleSheet("#video { background: black; }")
        self.video.setMinimumHeight(180)
        self.video.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.video.hide()  # audio shows no black box; shown once a video track is found
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setObjectName("playerNotice")
        self.notice.hide()
        self._build_controls()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.video, 1)
        layout.addWidget(self.notice)
        layout.addLayout(self._controls)
        player.position_changed.connect(self._show_position)
        player.duration_changed.connect(self._show_duration)
        player.playing_changed.connect(self._show_playing)
        player.video_changed.connect(self._show_video)
        player.message.connect(self.show_notice)
        # A window that covered the paused video and went away leaves its pixels there:
        # while paused with a picture, a window of the app hiding draws the still again.
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(REDRAW_DELAY_MS)
        self._redraw_timer.timeout.connect(player.redraw)
        self._watching_windows = False
        player.playing_changed.connect(self._watch_windows)
        if player.available:
            player.set_video_widget(self.video)
        else:
            self.show_notice(player.unavailable_reason)
        self._set_enabled(False)

    def _build_controls(self) -> None:
        style = self.style()
        self.play_button = QToolButton(self)
        self.play_button.setIcon(style.standardIcon(_SP.SP_MediaPlay))
        self.play_button.setToolTip(self.tr("Play/pause (Ctrl+Space)"))
        self.play_button.clicked.connect(self.player.toggle)
        self.back_button = QToolButton(self)
        self.back_button.setIcon(style.standardIcon(_SP.SP_MediaSeekBackward))
        self.back_button.setToolTip(self.tr("Back 5 seconds (Alt+Left)"))
        self.back_button.clicked.connect(lambda: self.player.jump(-JUMP_MS))
        self.forward_button = QToolButton(self)
        self.forward_button.setIcon(style.standardIcon(_SP.SP_MediaSeekForward))
        self.forward_button.setToolTip(self.tr("Forward 5 seconds (Alt+Right)"))
        self.forward_button.clicked.connect(lambda: self.player.jump(JUMP_MS))
        self.frame_back_button = QToolButton(self)
        self.frame_back_button.setText("◀|")
        self.frame_back_button.setToolTip(self.tr("One frame back (Alt+,)"))
        self.frame_back_button.clicked.connect(lambda: self.step_frames(-1))
        self.frame_forward_button = QToolButton(self)
        self.frame_forward_button.setText("|▶")
        self.frame_forward_button.setToolTip(self.tr("One frame forward (Alt+.)"))
        self.frame_forward_button.clicked.connect(lambda: self.step_frames(1))
        self.slider = _SeekSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("seekSlider")
        self.slider.setAccessibleName(self.tr("Position"))
        self.slider.setRange(0, 0)
        self.slider.sliderMoved.connect(self._show_time_text)
        self.slider.sliderReleased.connect(lambda: self.player.seek(self.slider.value()))
        self.time_label = QLabel("0:00 / 0:00", self)
        self.time_label.setObjectName("timeLabel")
        self.speed = QComboBox(self)
        self.speed.setToolTip(self.tr("Playback speed (pitch is kept)"))
        for rate in SPEEDS:
            self.speed.addItem(f"{rate:g}×", rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(
            lambda i: self.player.set_rate(float(self.speed.itemData(i)))
        )
        self.mute_button = QToolButton(self)
        self.mute_button.setCheckable(True)
        self.mute_button.setIcon(style.standardIcon(_SP.SP_MediaVolume))
        self.mute_button.setToolTip(self.tr("Mute"))
        self.mute_button.toggled.connect(self._mute)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setValue(self.player.volume())
        self.volume.setMaximumWidth(90)
        self.volume.setToolTip(self.tr("Volume"))
        self.volume.valueChanged.connect(self.player.set_volume)
        self._controls = QHBoxLayout()
        for widget in (
            self.play_button,
            self.back_button,
            self.frame_back_button,
            self.frame_forward_button,
            self.forward_button,
        ):
            self._controls.addWidget(widget)
        self._controls.addWidget(self.slider, 1)
        for widget in (self.time_label, self.speed, self.mute_button, self.volume):
            self._controls.addWidget(widget)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.play_button,
            self.back_button,
            self.forward_button,
            self.frame_back_button,
            self.frame_forward_button,
            self.slider,
            self.speed,
            self.mute_button,
            self.volume,
        ):
            widget.setEnabled(enabled)

    def set_frame_rate(self, rate: FrameRate | None) -> None:
        """The media's frame rate (read off the GUI thread by the editor), for frame steps
        and the frame number on the clock."""
        self.frame_rate = rate or rate_of(DEFAULT_FPS)
        self._show_time_text(self.player.position())

    def step_frames(self, frames: int) -> None:
        """Pause and go ``frames`` frames back or forth, landing on a frame start."""
        self.player.pause()
        self.player.seek(max(0, step_frames(self.player.position(), frames, self.frame_rate)))

    def open(self, source: str | Path) -> bool:
        opened = self.player.open(source)
        self._set_enabled(opened)
        if opened:
            self.notice.hide()
        return opened

    def _watch_windows(self, _playing: bool | None = None) -> None:
        """Watch other windows hide only while a paused picture is shown (it costs a look
        at each event of the app)."""
        wanted = self.video.isVisibleTo(self) and not self.player.is_playing()
        app = QApplication.instance()
        if wanted == self._watching_windows or app is None:
            return
        self._watching_windows = wanted
        if wanted:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Hide
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched is not self.window()
        ):
            self._redraw_timer.start()
        return False

    def _show_video(self, has_video: bool) -> None:
        # Without a native window to draw in, the area would stay an empty black box.
        self.video.setVisible(has_video and self.player.can_embed_video())
        self._watch_windows()
        self._show_time_text(self.player.position())
        platform = QGuiApplication.platformName()
        if has_video and not self.player.can_embed_video() and platform not in _HEADLESS:
            self.show_notice(
                self.tr(
                    "Video cannot be shown inside the window on this display ({0});"
                    " start Tingxie with QT_QPA_PLATFORM=xcb to see it. Sound plays."
                ).format(platform)
            )

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _mute(self, muted: bool) -> None:
        self.player.set_muted(muted)
        icon = _SP.SP_MediaVolumeMuted if muted else _SP.SP_MediaVolume
        self.mute_button.setIcon(self.style().standardIcon(icon))

    def _show_position(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
            self._show_time_text(ms)

    def _show_time_text(self, ms: int) -> None:
        total = self.player.duration()
        clock = clock_text(ms)
        if self.player.has_video():  # the frame, so a frame step or a cut can be seen
            frame = ms_to_frame(max(0, ms), self.frame_rate)
            clock = self.tr("{0} · f {1}", "the clock with the video frame number").format(
                clock, frame
            )
        self.time_label.setText(f"{clock} / {format_time(total)}")

    def _show_duration(self, ms: int) -> None:
        self.slider.setRange(0, ms)
        self.slider.setPageStep(JUMP_MS)
        self._show_time_text(self.player.position())

    def _show_playing(self, playing: bool) -> None:
        pixmap = _SP.SP_MediaPause if playing else _SP.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(pixmap))
