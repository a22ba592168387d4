"""The library panel: every fetched or imported result, and search across all of them.

Works with no network and no key: it reads only the local library. Typing in
the search box narrows the list to items whose title or transcript matches and
lists the matching sentences below; opening a sentence opens its item there.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.store.library import LibraryFile
from desktop.ui.library.loader import LibraryReader, SearchAnswer
from desktop.ui.library.model import (
    ItemColumn,
    ItemFilter,
    LibraryFilterProxy,
    LibraryItemsModel,
    SearchHitsModel,
    label_name,
)

SEARCH_DELAY_MS = 250
RESIZE_ROWS = 50

# Choices of the filter bar, (label, value…); None = any. Labels are translated when shown.
_DAYS: tuple[tuple[str, int | None], ...] = (
    (QT_TRANSLATE_NOOP("LibraryPanel", "Any date"), None),
    (QT_TRANSLATE_NOOP("LibraryPanel", "Today"), 1),
    (QT_TRANSLATE_NOOP("LibraryPanel", "Last 7 days"), 7),
    (QT_TRANSLATE_NOOP("LibraryPanel", "Last 30 days"), 30),
)
_DURATIONS: tuple[tuple[str, int | None, int | None], ...] = (
    (QT_TRANSLATE_NOOP("LibraryPanel", "Any length"), None, None),
    (QT_TRANSLATE_NOOP("LibraryPanel", "Under 5 minutes"), None, 5 * 60_000),
    (QT_TRANSLATE_NOOP("LibraryPanel", "5 to 30 minutes"), 5 * 60_000, 30 * 60_000),
    (QT_TRANSLATE_NOOP("LibraryPanel", "30 minutes to 2 hours"), 30 * 60_000, 2 * 3600_000),
    (QT_TRANSLATE_NOOP("LibraryPanel", "Over 2 hours"), 2 * 3600_000, None),
)
_REVIEW: tuple[tuple[str, str | None], ...] = (
    (QT_TRANSLATE_NOOP("LibraryPanel", "Any status"), None),
    (QT_TRANSLATE_NOOP("LibraryPanel", "Unreviewed"), "unreviewed"),
    (QT_TRANSLATE_NOOP("LibraryPanel", "In review"), "in review"),
    (QT_TRANSLATE_NOOP("LibraryPanel", "Reviewed"), "reviewed"),
)


class _Table(QTableView):
    """A read-only table that opens the current row on Enter as well as on double-click.

    Signals:
        activated_row(int)
    """

    activated_row = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setStretchLastSection(False)
        self.doubleClicked.connect(lambda index: self.activated_row.emit(index.row()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class LibraryPanel(QWidget):
    """Items table with filters, full-text search box and hits table.

    Signals:
        open_requested(int, object): item id, sentence position or None
        export_requested(list): item ids
        translate_requested(int): the item whose subtitle track is to be translated
    """

    open_requested = Signal(int, object)
    export_requested = Signal(list)
    translate_requested = Signal(int)

    def __init__(self, library: LibraryFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.reader = LibraryReader(library, self)
        self.items_model = LibraryItemsModel(self)
        self.proxy = LibraryFilterProxy(self.items_model, self)
        self.hits_model = SearchHitsModel(self)
        # The (text, label) whose hits are shown, and the items that have that label.
        self._hits_key: tuple[str, str | None] | None = None
        self._label_items: frozenset[int] | None = None
        self._enter_pending = False
        self._loaded = False
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._build()
        self._connect()
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        """Every text of the panel in the current language (again after a switch)."""
        self.title.setText(self.tr("<b>Library</b>"))
        self.search_box.setPlaceholderText(self.tr("Search titles and every transcript…"))
        self.model_filter.setItemText(0, self.tr("Any model"))
        self.label_filter.setItemText(0, self.tr("Any emotion or sound"))
        for combo, choices in (
            (self.review_filter, _REVIEW),
            (self.date_filter, _DAYS),
            (self.duration_filter, _DURATIONS),
        ):
            for number, choice in enumerate(choices):
                combo.setItemText(number, self.tr(choice[0]))
        self.items_model.retranslate()
        self.hits_model.retranslate()
        if self._loaded:
            self._update_status()
        else:
            self.status.setText(self.tr("Loading the library…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- construction ----------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(self)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("librarySearch")
        self.search_box.setAccessibleName(self.tr("Search the library"))
        self.search_box.setClearButtonEnabled(True)
        self.model_filter = self._combo("modelFilter", [("", None)])
        self.label_filter = self._combo("labelFilter", [("", None)])
        self.label_filter.hide()  # until the library holds labelled sentences
        self.label_filter.setToolTip(
            self.tr("Sentences with this emotion or sound (SenseVoice results), in every item")
        )
        self.review_filter = self._combo("reviewFilter", [(text, value) for text, value in _REVIEW])
        self.date_filter = self._combo("dateFilter", [(text, days) for text, days in _DAYS])
        self.duration_filter = self._combo(
            "durationFilter",
            [(text, (low, high)) for text, low, high in _DURATIONS],
        )
        self.items_view = self._items_table()
        self.hits_view = _Table(self)
        self.hits_view.setObjectName("searchHits")
        self.hits_view.setModel(self.hits_model)
        self.hits_view.horizontalHeader().setStretchLastSection(True)
        self.hits_view.hide()
        self.status = QLabel(self)
        self.status.setObjectName("libraryStatus")
        self._lay_out()

    def _items_table(self) -> _Table:
        view = _Table(self)
        view.setObjectName("libraryItems")
        view.setAccessibleName(self.tr("Library items"))
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(ItemColumn.DATE, Qt.SortOrder.DescendingOrder)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = view.horizontalHeader()
        # Fit columns to the first rows only: measuring every row of a big library
        # on each sort or filter would stall the window for seconds.
        header.setResizeContentsPrecision(RESIZE_ROWS)
        header.setSectionResizeMode(ItemColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (ItemColumn.DATE, ItemColumn.MODEL, ItemColumn.DURATION, ItemColumn.REVIEW):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return view

    def _lay_out(self) -> None:
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for number, combo in enumerate(self.filter_combos()):
            filters.addWidget(combo, number // 2, number % 2)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("librarySplitter")
        splitter.addWidget(self.items_view)
        splitter.addWidget(self.hits_view)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.title)
        column.addWidget(self.search_box)
        column.addLayout(filters)
        column.addWidget(splitter, 1)
        column.addWidget(self.status)

    def filter_combos(self) -> tuple[QComboBox, ...]:
        return (
            self.model_filter,
            self.review_filter,
            self.date_filter,
            self.duration_filter,
            self.label_filter,
        )

    def _combo(self, name: str, choices: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)  # the panel can be narrow; the popup shows all
        for text, value in choices:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._apply_filter)
        return combo

    def _connect(self) -> None:
        self.reader.items_loaded.connect(self._show_items)
        self.reader.labels_loaded.connect(self._update_label_choices)
        self.label_filter.currentIndexChanged.connect(self._search_changed)
        self.reader.hits_found.connect(self._show_hits)
        self.reader.failed.connect(self._show_failure)
        self.search_box.textChanged.connect(self._search_text_changed)
        self.search_box.returnPressed.connect(self._enter_results)
        self._search_timer.timeout.connect(self._start_search)
        self.items_view.activated_row.connect(self._open_item_row)
        self.hits_view.activated_row.connect(self._open_hit_row)
        self.items_view.customContextMenuRequested.connect(self._context_menu)

    # -- loading ---------------------------------------------------------------

    def refresh(self) -> None:
        """Read the items again (after an import, a finished job, a saved review)."""
        if not self._loaded:
            self.status.setText(self.tr("Loading the library…"))
        self.reader.load_items()
        if any(self._search_key()):
            self._start_search()

    def is_loading(self) -> bool:
        return self.reader.busy()

    def _show_items(self, items: list) -> None:
        self._loaded = True
        selected = set(self.selected_ids())
        self.items_model.set_items(items)
        self._update_model_choices()
        self._reselect(selected)
        self._update_status()

    def _update_model_choices(self) -> None:
        current = self.model_filter.currentData()
        self.model_filter.blockSignals(True)
        while self.model_filter.count() > 1:
            self.model_filter.removeItem(1)
        for name in self.items_model.models():
            self.model_filter.addItem(name, name)
        index = self.model_filter.findData(current) if current else 0
        self.model_filter.setCurrentIndex(max(index, 0))
        self.model_filter.blockSignals(False)
        if current and index < 0:
            self._apply_filter()

    def _update_label_choices(self, labels: list[str]) -> None:
        current = self.label_filter.currentData()
        self.label_filter.blockSignals(True)
        while self.label_filter.count() > 1:
            self.label_filter.removeItem(1)
        for label in labels:
            self.label_filter.addItem(label_name(label), label)
        index = self.label_filter.findData(current) if current else 0
        self.label_filter.setCurrentIndex(max(index, 0))
        self.label_filter.blockSignals(False)
        self.label_filter.setVisible(bool(labels))  # only SenseVoice results have labels
        if current and index < 0:
            self._search_changed()  # the label is gone from the library

    def _reselect(self, ids: set[int]) -> None:
        if not ids:
            return
        selection = self.items_view.selectionModel()
        for row in range(self.proxy.rowCount()):
            if self.proxy.item(row).id in ids:
                selection.select(
                    self.proxy.index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )

    def _show_failure(self, message: str) -> None:
        self.status.setText(message)

    # -- filters and search ----------------------------------------------------

    def _apply_filter(self) -> None:
        low_high = self.duration_filter.currentData() or (None, None)
        text, label = self._search_key()
        shown = self._hits_key == (text, label)
        hits = self.hits_model if text and shown else None
        self.proxy.set_filter(
            ItemFilter(
                text=text,
                text_hits=frozenset(hit.item_id for hit in hits.rows())
                if hits is not None
                else frozenset(),
                label_items=self._label_items if label and shown else None,
                model=self.model_filter.currentData(),
                review=self.review_filter.currentData(),
                newer_than_days=self.date_filter.currentData(),
                min_duration_ms=low_high[0],
                max_duration_ms=low_high[1],
            )
        )
        self._update_status()

    def _search_key(self) -> tuple[str, str | None]:
        """What the search asks for: the typed text and the chosen label."""
        return self.search_box.text().strip(), self.label_filter.currentData()

    def _search_text_changed(self, _text: str) -> None:
        if not self._clear_search_if_empty():
            self._apply_filter()  # titles narrow at once; transcript hits follow
            self._search_timer.start()

    def _search_changed(self) -> None:
        """A label chosen (or none): search at once, there is nothing being typed."""
        if not self._clear_search_if_empty():
            self._search_timer.stop()
            self._start_search()

    def _clear_search_if_empty(self) -> bool:
        if any(self._search_key()):
            return False
        self._search_timer.stop()
        self._hits_key = None
        self._label_items = None
        self.hits_model.set_rows([])
        self.hits_view.hide()
        self._apply_filter()
        return True

    def _enter_results(self) -> None:
        """Enter in the search box: on to the first hit (or item), ready for Enter again."""
        key = self._search_key()
        if any(key) and key != self._hits_key:  # the hits are not there yet: go when they are
            self._enter_pending = True
            self._search_timer.stop()
            self._start_search()
            return
        self._focus_results()

    def _focus_results(self) -> None:
        self._enter_pending = False
        view = self.hits_view if self.hits_model.rowCount() else self.items_view
        if view.model().rowCount():
            view.setFocus(Qt.FocusReason.OtherFocusReason)
            view.setCurrentIndex(view.model().index(0, 0))

    def _start_search(self) -> None:
        text, label = self._search_key()
        if text or label:
            self.reader.search(text, label)

    def _show_hits(self, answer: SearchAnswer) -> None:
        if (answer.query, answer.label) != self._search_key():
            return  # an older request's answer
        self._hits_key = (answer.query, answer.label)
        self._label_items = answer.label_items
        self.hits_model.set_rows(answer.hits)
        self.hits_view.setVisible(True)
        self.hits_view.resizeColumnToContents(0)
        self.hits_view.resizeColumnToContents(1)
        self.hits_view.resizeColumnToContents(2)
        self._apply_filter()
        if self._enter_pending:
            self._focus_results()

    def _update_status(self) -> None:
        total, shown = self.items_model.rowCount(), self.proxy.rowCount()
        if total == 0:
            text = self.tr(
                "The library is empty. Finished transcriptions and imported results appear here."
            )
        elif shown == total:
            text = self.tr("%n items", "", total)
        else:
            text = (
                self.tr("%1 of %2 items shown").replace("%1", str(shown)).replace("%2", str(total))
            )
        if self._hits_key:
            count = self.hits_model.rowCount()
            text += " · " + self.tr("%n matching sentences", "", count)
        self.status.setText(text)

    # -- opening ---------------------------------------------------------------

    def select_item(self, item_id: int) -> None:
        """Make ``item_id`` the current row (the item just opened), if it is listed."""
        row = self.items_model.row_of(item_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.items_model.index(row, 0))
        if index.isValid():
            selection = self.items_view.selectionModel()
            selection.setCurrentIndex(
                index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
            )
            self.items_view.scrollTo(index)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.items_view.selectionModel().selectedRows()})
        return [self.proxy.item(row).id for row in rows]

    def _open_item_row(self, row: int) -> None:
        self.open_requested.emit(self.proxy.item(row).id, None)

    def _open_hit_row(self, row: int) -> None:
        hit = self.hits_model.row_value(row)
        self.open_requested.emit(hit.item_id, hit.position)

    def _context_menu(self, point: object) -> None:
        index: QModelIndex = self.items_view.indexAt(point)  # type: ignore[arg-type]
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self._open_item_row(index.row()))
        menu.addAction(self.tr("Export…"), lambda: self.export_requested.emit(self.selected_ids()))
        item_id = self.proxy.item(index.row()).id
        menu.addAction(self.tr("Translate track…"), lambda: self.translate_requested.emit(item_id))
        menu.popup(self.items_view.viewport().mapToGlobal(point))  # type: ignore[arg-type]
