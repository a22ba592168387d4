"""Compare the text being edited with another version, side by side, word by word.

The other version is one the library holds for this item (the service's
original result, a saved version) or another item made from the same media
(another model's run). The left pane is the text being edited; each change
can be taken over from the right, one at a time or all at once, each as one
undoable edit; keeping the left's words is doing nothing. The comparison is
redone after every change to the text, including undo.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import version_diff
from desktop.domain.transcript import Transcript
from desktop.domain.version_diff import ChannelDiff, Hunk, Token, VersionDiff
from desktop.ui.editor.session import TranscriptSession
from desktop.ui.util.background import run_in_thread

Index = QModelIndex | QPersistentModelIndex
Loader = Callable[[], Transcript]
_LEFT_MARK = "background-color:#f8d0d0;"
_RIGHT_MARK = "background-color:#c8ecc8;"


class HunkListModel(QAbstractListModel):
    """The changes, one line each: what the left says and what the right says."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hunks: list[Hunk] = []

    def set_hunks(self, hunks: list[Hunk]) -> None:
        self.beginResetModel()
        self._hunks = hunks
        self.endResetModel()

    def hunk(self, row: int) -> Hunk:
        return self._hunks[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hunks)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        hunk = self._hunks[index.row()]
        left = hunk.left_text or "∅"
        right = hunk.right_text or "∅"
        return f"{hunk.number + 1}. {left}  →  {right}"


def render(channel: ChannelDiff, side: str) -> str:
    """One side of a channel as HTML: a line per sentence, changed tokens marked."""
    stream = channel.left if side == "left" else channel.right
    marked: dict[int, int] = {}
    for hunk in channel.hunks:
        start, end = (
            (hunk.left_start, hunk.left_end)
            if side == "left"
            else (hunk.right_start, hunk.right_end)
        )
        for position in range(start, end):
            marked[position] = hunk.number
    style = _LEFT_MARK if side == "left" else _RIGHT_MARK
    parts: list[str] = []
    previous: Token | None = None
    anchored: set[int] = set()
    for position, token in enumerate(stream):
        if previous is not None and token.ref != previous.ref:
            parts.append("<br>")
        elif previous is not None and version_diff.needs_space(previous.text[-1], token.text[0]):
            parts.append(" ")
        text = html.escape(token.text)
        number = marked.get(position)
        if number is not None:
            anchor = "" if number in anchored else f'<a name="h{number}"></a>'
            anchored.add(number)
            text = f'{anchor}<span style="{style}">{text}</span>'
        parts.append(text)
        previous = token
    return "".join(parts)


def _compared(left: Transcript, other: Transcript) -> tuple[VersionDiff, str, str]:
    """The diff and both panes' HTML: all of the slow part, for a worker thread."""
    diff = version_diff.compare(left, other)
    left_html = "<hr>".join(render(c, "left") for c in diff.channels)
    right_html = "<hr>".join(render(c, "right") for c in diff.channels)
    return diff, left_html, right_html


class CompareDialog(QDialog):
    """The text being edited (left) against a chosen other version (right)."""

    def __init__(
        self,
        session: TranscriptSession,
        choices: list[tuple[str, Loader]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(self.tr("Compare versions"))
        self.resize(1000, 640)
        self._session = session
        self._loaders = [loader for _label, loader in choices]
        self.other: Transcript | None = None
        self.diff: VersionDiff | None = None
        self._requested = self._shown = 0  # comparisons asked for / shown
        self.version = QComboBox(self)
        for label, _loader in choices:
            self.version.addItem(label)
        self.summary = QLabel(self)
        self.summary.setObjectName("compareSummary")
        self.left = QTextBrowser(self)
        self.left.setObjectName("compareLeft")
        self.right = QTextBrowser(self)
        self.right.setObjectName("compareRight")
        self.hunks = HunkListModel(self)
        self.hunk_list = QListView(self)
        self.hunk_list.setModel(self.hunks)
        self.take_one = QPushButton(self.tr("Take this change from the right"), self)
        self.take_all = QPushButton(self.tr("Take every change from the right"), self)
        close = QPushButton(self.tr("Close"), self)
        self._layout(close)
        self.version.currentIndexChanged.connect(self._load)
        self.hunk_list.selectionModel().currentRowChanged.connect(self._show_hunk)
        self.hunk_list.doubleClicked.connect(lambda _index: self.take_selected())
        self.take_one.clicked.connect(self.take_selected)
        self.take_all.clicked.connect(self.take_every)
        close.clicked.connect(self.accept)
        session.changed.connect(self._text_changed)  # dropped with the dialog, at close
        self._load(0)

    def _layout(self, close: QPushButton) -> None:
        panes = QSplitter(Qt.Orientation.Horizontal, self)
        for title, browser in (
            (self.tr("This text (being edited)"), self.left),
            (self.tr("The other version"), self.right),
        ):
            box = QWidget(panes)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(QLabel(title, box))
            column.addWidget(browser, 1)
            panes.addWidget(box)
        form = QFormLayout()
        form.addRow(self.tr("Compare with"), self.version)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_one)
        buttons.addWidget(self.take_all)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(panes, 3)
        layout.addWidget(self.hunk_list, 1)
        layout.addLayout(buttons)

    def _load(self, choice: int) -> None:
        if not 0 <= choice < len(self._loaders):
            return
        self.other = self._loaders[choice]()
        self.refresh()

    def _text_changed(self, _transcript: Transcript) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Compare again, off the UI thread: a 12-hour transcript takes seconds."""
        if self.other is None:
            return
        self._requested += 1
        number, left, other = self._requested, self._session.transcript, self.other
        self.take_one.setEnabled(False)
        self.take_all.setEnabled(False)
        self.summary.setText(self.tr("Comparing…"))
        run_in_thread(
            self,
            lambda: _compared(left, other),
            lambda shown: self._show(number, shown),
            self._failed,
        )

    def busy(self) -> bool:
        """A comparison is running; what is shown may be about an older text."""
        return self._shown != self._requested

    def _failed(self, error: Exception) -> None:
        self._shown = self._requested
        self.summary.setText(self.tr("The comparison failed: {0}").format(error))

    def _show(self, number: int, shown: tuple[VersionDiff, str, str]) -> None:
        diff, left_html, right_html = shown
        if number != self._requested:
            return  # the text changed again meanwhile; a newer comparison is coming
        self._shown = number
        self.diff = diff
        hunks = diff.hunks
        self.hunks.set_hunks(hunks)
        self.left.setHtml(left_html)
        self.right.setHtml(right_html)
        self.summary.setText(
            self.tr("{0} {1}; {2:.0%} of the words are the same").format(
                len(hunks),
                self.tr("change") if len(hunks) == 1 else self.tr("changes"),
                diff.similarity(),
            )
            if hunks
            else self.tr("The two versions have the same words")
        )
        self.take_one.setEnabled(bool(hunks))
        self.take_all.setEnabled(bool(hunks))
        if hunks:
            self.hunk_list.setCurrentIndex(self.hunks.index(0))

    def _show_hunk(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            number = self.hunks.hunk(current.row()).number
            self.left.scrollToAnchor(f"h{number}")
            self.right.scrollToAnchor(f"h{number}")

    def take_selected(self) -> bool:
        index = self.hunk_list.currentIndex()
        if self.diff is None or self.busy() or not index.isValid():
            return False
        diff, hunk = self.diff, self.hunks.hunk(index.row())
        return self._session.apply(
            self.tr("Take change from the other version"),
            lambda t: version_diff.take_right(t, diff, hunk),
        )

    def take_every(self) -> bool:
        other = self.other
        if other is None or self.busy():
            return False
        return self._session.apply(
            self.tr("Take every change from the other version"),
            lambda t: version_diff.take_all_right(t, other),
        )
