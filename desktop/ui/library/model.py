"""Qt models of the library: its items (sortable, filterable) and full-text search hits.

The rows are plain ``ItemSummary``/``SearchHit`` values read by a worker
thread (``library_loader``); these models only present them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.domain.durations import duration_text
from desktop.store.library import ItemSummary, ReviewState, SearchHit
from desktop.ui.util.rows_model import RowsModel

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ItemColumn(IntEnum):
    TITLE = 0
    DATE = 1
    MODEL = 2
    DURATION = 3
    REVIEW = 4


def review_text(state: ReviewState) -> str:
    return {
        "reviewed": QCoreApplication.translate("LibraryModel", "Reviewed"),
        "in review": QCoreApplication.translate("LibraryModel", "In review"),
        "unreviewed": QCoreApplication.translate("LibraryModel", "Unreviewed"),
    }[state]


class LibraryItemsModel(RowsModel[ItemSummary]):
    """One row per library item."""

    CONTEXT = "LibraryModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("LibraryModel", "Title"),
        QT_TRANSLATE_NOOP("LibraryModel", "Date"),
        QT_TRANSLATE_NOOP("LibraryModel", "Model"),
        QT_TRANSLATE_NOOP("LibraryModel", "Duration"),
        QT_TRANSLATE_NOOP("LibraryModel", "Status"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sort = (ItemColumn.DATE, Qt.SortOrder.DescendingOrder)
        self.version = 0  # changes whenever rows change order or content

    def set_items(self, items: Sequence[ItemSummary]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(items)
        self.version += 1
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python with precomputed keys: a proxy asking ``data()`` for every
        comparison took seconds on a library of tens of thousands of items."""
        if (ItemColumn(column), order) == self._sort:
            return  # already in this order (rows only ever arrive sorted)
        self._sort = (ItemColumn(column), order)
        self.layoutAboutToBeChanged.emit()
        old_rows = {id(item): row for row, item in enumerate(self._rows)}
        self._rows = self._sorted(self._rows)
        self.version += 1
        new_rows = [old_rows[id(item)] for item in self._rows]
        moved = {old: new for new, old in enumerate(new_rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent,
            [self.index(moved[index.row()], index.column()) for index in persistent],
        )
        self.layoutChanged.emit()

    def _sorted(self, items: Sequence[ItemSummary]) -> list[ItemSummary]:
        column, order = self._sort
        return sorted(
            items,
            key=lambda item: _sort_key(item, column),  # type: ignore[arg-type, return-value]
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def item(self, row: int) -> ItemSummary:
        return self._rows[row]

    def items(self) -> list[ItemSummary]:
        return self._rows

    def row_of(self, item_id: int) -> int | None:
        return next((row for row, item in enumerate(self._rows) if item.id == item_id), None)

    def models(self) -> list[str]:
        return sorted({item.model for item in self._rows if item.model})

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = ItemColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(item, column)
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole and column == ItemColumn.TITLE:
            return item.media_path or item.file_url
        if role == Qt.ItemDataRole.ToolTipRole and column == ItemColumn.REVIEW:
            return QCoreApplication.translate(
                "LibraryModel", "{0} of {1} sentences reviewed"
            ).format(item.reviewed, item.sentences)
        return None


def _display(item: ItemSummary, column: ItemColumn) -> str:
    match column:
        case ItemColumn.TITLE:
            return item.title
        case ItemColumn.DATE:
            return item.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        case ItemColumn.MODEL:
            return item.model or ""
        case ItemColumn.DURATION:
            return duration_text(item.duration_ms)
        case ItemColumn.REVIEW:
            return review_text(item.review_state)


def _sort_key(item: ItemSummary, column: ItemColumn) -> object:
    match column:
        case ItemColumn.TITLE:
            return item.title.casefold()
        case ItemColumn.DATE:
            return item.created_at.timestamp()
        case ItemColumn.MODEL:
            return item.model or ""
        case ItemColumn.DURATION:
            return item.duration_ms if item.duration_ms is not None else -1
        case ItemColumn.REVIEW:
            return item.reviewed / item.sentences if item.sentences else 0.0


@dataclass(frozen=True)
class ItemFilter:
    """What the filter bar asks for; ``None`` = any."""

    text: str = ""  # in the title, or in the transcript (``text_hits``)
    text_hits: frozenset[int] = frozenset()  # ids of items whose transcript matches ``text``
    label_items: frozenset[int] | None = None  # ids of items with the chosen label; None = any
    model: str | None = None
    review: ReviewState | None = None
    newer_than_days: int | None = None
    min_duration_ms: int | None = None
    max_duration_ms: int | None = None

    def accepts(self, item: ItemSummary, now: datetime) -> bool:
        if (
            self.text
            and self.text.casefold() not in item.title.casefold()
            and item.id not in self.text_hits
        ):
            return False
        if self.label_items is not None and item.id not in self.label_items:
            return False
        if self.model is not None and item.model != self.model:
            return False
        if self.review is not None and item.review_state != self.review:
            return False
        if self.newer_than_days is not None and item.created_at < now - timedelta(
            days=self.newer_than_days
        ):
            return False
        return self._duration_fits(item.duration_ms)

    def _duration_fits(self, duration: int | None) -> bool:
        if self.min_duration_ms is None and self.max_duration_ms is None:
            return True
        if duration is None:
            return False
        low, high = self.min_duration_ms or 0, self.max_duration_ms
        return low <= duration and (high is None or duration < high)


_NO_FILTER = ItemFilter()


class LibraryFilterProxy(QSortFilterProxyModel):
    """Filters by an ``ItemFilter``; sorting is passed to the source (its keys are cheap)."""

    def __init__(self, source: LibraryItemsModel, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._source = source
        self._filter = ItemFilter()
        self._unfiltered = True
        self._now = datetime.now(UTC)
        self._accepted = b""
        self._accepted_version = -1
        self.setSourceModel(source)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._source.sort(column, order)

    @property
    def item_filter(self) -> ItemFilter:
        return self._filter

    def set_filter(self, item_filter: ItemFilter) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+, where invalidating is deprecated
            self.beginFilterChange()
            self._set(item_filter)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._set(item_filter)
            self.invalidateRowsFilter()

    def _set(self, item_filter: ItemFilter) -> None:
        self._filter = item_filter
        self._unfiltered = item_filter == _NO_FILTER
        self._now = datetime.now(UTC)
        self._accepted_version = -1

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """Qt asks row by row; the answers are computed for all rows in one Python loop."""
        if self._unfiltered:
            return True
        if self._accepted_version != self._source.version:
            accepts, now = self._filter.accepts, self._now
            self._accepted = bytes(accepts(item, now) for item in self._source.items())
            self._accepted_version = self._source.version
        return bool(self._accepted[source_row])

    def item(self, row: int) -> ItemSummary:
        return self._source.item(self.mapToSource(self.index(row, 0)).row())


class HitColumn(IntEnum):
    ITEM = 0
    TIME = 1
    LABELS = 2
    TEXT = 3


class SearchHitsModel(RowsModel[SearchHit]):
    """Sentences matching a full-text search, across every item."""

    CONTEXT = "LibraryModel"
    HEADERS = (
        QT_TRANSLATE_NOOP("LibraryModel", "Item"),
        QT_TRANSLATE_NOOP("LibraryModel", "Time"),
        QT_TRANSLATE_NOOP("LibraryModel", "Labels"),
        QT_TRANSLATE_NOOP("LibraryModel", "Sentence"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        hit = self._rows[index.row()]
        match HitColumn(index.column()):
            case HitColumn.ITEM:
                return hit.title
            case HitColumn.TIME:
                return duration_text(hit.begin_ms)
            case HitColumn.LABELS:
                return ", ".join(label_name(label) for label in hit.labels)
            case HitColumn.TEXT:
                return hit.text


def label_name(label: str) -> str:
    """A stored label (``"angry"``, ``"bgm"``) as the person reads it."""
    return label.upper() if len(label) <= 3 else label.capitalize()
