"""Tools → Hotword vocabularies…: the account's vocabularies, listed, created, edited, deleted.

Every change goes to the service through the client; the word list is
checked locally first (weights 1–5, the model's languages, lengths), so a bad
word is named before any request. The service keeps no name for a
vocabulary, only an id made from the prefix given at creation.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.errors import DashScopeError
from desktop.dashscope.vocabulary import (
    WEIGHT_RANGE,
    Vocabulary,
    VocabularyEntry,
    VocabularySummary,
    check_entries,
    check_prefix,
)
from desktop.domain import catalog
from desktop.ui.util.background import Work, run_coroutine
from desktop.ui.util.messages import translated
from desktop.ui.util.rows_model import RowsModel

Index = QModelIndex | QPersistentModelIndex
WORD, WEIGHT, LANGUAGE = range(3)


def vocabulary_models() -> list[str]:
    """Models that take a vocabulary (its target model must match the job's)."""
    return [
        spec.name
        for spec in catalog.models()
        if spec.alias_of is None and catalog.Option.VOCABULARY in spec.options
    ]


class EntriesModel(RowsModel[list[Any]]):
    """The words of one vocabulary, editable: text, weight (1–5), language."""

    HEADERS = (
        QT_TRANSLATE_NOOP("EntriesModel", "Word or phrase"),
        QT_TRANSLATE_NOOP("EntriesModel", "Weight"),
        QT_TRANSLATE_NOOP("EntriesModel", "Language"),
    )

    def set_entries(self, entries: list[VocabularyEntry]) -> None:
        self.set_rows([e.text, e.weight, e.lang or ""] for e in entries)

    def entries(self) -> list[VocabularyEntry]:
        return [
            VocabularyEntry(text=text.strip(), weight=weight, lang=lang or None)
            for text, weight, lang in self._rows
        ]

    def add(self, text: str = "") -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append([text, 4, ""])
        self.endInsertRows()
        return row

    def remove(self, rows: list[int]) -> None:
        for row in sorted(rows, reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
        ):
            return None
        return self._rows[index.row()][index.column()]

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self._rows[index.row()][index.column()] = value
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable


class _EntryDelegate(QStyledItemDelegate):
    """A 1–5 spin box for weights, a list of the model's languages for the language."""

    def __init__(self, languages: Callable[[], tuple[str, ...]], parent: QWidget) -> None:
        super().__init__(parent)
        self._languages = languages

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() == WEIGHT:
            spin = QSpinBox(parent)
            spin.setRange(*WEIGHT_RANGE)
            return spin
        if index.column() == LANGUAGE:
            combo = QComboBox(parent)
            combo.addItem(self.tr("(any)"), "")
            for code in self._languages():
                combo.addItem(code, code)
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data()), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)


class VocabularyWindow(QDialog):
    """The account's hot-word vocabularies."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vocabularyWindow")
        self.setWindowTitle(self.tr("Hotword vocabularies"))
        self.resize(820, 520)
        self._request: Work[Any] | None = None  # the call in flight; cancelled at close
        self._summaries: list[VocabularySummary] = []
        self.current: Vocabulary | None = None  # None with a target model: a new one
        self._build()
        self.refresh()

    # -- construction ----------------------------------------------------------

    def _build(self) -> None:
        self.list_view = QTableView(self)
        self.list_view.setObjectName("vocabularyList")
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.verticalHeader().hide()
        self.list_model = _SummariesModel(self)
        self.list_view.setModel(self.list_model)
        self.list_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list_view.selectionModel().currentRowChanged.connect(self._open_selected)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.new_button = QPushButton(self.tr("New…"), self)
        self.new_button.setObjectName("newVocabulary")
        self.new_button.clicked.connect(self.start_new)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName("deleteVocabulary")
        self.delete_button.clicked.connect(self.delete_current)
        left_buttons = QHBoxLayout()
        for button in (self.refresh_button, self.new_button, self.delete_button):
            left_buttons.addWidget(button)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.list_view, 1)
        left_column.addLayout(left_buttons)

        self.model_choice = QComboBox(self)
        self.model_choice.setObjectName("vocabularyModel")
        for name in vocabulary_models():
            self.model_choice.addItem(name, name)
        self.prefix = QLineEdit(self)
        self.prefix.setObjectName("vocabularyPrefix")
        self.prefix.setPlaceholderText(self.tr("up to 9 lowercase letters or digits"))
        self.entries = EntriesModel(self)
        self.entries_view = QTableView(self)
        self.entries_view.setObjectName("vocabularyWords")
        self.entries_view.setModel(self.entries)
        self.entries_view.setItemDelegate(_EntryDelegate(self._languages, self.entries_view))
        self.entries_view.horizontalHeader().setSectionResizeMode(
            WORD, QHeaderView.ResizeMode.Stretch
        )
        self.add_word_button = QPushButton(self.tr("Add word"), self)
        self.add_word_button.setObjectName("addWord")
        self.add_word_button.clicked.connect(self.add_word)
        self.remove_word_button = QPushButton(self.tr("Remove word"), self)
        self.remove_word_button.clicked.connect(self.remove_words)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveVocabulary")
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        form.addRow(self.tr("For model"), self.model_choice)
        form.addRow(self.tr("Prefix"), self.prefix)
        right_buttons = QHBoxLayout()
        right_buttons.addWidget(self.add_word_button)
        right_buttons.addWidget(self.remove_word_button)
        right_buttons.addStretch(1)
        right_buttons.addWidget(self.save_button)
        self.editor = QWidget(self)
        right_column = QVBoxLayout(self.editor)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addLayout(form)
        right_column.addWidget(self.entries_view, 1)
        right_column.addLayout(right_buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setSizes([320, 500])
        self.status = QLabel(self)
        self.status.setObjectName("vocabularyStatus")
        self.status.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(splitter, 1)
        column.addWidget(self.status)
        self._show_vocabulary(None)

    def _languages(self) -> tuple[str, ...]:
        return catalog.get(self.model_choice.currentData()).hotword_languages

    # -- talking to the service ------------------------------------------------

    def _call(
        self,
        action: Callable[[DashScopeClient], Awaitable[Any]],
        after: Callable[[Any], None],
        busy_text: str,
    ) -> None:
        from desktop.connection import with_users_account

        self._set_busy(True)
        self.status.setText(busy_text)
        self._request = run_coroutine(
            self,
            lambda: with_users_account(action),
            lambda result: self._done(after, result),
            self._failed,
        )

    def _done(self, after: Callable[[Any], None], result: object) -> None:
        self._set_busy(False)
        self.status.clear()
        after(result)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, DashScopeError):
            self.status.setText(f"{translated(error.message)} — {translated(error.advice)}")
        else:
            self.status.setText(self.tr("Failed: {0}").format(error))

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.refresh_button,
            self.new_button,
            self.delete_button,
            self.save_button,
            self.list_view,
        ):
            widget.setEnabled(not busy)

    def busy(self) -> bool:
        return self._request is not None and self._request.is_running()

    # -- commands --------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        """List the account's vocabularies (then open ``select`` if given)."""

        def show(summaries: list[VocabularySummary]) -> None:
            self._summaries = summaries
            self.list_model.set_rows(summaries)
            if not summaries:
                self.status.setText(self.tr("No vocabularies yet: press New… to make one."))
            for row, summary in enumerate(summaries):
                if summary.vocabulary_id == select:
                    self.list_view.selectRow(row)

        self._call(lambda c: c.vocabularies.list(), show, self.tr("Loading vocabularies…"))

    def _open_selected(self, current: QModelIndex) -> None:
        if not current.isValid():
            return
        vocabulary_id = self._summaries[current.row()].vocabulary_id
        self._call(
            lambda c: c.vocabularies.query(vocabulary_id),
            self._show_vocabulary,
            self.tr("Loading {0}…").format(vocabulary_id),
        )

    def _show_vocabulary(self, vocabulary: Vocabulary | None) -> None:
        self.current = vocabulary
        new = vocabulary is None
        self.model_choice.setEnabled(new)  # a vocabulary's target model is fixed
        self.prefix.setEnabled(new)
        if vocabulary is not None:
            index = self.model_choice.findData(vocabulary.target_model)
            if index >= 0:
                self.model_choice.setCurrentIndex(index)
            self.prefix.setText(vocabulary.vocabulary_id)
        else:
            self.prefix.clear()
        self.entries.set_entries(list(vocabulary.vocabulary) if vocabulary else [])

    def start_new(self) -> None:
        self.list_view.clearSelection()
        self._show_vocabulary(None)
        self.add_word()

    def add_word(self) -> None:
        row = self.entries.add()
        index = self.entries.index(row, WORD)
        self.entries_view.setCurrentIndex(index)
        self.entries_view.edit(index)

    def remove_words(self) -> None:
        rows = {index.row() for index in self.entries_view.selectionModel().selectedIndexes()}
        self.entries.remove(sorted(rows))

    def save(self) -> None:
        """Create the new vocabulary, or replace the open one's words."""
        self.entries_view.setFocus()  # commit a cell being edited
        entries = [e for e in self.entries.entries() if e.text]
        model = self.model_choice.currentData()
        try:
            check_entries(model, entries)
            if self.current is None:
                check_prefix(self.prefix.text().strip())
        except DashScopeError as error:
            self.status.setText(error.message)
            return
        if self.current is None:
            prefix = self.prefix.text().strip()
            self._call(
                lambda c: c.vocabularies.create(model, prefix, entries),
                lambda vocabulary_id: self.refresh(select=vocabulary_id),
                self.tr("Creating…"),
            )
            return
        vocabulary_id = self.current.vocabulary_id
        self._call(
            lambda c: c.vocabularies.update(vocabulary_id, entries, model),
            lambda _none: self._saved(vocabulary_id, entries),
            self.tr("Saving…"),
        )

    def _saved(self, vocabulary_id: str, entries: list[VocabularyEntry]) -> None:
        if self.current is not None:
            self.current = msgspec.structs.replace(self.current, vocabulary=entries)
        self.status.setText(self.tr("Saved {0}.").format(vocabulary_id))

    def delete_current(self) -> None:
        if self.current is None:
            return
        vocabulary_id = self.current.vocabulary_id
        answer = QMessageBox.question(
            self,
            self.tr("Delete vocabulary"),
            self.tr("Delete {0} from the account? Jobs that name it will fail.").format(
                vocabulary_id
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._call(
            lambda c: c.vocabularies.delete(vocabulary_id),
            lambda _none: (self._show_vocabulary(None), self.refresh()),
            self.tr("Deleting…"),
        )


class _SummariesModel(RowsModel[VocabularySummary]):
    HEADERS = (
        QT_TRANSLATE_NOOP("_SummariesModel", "Vocabulary"),
        QT_TRANSLATE_NOOP("_SummariesModel", "Status"),
        QT_TRANSLATE_NOOP("_SummariesModel", "Changed"),
    )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return (row.vocabulary_id, row.status or "", row.gmt_modified or "")[index.column()]
