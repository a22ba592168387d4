"""The model chooser shared by the new-job dialog and Settings: one way to list models."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from desktop.domain import catalog
from desktop.ui.util.messages import translated


class ModelComboBox(QComboBox):
    """The region's models, each with its one-line summary; data = name.

    An alias (``qwen3-asr-flash-filetrans``, ``fun-asr``) is listed under its plain
    name, the one the service's docs and the suggestions use, next to the dated
    snapshots it stands for: a person picks the alias to follow the newest, a
    snapshot to keep results comparable.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def fill(self, region: catalog.Region | None, keep: str | None) -> None:
        """List the models of ``region`` (``None``: every one) and select ``keep`` if listed.

        Signals stay quiet while the list changes; the caller updates what depends on
        the model itself, once.
        """
        self.blockSignals(True)
        self.clear()
        for spec in catalog.models(region):
            label = f"{spec.name} — {translated(spec.summary)}"
            if spec.alias_of is not None:
                label = self.tr("{0} (the newest, now {1})").format(label, spec.alias_of)
            if spec.may_be_retired:
                label = self.tr("{0} (may be retired; use {1})").format(label, spec.replacement)
            self.addItem(label, spec.name)
        index = self.findData(keep) if keep else -1
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def chosen(self) -> str:
        """The chosen model's name (``model()`` is Qt's item model)."""
        return str(self.currentData())
