"""The composition root of the GUI: application object, main window, event loop.

The event loop is qasync's, so asyncio code (the DashScope client, the job
engine) runs on Qt's own loop and can update widgets without threads.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time

import qasync
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, STARTED, __version__
from desktop.settings import load_settings
from desktop.ui.main_window import MainWindow
from desktop.ui.theme import follow_system_scheme
from desktop.ui.translations import install_language


def _application() -> QApplication:
    if sys.platform.startswith("linux") and os.environ.get("WAYLAND_DISPLAY"):
        # libvlc draws video into an X11 window id; under Wayland use XWayland for that.
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    assert isinstance(app, QApplication)
    follow_system_scheme(app)
    install_language(load_settings().language)
    return app


def run_gui(*, startup_probe: bool = False) -> int:
    app = _application()
    window = MainWindow()
    if startup_probe:
        _report_first_paint(window)
    window.show()
    return _run_event_loop(app)


def run_editor(item_id: int) -> int:
    """``tingxie open ID``: the editor window alone, for one library item."""
    from desktop.ui.transcript_editor import open_library_item

    app = _application()
    window = open_library_item(item_id)
    window.show()
    return _run_event_loop(app)


def _run_event_loop(app: QApplication) -> int:
    """Run Qt's loop as the asyncio loop until the application quits."""
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_forever()
    return 0


class _FirstPaintProbe(QObject):
    """Prints the seconds from start-up to the window's first paint, then quits."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"first_paint_s={time.perf_counter() - STARTED:.3f}", flush=True)
            QTimer.singleShot(0, QCoreApplication.quit)
        return False


def _report_first_paint(window: MainWindow) -> None:
    probe = _FirstPaintProbe(window)
    window.installEventFilter(probe)
