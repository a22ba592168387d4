"""The new-job dialog: which model, which options, what it will cost — before anything is sent.

The files are probed in a worker thread as the dialog opens; their sample
rates and lengths drive the suggestion (8 kHz → an 8k model, Russian →
SenseVoice), the per-model refusals (shown before submit, never discovered
after an upload) and the cost estimate. Options a model does not take are
disabled, so they can never be sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.connection import models_region
from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.errors import DashScopeError
from desktop.dashscope.options import SpecialWordFilter, TranscriptionOptions
from desktop.dashscope.vocabulary import VocabularySummary
from desktop.domain import catalog, media_rules
from desktop.domain.catalog import Option
from desktop.domain.durations import duration_text
from desktop.domain.media_info import MediaInfo
from desktop.jobs.sources import Source
from desktop.media.probe import ProbeError, probe
from desktop.settings import Settings, load_settings
from desktop.ui.util.background import report_unexpected, run_coroutine, run_in_thread
from desktop.ui.util.messages import translated
from desktop.ui.util.model_combo import ModelComboBox

MAX_TRACK_BOXES = 16
PROBE_AT_MOST = 200  # enough to judge the batch; the engine probes every file anyway


def _probe_all(paths: list[Path]) -> tuple[list[MediaInfo], dict[str, str]]:
    """What can be read of ``paths``, and why each other one cannot (by path): a text
    file named .mp3 is refused here, naming what it really is, not after an upload."""
    infos: list[MediaInfo] = []
    unreadable: dict[str, str] = {}
    for path in paths:
        try:
            infos.append(probe(path))
        except ProbeError as error:
            unreadable[str(path)] = error.args[0] if error.args else str(error)
    return infos, unreadable


class NewJobDialog(QDialog):
    """Asks how to transcribe ``sources``; ``submitted`` carries (sources, model, options).

    Signals:
        submitted(list[Source], str, TranscriptionOptions): the files, the model and the
            options the person chose
    """

    submitted = Signal(list, str, TranscriptionOptions)

    def __init__(
        self,
        sources: Sequence[Source],
        client: DashScopeClient | None = None,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newJobDialog")
        self.setWindowTitle(self.tr("Transcribe %n files", "", len(sources)))
        self.sources = list(sources)
        self.settings = settings or load_settings()
        self.media: list[MediaInfo] = []
        self.unreadable: dict[str, str] = {}  # path → why it cannot be read
        self.refused: set[str] = set()  # paths left out for the chosen model
        self._client = client
        self._build()
        self._fill_models(self.settings.default_model)
        self._apply_defaults()
        self._start_probe()
        self._load_vocabularies()

    # -- layout --------------------------------------------------------------------

    def _build(self) -> None:
        names = ", ".join(s.title for s in self.sources[:3])
        more = len(self.sources) - 3
        self.files_label = QLabel(
            names + (self.tr(" and {0} more").format(more) if more > 0 else "")
        )
        self.files_label.setWordWrap(True)
        self.model = ModelComboBox(self)
        self.model.setObjectName("model")
        self.model.currentIndexChanged.connect(self._model_changed)
        self.guidance = QLabel(self)
        self.guidance.setObjectName("guidance")
        self.guidance.setWordWrap(True)
        self.use_suggestion = QPushButton(self)
        self.use_suggestion.setObjectName("useSuggestion")
        self.use_suggestion.hide()
        self.use_suggestion.clicked.connect(self._take_suggestion)
        self._suggested: str | None = None
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.currentIndexChanged.connect(self._update_suggestion)
        self.vocabulary = QComboBox(self)
        self.vocabulary.setObjectName("vocabulary")
        self.vocabulary.setEditable(True)
        self.vocabulary.lineEdit().setPlaceholderText(self.tr("none"))
        self.diarization = QCheckBox(self.tr("Tell speakers apart"), self)
        self.diarization.setObjectName("diarization")
        self.speakers = QSpinBox(self)
        self.speakers.setObjectName("speakers")
        self.speakers.setAccessibleName(self.tr("Number of speakers"))
        self.speakers.setRange(0, catalog.SPEAKER_COUNT_RANGE[1])
        self.speakers.setSpecialValueText(self.tr("detect"))
        self.diarization.toggled.connect(self.speakers.setEnabled)
        self.channels = QLineEdit(self)
        self.channels.setObjectName("channels")
        self.channels.setAccessibleName(self.tr("Audio tracks"))
        self.channels.setPlaceholderText(self.tr("0 (the first track)"))
        self.channels.textChanged.connect(lambda _text: self._update_refusals())
        # For multi-track files: one box per track, in place of the text field.
        self.track_boxes: list[QCheckBox] = []
        self.tracks_row = QWidget(self)
        self.tracks_row.setObjectName("tracks")
        self._tracks_layout = QHBoxLayout(self.tracks_row)
        self._tracks_layout.setContentsMargins(0, 0, 0, 0)
        self._tracks_layout.addWidget(self.channels)
        self.disfluency = QCheckBox(self.tr("Remove filler words (um, uh)"), self)
        self.disfluency.setObjectName("disfluency")
        self.alignment = QCheckBox(self.tr("Align timestamps to the audio"), self)
        self.alignment.setObjectName("alignment")
        self.mask_words = QLineEdit(self)
        self.mask_words.setObjectName("maskWords")
        self.mask_words.setPlaceholderText(self.tr("words to mask with *, comma-separated"))
        self.noise = QCheckBox(self.tr("Speech/noise threshold"), self)
        self.noise.setObjectName("noise")
        self.noise_threshold = QDoubleSpinBox(self)
        self.noise_threshold.setObjectName("noiseThreshold")
        self.noise_threshold.setAccessibleName(self.tr("Speech/noise threshold"))
        self.noise_threshold.setRange(*catalog.SPEECH_NOISE_THRESHOLD_RANGE)
        self.noise_threshold.setSingleStep(0.1)
        self.noise_threshold.setDecimals(2)
        self.noise_threshold.setToolTip(
            self.tr("Towards -1 more noise is taken for speech; towards +1 more is rejected.")
        )
        self.noise_threshold.setEnabled(False)
        self.noise.toggled.connect(self._noise_toggled)
        self.itn = QCheckBox(self.tr("Write numbers as digits"), self)
        self.itn.setObjectName("itn")
        self.words = QCheckBox(self.tr("Word timestamps"), self)
        self.words.setObjectName("words")
        self.context = QPlainTextEdit(self)
        self.context.setObjectName("context")
        self.context.setAccessibleName(self.tr("Context"))
        self.context.setPlaceholderText(
            self.tr("names and terms the audio uses, to help recognition")
        )
        self.context.setTabChangesFocus(True)
        self.context.setFixedHeight(self.context.fontMetrics().lineSpacing() * 4 + 12)
        self.context.textChanged.connect(self._cap_context)
        self.refusals = QLabel(self)
        self.refusals.setObjectName("refusals")
        self.refusals.setWordWrap(True)
        self.refusals.setStyleSheet("color: #b00020")
        self.cost = QLabel(self)
        self.cost.setObjectName("cost")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Transcribe"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        speakers = QHBoxLayout()
        speakers.addWidget(self.diarization)
        speakers.addWidget(QLabel(self.tr("Speakers:")))
        speakers.addWidget(self.speakers)
        form = QFormLayout()
        form.addRow(self.tr("Files"), self.files_label)
        form.addRow(self.tr("Model"), self.model)
        form.addRow("", self.guidance)
        form.addRow("", self.use_suggestion)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Hot words"), self.vocabulary)
        form.addRow(self.tr("Speakers"), speakers)
        form.addRow(self.tr("Audio tracks"), self.tracks_row)
        form.addRow("", self.disfluency)
        form.addRow("", self.alignment)
        form.addRow(self.tr("Sensitive words"), self.mask_words)
        noise = QHBoxLayout()
        noise.addWidget(self.noise)
        noise.addWidget(self.noise_threshold)
        form.addRow("", noise)
        form.addRow("", self.itn)
        form.addRow("", self.words)
        form.addRow(self.tr("Context"), self.context)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.refusals)
        column.addWidget(self.cost)
        column.addWidget(self.buttons)

    def _fill_models(self, keep: str) -> None:
        self.model.fill(models_region(self.settings), keep)
        self._model_changed()

    def _apply_defaults(self) -> None:
        self.diarization.setChecked(
            self.settings.diarization_enabled and self.diarization.isEnabled()
        )
        self.disfluency.setChecked(
            self.settings.disfluency_removal_enabled and self.disfluency.isEnabled()
        )
        if self.settings.language_hints:
            index = self.language.findData(self.settings.language_hints[0])
            if index >= 0:
                self.language.setCurrentIndex(index)
        self.speakers.setEnabled(self.diarization.isChecked())

    # -- reacting to choices ---------------------------------------------------------

    def spec(self) -> catalog.ModelSpec:
        return catalog.get(self.model.currentData())

    def _model_changed(self) -> None:
        spec = self.spec()
        chosen = self.language.currentData()
        self.language.blockSignals(True)
        self.language.clear()
        self.language.addItem(self.tr("Detect automatically"), None)
        codes = _language_codes(spec)
        for code in codes:
            self.language.addItem(translated(catalog.LANGUAGE_NAMES.get(code, code)), code)
        index = self.language.findData(chosen)
        self.language.setCurrentIndex(max(index, 0))
        self.language.blockSignals(False)
        self.language.setEnabled(bool(codes))
        self.vocabulary.setEnabled(spec.accepts(Option.VOCABULARY))
        self.diarization.setEnabled(spec.accepts(Option.DIARIZATION))
        if not self.diarization.isEnabled():
            self.diarization.setChecked(False)
        self.speakers.setEnabled(
            spec.accepts(Option.SPEAKER_COUNT) and self.diarization.isChecked()
        )
        self.channels.setEnabled(spec.accepts(Option.CHANNEL_ID))
        for box in self.track_boxes:
            box.setEnabled(spec.accepts(Option.CHANNEL_ID))
        for box, option in (
            (self.disfluency, Option.DISFLUENCY_REMOVAL),
            (self.alignment, Option.TIMESTAMP_ALIGNMENT),
        ):
            box.setEnabled(spec.accepts(option))
            if not box.isEnabled():
                box.setChecked(False)
        self.mask_words.setEnabled(spec.accepts(Option.SPECIAL_WORD_FILTER))
        self.noise.setEnabled(spec.accepts(Option.SPEECH_NOISE_THRESHOLD))
        for box, option in ((self.itn, Option.ENABLE_ITN), (self.words, Option.ENABLE_WORDS)):
            box.setEnabled(spec.accepts(option))
            if not box.isEnabled():
                box.setChecked(False)
        if not self.noise.isEnabled():
            self.noise.setChecked(False)
        self.context.setEnabled(spec.accepts(Option.CONTEXT))
        self._update_suggestion()

    def _noise_toggled(self, on: bool) -> None:
        self.noise_threshold.setEnabled(on and self.noise.isEnabled())

    def _cap_context(self) -> None:
        """Cut pasted text to what is sent (the catalog's cap), so none is refused later."""
        text = self.context.toPlainText()
        if len(text) <= catalog.MAX_CONTEXT_CHARS:
            return
        self.context.blockSignals(True)
        self.context.setPlainText(text[: catalog.MAX_CONTEXT_CHARS])
        self.context.blockSignals(False)
        self.refusals.setText(
            self.tr("The context is cut to {0} characters.").format(catalog.MAX_CONTEXT_CHARS)
        )

    def _update_suggestion(self) -> None:
        spec = self.spec()
        lines = [translated(spec.summary)]
        rate = next((m.sample_rate for m in self.media if m.sample_rate), None)
        suggestion = catalog.suggest_model(
            rate,
            self.language.currentData(),
            region=models_region(self.settings) or catalog.Region.BEIJING,
        )
        offered = self.model.findData(suggestion.model) >= 0
        self._suggested = suggestion.model if suggestion.model != spec.name and offered else None
        self.use_suggestion.setVisible(self._suggested is not None)
        if self._suggested is not None:
            self.use_suggestion.setText(self.tr("Use {0}").format(self._suggested))
        if suggestion.model != spec.name:
            lines.append(
                self.tr("Suggested: {0} ({1})").format(
                    suggestion.model, translated(suggestion.reason)
                )
            )
        lines.append(
            self.tr("¥{0} per minute; free: {1}").format(
                f"{spec.price_per_second * 60:.4f}", translated(spec.free_quota.note)
            )
        )
        self.guidance.setText("\n".join(lines))
        self._update_refusals()

    def _take_suggestion(self) -> None:
        if self._suggested is not None:
            self.model.setCurrentIndex(self.model.findData(self._suggested))

    def _update_refusals(self) -> None:
        spec = self.spec()
        channels = self._channel_ids() or (0,)
        language = self.language.currentData()
        problems: list[str] = list(self.unreadable.values())
        self.refused = set(self.unreadable)
        for media in self.media:
            found = media_rules.refusals(spec, media, channels, language)
            if found:
                self.refused.add(media.path)
                problems.extend(found)
        shown = [translated(p) for p in problems[:3]]
        if len(problems) > 3:
            shown.append(self.tr("… and {0} more").format(len(problems) - 3))
        kept = len(self.kept_sources())
        if self.refused and kept:
            shown.append(
                self.tr(
                    "%n files cannot be transcribed and will be left out.", "", len(self.refused)
                )
            )
        elif self.refused:
            shown.append(self.tr("No file can be transcribed as chosen."))
        self.refusals.setText("\n".join(shown))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(kept > 0)
        self._update_cost()

    def kept_sources(self) -> list[Source]:
        """The files that go to the service: the refused and unreadable ones left out."""
        return [s for s in self.sources if s.is_url or str(s.path) not in self.refused]

    def _update_cost(self) -> None:
        known = [m.duration_ms for m in self.media if m.duration_ms]
        channels = len(self._channel_ids() or (0,))
        seconds = sum(known) / 1000
        cost = self.spec().estimate_cost(seconds, channels) if known else Decimal(0)
        unknown = len(self.sources) - len(known)
        text = self.tr("Estimated cost: ¥{0} for {1} of audio").format(
            f"{cost:.4f}", duration_text(int(seconds * 1000)) or "0:00"
        )
        if unknown > 0:
            text += " " + self.tr("(+ %n files of unknown length)", "", unknown)
        self.cost.setText(text)

    # -- probing and vocabularies (off the UI thread) -----------------------------------

    def _start_probe(self) -> None:
        paths = [s.path for s in self.sources if not s.is_url][:PROBE_AT_MOST]
        if not paths:
            self._update_cost()
            return
        # If probing itself breaks, the engine probes again and reports per file.
        run_in_thread(self, lambda: _probe_all(paths), self._probed, lambda _error: None)

    def _probed(self, probed: tuple[list[MediaInfo], dict[str, str]]) -> None:
        infos, self.unreadable = probed
        self.media = infos
        most = max((m.channels or 1 for m in infos), default=1)
        if most > 1 and not self.track_boxes:
            self._show_track_boxes(min(most, MAX_TRACK_BOXES))
        self._update_suggestion()

    def _show_track_boxes(self, count: int) -> None:
        """The files have ``count`` tracks: tick the ones to transcribe (each is billed)."""
        self.channels.hide()
        for number in range(count):
            box = QCheckBox(self.tr("Track {0}").format(number + 1), self.tracks_row)
            box.setObjectName(f"track{number}")
            box.setChecked(number == 0)
            box.setEnabled(self.channels.isEnabled())
            box.toggled.connect(lambda _on: self._update_refusals())
            self._tracks_layout.addWidget(box)
            self.track_boxes.append(box)
        self._tracks_layout.addStretch(1)

    def _load_vocabularies(self) -> None:
        client = self._client
        if client is None:
            return
        # On the engine's own client (see run_coroutine's ``shared``); without the app's
        # loop (a test, a tool) or on a failure, free text still works.
        self._vocabulary_lookup = run_coroutine(
            self,
            client.vocabularies.list,
            self._vocabularies_loaded,
            self._no_vocabularies,
            shared=True,
        )

    def _no_vocabularies(self, error: Exception) -> None:
        if not isinstance(error, DashScopeError):
            report_unexpected(error)

    def _vocabularies_loaded(self, summaries: list[VocabularySummary]) -> None:
        typed = self.vocabulary.currentText()
        for summary in summaries:
            self.vocabulary.addItem(summary.vocabulary_id, summary.vocabulary_id)
        self.vocabulary.setEditText(typed)

    # -- the answer ----------------------------------------------------------------------

    def _channel_ids(self) -> tuple[int, ...] | None:
        if self.track_boxes:
            return tuple(n for n, box in enumerate(self.track_boxes) if box.isChecked()) or None
        text = self.channels.text().replace(",", " ").split()
        try:
            ids = tuple(int(part) for part in text)
        except ValueError:
            return None
        return ids or None

    def options(self) -> TranscriptionOptions:
        spec = self.spec()
        language = self.language.currentData()
        vocabulary = self.vocabulary.currentText().strip()
        masks = tuple(w.strip() for w in self.mask_words.text().split(",") if w.strip())
        context = self.context.toPlainText().strip()
        language = language if self.language.isEnabled() else None
        one_language = spec.accepts(Option.LANGUAGE)  # Qwen3-ASR: ``language``, not hints
        return TranscriptionOptions(
            channel_id=self._channel_ids() if self.channels.isEnabled() else None,
            language_hints=(language,) if language and not one_language else None,
            language=language if language and one_language else None,
            vocabulary_id=vocabulary if vocabulary and self.vocabulary.isEnabled() else None,
            diarization_enabled=True if self.diarization.isChecked() else None,
            speaker_count=(
                self.speakers.value()
                if self.diarization.isChecked()
                and self.speakers.value()
                and spec.accepts(Option.SPEAKER_COUNT)
                else None
            ),
            disfluency_removal_enabled=True if self.disfluency.isChecked() else None,
            timestamp_alignment_enabled=True if self.alignment.isChecked() else None,
            special_word_filter=(
                SpecialWordFilter(mask_words=masks)
                if masks and self.mask_words.isEnabled()
                else None
            ),
            speech_noise_threshold=(
                self.noise_threshold.value() if self.noise.isChecked() else None
            ),
            enable_itn=True if self.itn.isChecked() else None,
            enable_words=True if self.words.isChecked() else None,
            context_text=context if context and self.context.isEnabled() else None,
        )

    def accept(self) -> None:
        if self.track_boxes and self._channel_ids() is None:
            self.refusals.setText(self.tr("Tick at least one audio track."))
            return
        if not self.track_boxes and self.channels.text().strip() and self._channel_ids() is None:
            self.refusals.setText(self.tr("Audio tracks: numbers such as 0 or 0, 1"))
            return
        try:
            options = self.options()
            options.check(self.spec().name, models_region(self.settings))
        except DashScopeError as error:
            self.refusals.setText(translated(error.message))
            return
        kept = self.kept_sources()
        if not kept:
            return
        self.submitted.emit(kept, self.spec().name, options)
        super().accept()


def _language_codes(spec: catalog.ModelSpec) -> tuple[str, ...]:
    """The codes the language menu offers: the model's hints, or Qwen3-ASR's one language."""
    if spec.accepts(Option.LANGUAGE):
        return spec.languages
    return spec.language_hints
