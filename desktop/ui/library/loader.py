"""Reading the library off the UI thread, so a big library never freezes the window.

Each request runs on Qt's thread pool with its own ``Library`` connection
(SQLite connections belong to one thread) and reports back through a signal,
which Qt delivers on the UI thread. Requests carry a number; a result that
arrives after a newer request was made is dropped, so fast typing in the
search box shows only the last query's hits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from desktop.store.database import LibraryError
from desktop.store.library import ItemSummary, Library, SearchHit
from desktop.ui.util.background import run_in_background

SEARCH_LIMIT = 500


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
    """Loads items and searches transcripts in the background."""

    items_loaded = Signal(list)  # list[ItemSummary]
    labels_loaded = Signal(list)  # list[str]: every label some sentence carries
    hits_found = Signal(object)  # SearchAnswer
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = {"items": 0, "search": 0}
        self._running: set[tuple[str, int]] = set()

    def load_items(self) -> None:
        self._run("items", _read_items)

    def search(self, query: str, label: str | None = None) -> None:
        self._run("search", lambda: _search(query, label))

    def busy(self) -> bool:
        return bool(self._running)

    def _run(self, kind: str, work: Callable[[], object]) -> None:
        self._latest[kind] += 1
        number = self._latest[kind]
        self._running.add((kind, number))
        run_in_background(lambda: (kind, number, _attempt(work)), self._finish)

    def _finish(self, answer: object) -> None:
        kind, number, result = answer  # type: ignore[misc]
        self._running.discard((kind, number))  # no longer busy, whatever the outcome
        if isinstance(result, LibraryError):
            self.failed.emit(str(result))
            return
        if isinstance(result, Exception):
            # A bug, not a library problem. Raised in a slot, PySide hands it to
            # sys.excepthook, which desktop.crash installs: a report and the dialog.
            raise result
        if number != self._latest[kind]:
            return  # overtaken by a newer request
        if kind == "items":
            items, labels = result
            self.items_loaded.emit(items)
            self.labels_loaded.emit(labels)
        else:
            self.hits_found.emit(result)


def _attempt(work: Callable[[], object]) -> object:
    """The work's result, or its exception: the library's complaint (a locked or damaged
    database) or a bug, handed back with the request's number so it is no longer busy."""
    try:
        return work()
    except Exception as error:
        return error


def _read_items() -> tuple[list[ItemSummary], list[str]]:
    with Library.open() as library:
        return library.items(), library.labels()


def _search(query: str, label: str | None) -> SearchAnswer:
    with Library.open() as library:
        hits = library.search(query, limit=SEARCH_LIMIT, label=label)
        label_items = library.items_with_label(label) if label else None
    return SearchAnswer(query, label, hits, label_items)
