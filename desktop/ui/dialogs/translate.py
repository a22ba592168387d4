"""Tools → Translate subtitle track…: which track, into which language, at what cost.

The dialog asks for the item, its subtitle track, the target language, the
model (Settings' by default), an optional glossary file and the glossary
table (``glossary_table``: the person's own terms, kept beside the settings),
and shows the cost
worked out from tokens for the cues still to translate (untranslated and
stale ones) before anything is sent. "Translate" hands the order on; the
run itself is the queue panel's (``ui.queue.translation_bridge``). The
subtitle view opens it set to one track and language with ``wanted`` cue keys
(its stale or selected cues).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import msgspec
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.connection import EndpointChoiceError, choose_endpoint
from desktop.domain.glossary import Glossary, from_rows, load_csv
from desktop.domain.translation import CostEstimate
from desktop.domain.translation_models import LANGUAGES
from desktop.jobs.track_translation import TrackRun, current_track, estimate_run
from desktop.settings import load_settings, save_settings
from desktop.store.library import LibraryFile
from desktop.ui.dialogs.glossary_table import GlossaryTable, load_rows, save_rows
from desktop.ui.dialogs.translation_settings import TranslationModelCombo
from desktop.ui.queue.translation_bridge import TranslationOrder
from desktop.ui.util.background import run_in_thread
from desktop.ui.util.messages import translated


@dataclass(frozen=True)
class Estimate:
    cues: int
    cost: CostEstimate


class TranslateDialog(QDialog):
    """Chooses a translation run and shows its cost first.

    Signals:
        order_chosen(object): the ``TranslationOrder`` to run
    """

    order_chosen = Signal(object)

    def __init__(
        self,
        library: LibraryFile,
        item_id: int | None = None,
        parent: QWidget | None = None,
        *,
        track: str | None = None,
        language: str | None = None,
        wanted: tuple[str, ...] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("translateDialog")
        self.setWindowTitle(self.tr("Translate subtitle track"))
        self.library = library
        self._wanted_item = item_id
        self._wanted_track = track
        self.wanted = wanted  # only these cue keys; None: every missing or stale cue
        self._estimates = 0  # only the newest estimate is shown
        settings = load_settings()
        self.item = QComboBox(self)
        self.item.setObjectName("translateItem")
        self.track = QComboBox(self)
        self.track.setObjectName("translateTrack")
        self.language = QComboBox(self)
        self.language.setObjectName("translateLanguage")
        for code, name in LANGUAGES.items():
            self.language.addItem(f"{translated(name)} ({code})", code)
        target = language or settings.translation_target
        self.language.setCurrentIndex(max(self.language.findData(target), 0))
        self.model = TranslationModelCombo(self)
        self.model.setObjectName("translateModel")
        self.model.select(settings.translation_model)
        self.glossary = QLineEdit(self)
        self.glossary.setObjectName("translateGlossary")
        self.glossary.setPlaceholderText(self.tr("Optional: a CSV file of term,translation rows"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._choose_glossary)
        self.terms = GlossaryTable(self)
        self.terms.set_rows(load_rows())
        self.terms.table.itemChanged.connect(lambda _item: self._estimate())
        self.terms.table.model().rowsRemoved.connect(lambda *_: self._estimate())
        self.estimate = QLabel(self.tr("Working out the cost…"), self)
        self.estimate.setObjectName("translateEstimate")
        self.estimate.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.translate_button = self.buttons.addButton(
            self.tr("Translate"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.translate_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        glossary_row = QHBoxLayout()
        glossary_row.addWidget(self.glossary, 1)
        glossary_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Item"), self.item)
        form.addRow(self.tr("Subtitle track"), self.track)
        form.addRow(self.tr("Into"), self.language)
        form.addRow(self.tr("Model"), self.model)
        form.addRow(self.tr("Glossary"), glossary_row)
        form.addRow(self.tr("Terms"), self.terms)
        if wanted is not None:
            form.addRow(
                self.tr("Cues"), QLabel(self.tr("Only %n chosen cue(s)", "", len(wanted)), self)
            )
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.estimate)
        column.addWidget(self.buttons)
        self.item.currentIndexChanged.connect(self._load_tracks)
        for combo in (self.track, self.language, self.model):
            combo.currentIndexChanged.connect(self._estimate)
        self.glossary.editingFinished.connect(self._estimate)
        run_in_thread(self, self._read_items, self._show_items)

    # -- items and tracks (read off the GUI thread) ------------------------------------

    def _read_items(self) -> list[tuple[int, str, list[str]]]:
        with self.library.connect() as library:
            return [
                (item.id, item.title, [t.name for t in library.tracks.tracks(item.id)])
                for item in library.items()
            ]

    def _show_items(self, items: list[tuple[int, str, list[str]]]) -> None:
        self._tracks = {item_id: names for item_id, _title, names in items}
        self._titles = {item_id: title for item_id, title, _names in items}
        self.item.blockSignals(True)
        for item_id, title, names in items:
            if names:  # only items with a subtitle track can be translated
                self.item.addItem(title, item_id)
        self.item.blockSignals(False)
        if self.item.count() == 0:
            self.estimate.setText(
                self.tr("No item has a subtitle track yet: make one in the subtitle view first.")
            )
            return
        wanted = self.item.findData(self._wanted_item) if self._wanted_item is not None else 0
        self.item.setCurrentIndex(max(wanted, 0))
        self._load_tracks()

    def _load_tracks(self) -> None:
        item_id = self.item.currentData()
        self.track.blockSignals(True)
        self.track.clear()
        for name in self._tracks.get(item_id, []):
            self.track.addItem(name, name)
        if self._wanted_track is not None:
            self.track.setCurrentIndex(max(self.track.findData(self._wanted_track), 0))
        self.track.blockSignals(False)
        self._estimate()

    def _choose_glossary(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Glossary"), "", self.tr("CSV files (*.csv);;All files (*)")
        )
        if path:
            self.glossary.setText(path)
            self._estimate()

    # -- the estimate --------------------------------------------------------------------

    def order(self) -> TranslationOrder | None:
        item_id, name = self.item.currentData(), self.track.currentData()
        if item_id is None or not name:
            return None
        glossary = self.glossary.text().strip()
        return TranslationOrder(
            item_id, name, self.language.currentData(), self.model.chosen(),
            Path(glossary) if glossary else None, self._titles.get(item_id, ""),
            self.wanted, tuple(self.terms.rows()),
        )  # fmt: skip

    def _estimate(self) -> None:
        order = self.order()
        self.translate_button.setEnabled(False)
        if order is None:
            return
        self._estimates += 1
        number = self._estimates
        self.estimate.setText(self.tr("Working out the cost…"))
        run_in_thread(
            self,
            lambda: self._work_out(order),
            lambda estimate: self._show_estimate(number, estimate),
            lambda error: self._show_problem(number, error),
        )

    def _work_out(self, order: TranslationOrder) -> Estimate:
        glossary = load_csv(order.glossary_csv) if order.glossary_csv else Glossary()
        glossary = glossary.merged(from_rows(order.glossary_rows))
        try:
            region = choose_endpoint().endpoint.region
        except EndpointChoiceError:
            region = None
        with self.library.connect() as library:
            track_id, track = current_track(library, order.item_id, order.track_name)
            run = TrackRun(
                order.item_id, track_id, track, order.item_title, order.target, order.model,
                glossary, order.wanted,
            )  # fmt: skip
            cues, cost = estimate_run(library, run, region)
        return Estimate(cues, cost)

    def _show_estimate(self, number: int, estimate: Estimate) -> None:
        if number != self._estimates:
            return
        if estimate.cues == 0:
            self.estimate.setText(self.tr("Every cue is translated already; nothing to send."))
            return
        cost = estimate.cost
        parts = [
            self.tr("%n cue(s) to translate", "", estimate.cues),
            self.tr("{0} request(s), about {1} tokens sent and {2} received.").format(
                cost.requests, cost.input_tokens, cost.output_tokens
            ),
        ]
        if cost.amount is not None:
            parts.append(self.tr("Cost: about {0} {1}.").format(cost.amount, cost.currency))
        else:
            parts.append(self.tr("Cost: unknown (the model's price here is not published)."))
        self.estimate.setText(": ".join(parts[:2]) + " " + parts[2])
        self.translate_button.setEnabled(True)

    def _show_problem(self, number: int, error: Exception) -> None:
        if number == self._estimates:
            self.estimate.setText(str(error))

    def accept(self) -> None:
        order = self.order()
        if order is None or not self.translate_button.isEnabled():
            return
        try:
            save_rows(list(order.glossary_rows))
        except OSError as error:
            problem = self.tr("The glossary table could not be saved: {0}")
            self.estimate.setText(problem.format(error))
            return
        settings = load_settings()
        if settings.translation_target != order.target:
            save_settings(msgspec.structs.replace(settings, translation_target=order.target))
        self.order_chosen.emit(order)
        super().accept()
