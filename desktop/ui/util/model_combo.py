"""The model chooser shared by the new-job dialog and Settings: one way to list models."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from desktop.domain import catalog
from desktop.ui.util.messages import translated


class ModelComboBox(QComboBox):
    """The region's models (aliases left out), each with its one-line summary; data = name."""

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
            if spec.alias_of is None:
                label = f"{spec.name} — {translated(spec.summary)}"
                if spec.may_be_retired:
                    label = self.tr("{0} (may be retired; use {1})").format(label, spec.replacement)
                self.addItem(label, spec.name)
        index = self.findData(keep) if keep else -1
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def chosen(self) -> str:
        """The chosen model's name (``model()`` is Qt's item model)."""
        return str(self.currentData())
