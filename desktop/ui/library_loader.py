"""Reading the library off the UI thread, so a big library never freezes the window.

Each request runs on Qt's thread pool with its own ``Library`` connection
(SQLite connections belong to one thread) and reports back through a signal,
which Qt delivers on the UI thread. Requests carry a number; a result that
arrives after a newer request was made is dropped, so fast typing in the
search box shows only the last query's hits.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop.store.database import LibraryError
from desktop.store.library import ItemSummary, Library, SearchHit

SEARCH_LIMIT = 500


class _Relay(QObject):
    """Carries one request's result from its worker thread to the UI thread."""

    done = Signal(str, int, object)  # kind, request number, result
    failed = Signal(str)


class LibraryReader(QObject):
    """Loads items and searches transcripts in the background."""

    items_loaded = Signal(list)  # list[ItemSummary]
    hits_found = Signal(str, list)  # query, list[SearchHit]
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = {"items": 0, "search": 0}
        self._running: dict[tuple[str, int], _Relay] = {}

    def load_items(self) -> None:
        self._run("items", _read_items)

    def search(self, query: str) -> None:
        self._run("search", lambda: (query, _search(query)))

    def busy(self) -> bool:
        return bool(self._running)

    def _run(self, kind: str, work: Callable[[], object]) -> None:
        self._latest[kind] += 1
        number = self._latest[kind]
        relay = _Relay()
        # Bound methods of this object: Qt drops the connection if the panel goes first.
        relay.done.connect(self._finish)
        relay.failed.connect(self._fail)
        self._running[kind, number] = relay

        def job() -> None:
            try:
                result = work()
            except LibraryError as error:
                relay.failed.emit(str(error))
                relay.done.emit(kind, number, None)
            else:
                relay.done.emit(kind, number, result)

        QThreadPool.globalInstance().start(job)

    def _finish(self, kind: str, number: int, result: object) -> None:
        self._running.pop((kind, number), None)
        if result is None or number != self._latest[kind]:
            return  # failed, or overtaken by a newer request
        if kind == "items":
            self.items_loaded.emit(result)
        else:
            query, hits = result  # type: ignore[misc]
            self.hits_found.emit(query, hits)

    def _fail(self, message: str) -> None:
        self.failed.emit(message)


def _read_items() -> list[ItemSummary]:
    with Library.open() as library:
        return library.items()


def _search(query: str) -> list[SearchHit]:
    with Library.open() as library:
        return library.search(query, limit=SEARCH_LIMIT)
