"""The main window as the app starts it, on a real X screen, for screenshots.

``python tests/helpers/main_window_driver.py sample|welcome [dark]`` shows the
window (``sample``: with the bundled sample open in the editor; ``dark``: as
under a dark system colour scheme), waits until the
library has loaded and the player knows the media, then prints
``READY <X window id> <JSON>`` and keeps running until terminated. The JSON
holds texts the window shows (a menu title, the welcome page's button), so a
test can tell which language the screenshot is in.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import Qt, QTimer

from desktop.app import make_application, start_queue
from desktop.store.library import LibraryFile
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.util.theme import apply_scheme


def main() -> int:
    mode = sys.argv[1]
    app = make_application()
    if "dark" in sys.argv[2:]:
        apply_scheme(app, Qt.ColorScheme.Dark)
    window = MainWindow(LibraryFile.default())
    start_queue(window, run=False)  # the queue panel as the app shows it, engine stopped
    window.resize(1280, 800)
    window.show()
    editor = window.open_sample() if mode == "sample" else None

    def ready() -> bool:
        if not window.isVisible() or window.library_panel.is_loading():
            return False
        if not window.key_state_known():
            return False
        return editor is None or editor.player.duration() > 0

    timer = QTimer()

    def check() -> None:
        if ready():
            timer.stop()
            # One more turn of the loop so the last repaint reaches the X server.
            QTimer.singleShot(
                300, lambda: print(f"READY {int(window.winId())} {shown()}", flush=True)
            )

    def shown() -> str:
        return json.dumps(
            {
                "file_menu": window.file_menu.title(),
                "open_sample": window.welcome.open_sample.text(),
                "welcome_visible": window.welcome.isVisible(),
            }
        )

    timer.timeout.connect(check)
    timer.start(100)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
