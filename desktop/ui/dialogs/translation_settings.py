"""The Settings dialog's translation group: which model translates subtitle tracks.

Qwen-MT (``qwen-mt-turbo``) is the default; a chat model translates with a
prompt instead (dearer, slower, sometimes better with a long glossary). Kept
apart from ``settings.py`` so each group of the dialog is its own small piece.
"""

from __future__ import annotations

import msgspec
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QWidget

from desktop.domain import translation_models
from desktop.domain.translation_models import ModelKind
from desktop.settings import Settings


class TranslationModelCombo(QComboBox):
    """The translation models, each named with how it translates; data: the model name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for model in translation_models.MODELS:
            if model.kind is ModelKind.MT:
                text = self.tr("{0} (Qwen-MT translation model)").format(model.name)
            else:
                text = self.tr("{0} (chat model, with a prompt)").format(model.name)
            self.addItem(text, model.name)

    def select(self, name: str) -> None:
        index = self.findData(name)
        if index < 0:
            index = self.findData(translation_models.DEFAULT_MODEL)
        self.setCurrentIndex(max(index, 0))

    def chosen(self) -> str:
        return self.currentData() or translation_models.DEFAULT_MODEL


class TranslationGroup(QGroupBox):
    """Shows and edits ``Settings.translation_model``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Translating subtitles"))
        form = QFormLayout(self)
        self.model = TranslationModelCombo(self)
        self.model.setObjectName("translationModel")
        self.model.setToolTip(
            self.tr(
                "Qwen-MT is made for translation and costs least; a chat model follows a prompt."
            )
        )
        form.addRow(self.tr("Translation model"), self.model)

    def load(self, settings: Settings) -> None:
        self.model.select(settings.translation_model)

    def applied(self, settings: Settings, previous: Settings) -> Settings:
        """``settings`` with this group's choice and the last target language kept."""
        return msgspec.structs.replace(
            settings,
            translation_model=self.model.chosen(),
            translation_target=previous.translation_target,
        )
