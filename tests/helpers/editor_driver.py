"""Runs the editor in its own process for tests that need one (a kill, a real X screen).

``python editor_driver.py edit ITEM DEBOUNCE_MS``: opens the item and edits the
first sentence every 100 ms, printing ``EDIT n t`` (t = monotonic clock) after
each, until killed.

``python editor_driver.py video ITEM SCREENSHOT``: opens the item on the X
screen, plays, and prints one JSON line describing the video area, saving a
screenshot of the screen.

``python editor_driver.py still ITEM SCREENSHOT``: opens the item on the X
screen without playing; once libvlc has drawn (or after 10 s) prints the same
JSON line, so a test can see the first frame is shown before Play.

``python editor_driver.py covered ITEM SCREENSHOT``: as ``still``, then seeks
(paused) to 2 s, covers the video with a window for half a second and reports
once the window is gone, so a test can see the picture comes back.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.store.library import LibraryFile
from desktop.ui.editor.model import Column
from desktop.ui.editor.window import open_library_item


def edit_forever(item_id: int, debounce_ms: int) -> None:
    app = QApplication([])
    editor = open_library_item(LibraryFile.default(), item_id, debounce_ms=debounce_ms)
    editor.show()
    count = 0

    def edit() -> None:
        nonlocal count
        count += 1
        editor.model.setData(editor.model.index(0, Column.TEXT), f"edit {count} hello world")
        print(f"EDIT {count} {time.monotonic():.4f}", flush=True)

    timer = QTimer()
    timer.timeout.connect(edit)
    timer.start(100)
    print("READY", flush=True)
    app.exec()


def colour_fraction(frame: QWidget) -> float:
    """The share of saturated samples in ``frame`` on screen (colour bars; black is not)."""
    corner = frame.mapToGlobal(frame.rect().topLeft())
    shot = QGuiApplication.primaryScreen().grabWindow(0)
    area = shot.toImage().copy(corner.x(), corner.y(), frame.width(), frame.height())
    colour = sum(
        1
        for x in range(0, area.width(), 8)
        for y in range(0, area.height(), 8)
        if area.pixelColor(x, y).hsvSaturation() > 100 and area.pixelColor(x, y).value() > 60
    )
    samples = len(range(0, area.width(), 8)) * len(range(0, area.height(), 8))
    return colour / max(1, samples)


def show_video(item_id: int, screenshot: Path, *, play: bool, cover: bool = False) -> None:
    app = QApplication([])
    editor = open_library_item(LibraryFile.default(), item_id)
    editor.resize(900, 700)
    editor.show()
    started = time.monotonic()
    report: dict[str, object] = {}

    def ready() -> bool:
        player, frame = editor.player, editor.player_widget.video
        if not (player.has_video_output() and frame.isVisible()):
            return False
        if play:
            return player.position() > 800
        return colour_fraction(frame) > 0.1

    cover_state: dict[str, object] = {}

    def covered() -> bool:
        """True once the still was covered by a window and uncovered again."""
        if not cover:
            return True
        frame = editor.player_widget.video
        if "window" not in cover_state:
            editor.player.seek(2000)
            window = QDialog(editor, Qt.WindowType.FramelessWindowHint)  # a dialog over it
            window.setStyleSheet("background: #808080;")
            window.move(frame.mapToGlobal(frame.rect().topLeft()))
            window.resize(frame.size())
            window.show()
            cover_state.update(window=window, at=time.monotonic())
            return False
        window = cover_state["window"]
        assert isinstance(window, QWidget)
        if window.isVisible():
            if time.monotonic() - float(cover_state["at"]) > 0.5:  # type: ignore[arg-type]
                window.hide()
                cover_state["gone"] = time.monotonic()
            return False
        return time.monotonic() - float(cover_state["gone"]) > 0.5  # type: ignore[arg-type]

    def check() -> None:
        player, frame = editor.player, editor.player_widget.video
        # Once covered the area is not ready (the cover hides it) until the cover went.
        shown = "window" in cover_state or ready()
        if time.monotonic() - started > 10 or (shown and covered()):
            if play:
                player.pause()
            QGuiApplication.primaryScreen().grabWindow(0).save(str(screenshot))
            report.update(
                has_vout=player.has_video_output(),
                frame_visible=frame.isVisible(),
                frame_size=[frame.width(), frame.height()],
                colour_fraction=colour_fraction(frame),
                platform=QGuiApplication.platformName(),
                playing=player.is_playing(),
                position=player.position(),
                clock=editor.player_widget.time_label.text(),
            )
            print(json.dumps(report), flush=True)
            editor.close()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(50)
    if play:
        editor.player.play()
    app.exec()


if __name__ == "__main__":
    command, item = sys.argv[1], int(sys.argv[2])
    if command == "edit":
        edit_forever(item, int(sys.argv[3]))
    else:
        show_video(item, Path(sys.argv[3]), play=command == "video", cover=command == "covered")
