from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.ui.main_window import MainWindow


def test_main_window_shows_title_and_the_drop_hint(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Tingxie"
    assert "Drop audio or video files" in window.findChild(QLabel, "emptyHint").text()


def test_quit_shortcut_closes_the_window(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_running_without_a_command_opens_the_gui(tingxie_home) -> None:
    """``python -m desktop`` with no command starts the GUI (the probe quits after first paint)."""
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--startup-probe"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "TINGXIE_HOME": str(tingxie_home), "PATH": ""},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("first_paint_s=")
    assert 0 < float(done.stdout.strip().split("=")[1]) < 30
