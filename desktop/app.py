"""The composition root of the GUI: it builds every service once and hands it on.

Here, and only here, are made: the application object, the library
(``LibraryFile``: where it is; each thread connects to it), the job engine's
bridge with its clients, the main window, and the event loop. Widgets get
what they need from their constructor; none opens the library or builds a
client by itself, so a test hands them a library of its own.

The event loop is qasync's, so asyncio code (the DashScope client, the job
engine) runs on Qt's own loop and can update widgets without threads.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import qasync
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, STARTED, __version__
from desktop.resources import resources_dir
from desktop.settings import load_settings
from desktop.store.library import LibraryFile
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.util.crash_dialog import install_crash_dialog
from desktop.ui.util.garbage import GuiThreadCollector
from desktop.ui.util.single_instance import HandOver, InstanceServer, hand_over
from desktop.ui.util.theme import follow_system_scheme
from desktop.ui.util.translations import install_language

if TYPE_CHECKING:
    from desktop.ui.queue.controller import QueueController


def make_application() -> QApplication:
    if sys.platform.startswith("linux") and os.environ.get("WAYLAND_DISPLAY"):
        # libvlc draws video into an X11 window id; under Wayland use XWayland for that.
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("tingxie")  # Wayland matches the window to tingxie.desktop
    icon = resources_dir() / "icons" / "tingxie.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    assert isinstance(app, QApplication)
    GuiThreadCollector(app).start()  # QObjects in cycles die on this thread, not a worker's
    follow_system_scheme(app)
    install_language(load_settings().language)
    return app


def run_gui(*, startup_probe: bool = False, paths: Sequence[Path] = (), debug: bool = False) -> int:
    """The main window, opening ``paths``; or, if the app is already open, hand them over.

    With ``startup_probe`` the window quits after its first paint (``benchmarks/startup.py``);
    with ``debug`` the log keeps DEBUG lines.
    """
    app = make_application()
    install_crash_dialog(app, debug=debug)  # tingxie.log, crash reports, the error dialog
    server = _become_the_instance(app, paths)
    if isinstance(server, int):  # another app has this library
        return server
    app.aboutToQuit.connect(server.close)
    window = MainWindow(LibraryFile.default())
    # The queue (its engine, httpx, the library connection) comes just after the
    # first paint: the window shows at once, the queue a moment later.
    _after_first_paint(window, lambda: start_queue(window))
    server.files_received.connect(lambda files: _receive(window, files))
    FileOpenEvents(window, parent=app)
    if startup_probe:
        _report_first_paint(window)
    window.show()
    if paths:
        QTimer.singleShot(0, lambda: window.open_paths(paths))  # after the window is up
    return _run_event_loop(app)


def start_queue(window: MainWindow, *, run: bool = True) -> QueueController | None:
    """The job queue panel and its engine, on the window's library; with ``run`` the
    engine resumes unfinished jobs once the event loop runs (after the first paint).

    ``None`` (and a message) when the library cannot be opened.
    """
    from desktop.store.database import LibraryError
    from desktop.ui.queue.bridge import EngineBridge
    from desktop.ui.queue.controller import QueueController

    try:
        connection = window.library.connect()  # the engine's, on the GUI thread
    except LibraryError as error:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(window, APP_NAME, str(error))
        return None
    bridge = EngineBridge(connection, window)
    controller = QueueController(window, bridge)
    if run:
        QTimer.singleShot(0, bridge.start)
    return controller


def _become_the_instance(app: QApplication, paths: Sequence[Path]) -> InstanceServer | int:
    """Listen for later launches; or hand ``paths`` to the app already open: the exit status.

    Two launches at the same moment both find no app; the one that loses the race
    to listen hands its files to the winner.
    """
    server = InstanceServer(parent=app)
    for _attempt in range(3):
        outcome = hand_over(paths, server.name)
        if outcome is HandOver.DONE:
            print(f"{APP_NAME} is already open: handed it {len(paths)} file(s).", flush=True)
            return 0
        if outcome is HandOver.NO_ANSWER:
            print(
                f"error: {APP_NAME} is open but does not answer; close it (or end it in the"
                " task manager) and open the files again",
                file=sys.stderr,
            )
            return 1
        if server.listen():
            return server
    print(
        f"warning: {server.name}: cannot listen for later launches;"
        " opening files again starts another window",
        file=sys.stderr,
    )
    return server


def _receive(window: MainWindow, files: list[Path]) -> None:
    """A later launch's files: bring the window forward and open them."""
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
    if files:
        window.open_paths(files)


class FileOpenEvents(QObject):
    """macOS gives "Open with" files to a running app as events, not arguments."""

    def __init__(self, window: MainWindow, parent: QObject) -> None:
        super().__init__(parent)
        self._window = window
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QFileOpenEvent) and event.file():
            _receive(self._window, [Path(event.file())])
            return True
        return False


def run_editor(item_id: int, *, debug: bool = False) -> int:
    """``tingxie open ID``: the editor window alone, for one library item."""
    from desktop.ui.editor.window import open_library_item

    app = make_application()
    install_crash_dialog(app, debug=debug)
    window = open_library_item(LibraryFile.default(), item_id)
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
            QTimer.singleShot(0, _report_playback_and_quit)
        return False


def _report_playback_and_quit() -> None:
    """After the measured paint: can this install play media? (A bundle's libvlc check.)"""
    try:
        from desktop.ui.editor.player.media_player import MediaPlayer

        player = MediaPlayer()
        # On stderr: stdout stays the one figure scripts read.
        status = "libvlc" if player.available else player.unavailable_reason
        print(f"playback={status}", file=sys.stderr, flush=True)
    finally:  # even if nobody reads the output any more (a closed pipe)
        QCoreApplication.quit()


class _FirstPaintHook(QObject):
    """Runs a callback once, on the loop turn after the watched widget's first paint."""

    def __init__(self, watched: QObject, callback: Callable[[], None]) -> None:
        super().__init__(watched)
        self._callback = callback
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def _after_first_paint(window: MainWindow, callback: Callable[[], None]) -> None:
    _FirstPaintHook(window, callback)


def _report_first_paint(window: MainWindow) -> None:
    probe = _FirstPaintProbe(window)
    window.installEventFilter(probe)
