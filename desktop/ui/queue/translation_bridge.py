"""Translation jobs of the app: ``translate_track`` on the app's loop, with progress and cancel.

A run translates one track into one language like ``tingxie translate``: each
batch is stored as it arrives, so cancelling, quitting or a crash keeps what is
stored and translating again sends only the rest. The endpoint and key are the
ones transcription uses (``desktop.connection``); the key is read off the GUI
thread. Each run gets a number; the queue panel's ``TranslationRows`` shows it.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.connection import choose_endpoint
from desktop.dashscope import credentials
from desktop.dashscope.errors import AuthError, DashScopeError
from desktop.jobs.track_translation import TrackRun, build_glossary, translate_track
from desktop.jobs.translation import RunOutcome
from desktop.store.library import LibraryFile
from desktop.ui.util.background import Work, run_coroutine


@dataclass(frozen=True)
class TranslationOrder:
    """What the Translate dialog asks for: a track, a language, a model, a glossary file."""

    item_id: int
    track_name: str
    target: str
    model: str
    glossary_csv: Path | None = None
    item_title: str = ""
    wanted: tuple[str, ...] | None = None  # only these cue keys (stale or selected cues)
    glossary_rows: tuple[tuple[str, str], ...] = ()  # the dialog's glossary table


@dataclass(frozen=True)
class TranslationDone:
    run_id: int
    translated: int
    flagged: int  # cues the service refused or could not finish
    canceled: bool


class TranslationBridge(QObject):
    """Starts and cancels translation runs; reports them as signals on the GUI thread.

    Signals:
        started(int, object): run id, the ``TranslationOrder``
        progress(int, int, int): run id, cues done, cues to do
        finished(object): a ``TranslationDone``
        failed(int, str): run id, a sentence saying what went wrong and what to do
    """

    started = Signal(int, object)
    progress = Signal(int, int, int)
    finished = Signal(object)
    failed = Signal(int, str)

    def __init__(self, library: LibraryFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._ids = itertools.count(1)
        self._cancels: dict[int, asyncio.Event] = {}
        self._work: dict[int, Work[RunOutcome] | None] = {}

    def start(self, order: TranslationOrder) -> int:
        run_id = next(self._ids)
        cancel = asyncio.Event()
        self._cancels[run_id] = cancel
        self.started.emit(run_id, order)

        def progress(done: int, total: int) -> None:
            self.progress.emit(run_id, done, total)

        self._work[run_id] = run_coroutine(
            self,
            lambda: self._run(order, progress, cancel),
            lambda outcome: self._done(run_id, outcome),
            lambda error: self._failed(run_id, error),
        )
        return run_id

    def cancel(self, run_id: int) -> None:
        """Stop sending; what is stored stays (the answers in flight are dropped)."""
        event = self._cancels.get(run_id)
        if event is not None:
            event.set()  # the runner only reads the flag (is_set), from whichever loop runs it

    def running(self) -> list[int]:
        return list(self._cancels)

    async def _run(
        self, order: TranslationOrder, progress: Callable[[int, int], None], cancel: asyncio.Event
    ) -> RunOutcome:
        endpoint = choose_endpoint().endpoint
        key = await asyncio.to_thread(credentials.load_api_key)
        if not key:
            raise AuthError(
                "no API key yet", code="NoKey", advice="Enter a key in Tools → Settings first."
            )
        from desktop.jobs.track_translation import current_track

        library = self.library.connect()
        try:
            track_id, track = current_track(library, order.item_id, order.track_name)
            glossary = await build_glossary(
                library, order.item_id, csv_path=order.glossary_csv, endpoint=endpoint,
                api_key=key, rows=order.glossary_rows,
            )  # fmt: skip
            run = TrackRun(
                order.item_id, track_id, track, order.item_title, order.target, order.model,
                glossary, order.wanted,
            )  # fmt: skip
            return await translate_track(
                library, run, endpoint=endpoint, api_key=key, progress=progress, cancel=cancel
            )
        finally:
            library.close()

    def _done(self, run_id: int, outcome: RunOutcome) -> None:
        self._forget(run_id)
        flagged = len(outcome.refused) + len(outcome.truncated)
        self.finished.emit(TranslationDone(run_id, outcome.translated, flagged, outcome.canceled))

    def _failed(self, run_id: int, error: Exception) -> None:
        self._forget(run_id)
        if isinstance(error, DashScopeError):
            text = f"{error.message} {error.advice}"
        else:
            text = str(error)
        self.failed.emit(run_id, text)

    def _forget(self, run_id: int) -> None:
        self._cancels.pop(run_id, None)
        self._work.pop(run_id, None)
