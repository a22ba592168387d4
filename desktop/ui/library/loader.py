"""Reading the library off the UI thread, so a big library never freezes the window.

Each request runs on a worker thread with its own ``Library`` connection
(SQLite connections belong to one thread) and reports back on the UI thread
(``ui.util.background``). Requests carry a number; a result that
arrives after a newer request was made is dropped, so fast typing in the
search box shows only the last query's hits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from desktop.store.database import LibraryError
from desktop.store.library import ItemSummary, Library, LibraryFile, SearchHit
from desktop.ui.util.background import report_unexpected, run_in_thread

SEARCH_LIMIT = 500
T = TypeVar("T")


@dataclass(frozen=True)
class SearchAnswer:
    """The sentences for one (text, label) request, and which items have the label at all.

    ``label_items`` is counted apart from the hits, which stop at ``SEARCH_LIMIT``:
    a label common in a big library must not hide items beyond the first hits.
    """

    query: str
    label: str | None
    hits: list[SearchHit]
    label_items: frozenset[int] | None


class LibraryReader(QObject):
    """Loads items and searches transcripts in the background.

    Signals:
        items_loaded(list[ItemSummary]): every item, newest first.
        labels_loaded(list[str]): every label some sentence carries.
        hits_found(SearchAnswer): the answer to the latest search.
        failed(str): the library could not be read (locked, damaged); says why.
    """

    items_loaded = Signal(list)
    labels_loaded = Signal(list)
    hits_found = Signal(SearchAnswer)
    failed = Signal(str)

    def __init__(self, library: LibraryFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._latest = {"items": 0, "search": 0}
        self._running: set[tuple[str, int]] = set()

    def load_items(self) -> None:
        self._run("items", _read_items, self._items_read)

    def search(self, query: str, label: str | None = None) -> None:
        self._run("search", lambda library: _search(library, query, label), self.hits_found.emit)

    def busy(self) -> bool:
        return bool(self._running)

    def _run(self, kind: str, read: Callable[[Library], T], show: Callable[[T], None]) -> None:
        self._latest[kind] += 1
        number = self._latest[kind]
        self._running.add((kind, number))

        def work() -> T:
            with self._library.connect() as library:
                return read(library)

        def done(result: T) -> None:
            self._running.discard((kind, number))
            if number == self._latest[kind]:  # else overtaken by a newer request
                show(result)

        def failed(error: Exception) -> None:
            self._running.discard((kind, number))
            if not isinstance(error, LibraryError):
                report_unexpected(error)  # a bug, not a library problem: the crash handler
                return
            self.failed.emit(str(error))

        run_in_thread(self, work, done, failed)

    def _items_read(self, result: tuple[list[ItemSummary], list[str]]) -> None:
        items, labels = result
        self.items_loaded.emit(items)
        self.labels_loaded.emit(labels)


def _read_items(library: Library) -> tuple[list[ItemSummary], list[str]]:
    return library.items(), library.labels()


def _search(library: Library, query: str, label: str | None) -> SearchAnswer:
    hits = library.search(query, limit=SEARCH_LIMIT, label=label)
    label_items = library.items_with_label(label) if label else None
    return SearchAnswer(query, label, hits, label_items)
