"""The editor's filter bar and find/replace bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from desktop.domain.editing import TextQuery
from desktop.ui.editor.model import RowFilter, TranscriptModel


class FilterBar(QWidget):
    """Show one channel or all merged; only one speaker; only an emotion or event."""

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._values: dict[str, list[Any]] = {}
        self.channel = QComboBox(self)
        self.channel.setObjectName("channelFilter")
        self.speaker = QComboBox(self)
        self.speaker.setObjectName("speakerFilter")
        self.label = QComboBox(self)
        self.label.setObjectName("labelFilter")
        self.count = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.channel, self.speaker, self.label):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.count)
        self.refresh()
        for combo in (self.channel, self.speaker, self.label):
            combo.activated.connect(self._apply)
        model.modelReset.connect(self._show_count)
        model.rowsInserted.connect(self._show_count)
        model.rowsRemoved.connect(self._show_count)
        # Speakers and labels change rarely; rebuilding the lists scans every sentence,
        # so it waits until a burst of edits is over.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)
        self._refresh_timer.timeout.connect(self.refresh)
        model.session.changed.connect(lambda _t: self._refresh_timer.start())

    def refresh(self) -> None:
        """Rebuild the choices (a speaker was renamed, a label appeared), keeping the picks."""
        current = self._model.row_filter
        channels = self._model.channel_choices()
        self._fill(
            self.channel,
            [(self.tr("All channels (merged)"), None)]
            + [(self.tr("Channel {0}").format(c), c) for c in channels],
            current.channel_id,
        )
        self.channel.setVisible(len(channels) > 1)
        speakers = self._model.speaker_choices()
        self._fill(
            self.speaker,
            [(self.tr("All speakers"), None)] + [(label, key) for key, label in speakers],
            current.speaker,
        )
        self.speaker.setVisible(bool(speakers))
        labels = self._model.label_choices()
        self._fill(
            self.label,
            [(self.tr("All labels"), None)] + [(label, label) for label in labels],
            current.label,
        )
        self.label.setVisible(bool(labels))
        self._show_count()

    def _fill(self, combo: QComboBox, items: list[tuple[str, Any]], selected: object) -> None:
        # Values stay on the Python side: Qt would turn a (channel, speaker) tuple into a list.
        self._values[combo.objectName()] = [value for _text, value in items]
        combo.blockSignals(True)
        combo.clear()
        for text, _value in items:
            combo.addItem(text)
        for position, (_text, value) in enumerate(items):
            if value == selected:
                combo.setCurrentIndex(position)
        combo.blockSignals(False)

    def _value(self, combo: QComboBox) -> Any:
        values = self._values.get(combo.objectName(), [])
        position = combo.currentIndex()
        return values[position] if 0 <= position < len(values) else None

    def _apply(self) -> None:
        self._model.set_filter(
            RowFilter(
                channel_id=self._value(self.channel),
                speaker=self._value(self.speaker),
                label=self._value(self.label),
            )
        )

    def _show_count(self, *_args: object) -> None:
        shown = self._model.rowCount()
        total = self._model.transcript.sentence_count
        text = (
            self.tr("%n sentences", "", total)
            if shown == total
            else self.tr("{0} of %n sentences", "", total).format(shown)
        )
        self.count.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show_count()
        super().changeEvent(event)


class FindBar(QWidget):
    """Find and replace across the sentences shown.

    Signals:
        find_next()
        replace_one()
        replace_every()
        closed()
    """

    find_next = Signal()
    replace_one = Signal()
    replace_every = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.find_field = QLineEdit(self)
        self.find_field.setObjectName("findField")
        self.find_field.setPlaceholderText(self.tr("Find"))
        self.replace_field = QLineEdit(self)
        self.replace_field.setObjectName("replaceField")
        self.replace_field.setPlaceholderText(self.tr("Replace with"))
        self.match_case = QCheckBox(self.tr("Match case"), self)
        self.whole_word = QCheckBox(self.tr("Whole word"), self)
        self.regex = QCheckBox(self.tr("Regex"), self)
        self.next_button = QPushButton(self.tr("Find next"), self)
        self.replace_button = QPushButton(self.tr("Replace"), self)
        self.replace_all_button = QPushButton(self.tr("Replace all"), self)
        self.status = QLabel(self)
        close = QToolButton(self)
        close.setText("×")
        close.setToolTip(self.tr("Close (Esc)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.find_field,
            self.replace_field,
            self.match_case,
            self.whole_word,
            self.regex,
            self.next_button,
            self.replace_button,
            self.replace_all_button,
            self.status,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(close)
        self.find_field.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button.clicked.connect(self.replace_every)
        close.clicked.connect(self.close_bar)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_bar)

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def query(self) -> TextQuery:
        return TextQuery(
            self.find_field.text(),
            match_case=self.match_case.isChecked(),
            whole_word=self.whole_word.isChecked(),
            regex=self.regex.isChecked(),
        )

    def open(self, *, replace: bool) -> None:
        self.show()
        self.replace_field.setVisible(replace)
        self.replace_button.setVisible(replace)
        self.replace_all_button.setVisible(replace)
        self.find_field.setFocus()
        self.find_field.selectAll()
