"""The queue panel's translation lines: one per run, with its progress and a Cancel button.

Shown under the job table (``attach``), so a translation is watched and stopped
where transcriptions are. A finished or failed line stays, saying how it ended,
until dismissed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.translation_models import language_name
from desktop.ui.queue.translation_bridge import (
    TranslationBridge,
    TranslationDone,
    TranslationOrder,
)
from desktop.ui.util.messages import translated


class TranslationLine(QWidget):
    """One run: what it translates, how far it got, Cancel (then Dismiss)."""

    def __init__(self, order: TranslationOrder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.order = order
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the first batch is stored
        self.button = QPushButton(self.tr("Cancel"), self)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.bar)
        row.addWidget(self.button)
        self.label.setText(
            self.tr("Translating “{0}” into {1}…").format(order.track_name, self._language())
        )

    def _language(self) -> str:
        return translated(language_name(self.order.target))

    def show_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.bar.setFormat(self.tr("%v of %m cues"))

    def show_done(self, done: TranslationDone) -> None:
        self.bar.hide()
        self.button.setText(self.tr("Dismiss"))
        track, language = self.order.track_name, self._language()
        if done.canceled:
            text = self.tr(
                "Stopped translating “{0}” into {1}; what was translated is kept."
            ).format(track, language)
        elif done.flagged:
            text = self.tr(
                "Translated “{0}” into {1}; %n cue(s) the service would not translate.",
                "",
                done.flagged,
            ).format(track, language)
        else:
            text = self.tr("Translated “{0}” into {1}.").format(track, language)
        self.label.setText(text)

    def show_failure(self, reason: str) -> None:
        self.bar.hide()
        self.button.setText(self.tr("Dismiss"))
        self.label.setStyleSheet("color: #c0392b")
        self.label.setText(
            self.tr("Translating “{0}” failed: {1}").format(self.order.track_name, reason)
        )


class TranslationRows(QWidget):
    """Every translation run of the bridge, newest last."""

    def __init__(self, bridge: TranslationBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("translationRows")
        self.bridge = bridge
        self.lines: dict[int, TranslationLine] = {}
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        bridge.started.connect(self._started)
        bridge.progress.connect(self._progress)
        bridge.finished.connect(self._finished)
        bridge.failed.connect(self._failed)
        self.hide()

    def attach(self, panel: QWidget) -> None:
        """Go under ``panel``'s job table (the queue panel's own layout), else into it."""
        layout = panel.layout()
        if layout is not None:
            layout.addWidget(self)
        else:
            self.setParent(panel)

    def _started(self, run_id: int, order: TranslationOrder) -> None:
        line = TranslationLine(order, self)
        line.button.clicked.connect(lambda: self._button(run_id))
        self.lines[run_id] = line
        self._column.addWidget(line)
        self.show()

    def _button(self, run_id: int) -> None:
        if run_id in self.bridge.running():
            self.bridge.cancel(run_id)
            return
        line = self.lines.pop(run_id, None)
        if line is not None:
            line.deleteLater()
        self.setVisible(bool(self.lines))

    def _progress(self, run_id: int, done: int, total: int) -> None:
        if run_id in self.lines:
            self.lines[run_id].show_progress(done, total)

    def _finished(self, done: TranslationDone) -> None:
        if done.run_id in self.lines:
            self.lines[done.run_id].show_done(done)

    def _failed(self, run_id: int, reason: str) -> None:
        if run_id in self.lines:
            self.lines[run_id].show_failure(reason)
