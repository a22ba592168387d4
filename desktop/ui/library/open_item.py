"""File → Open library item…: pick an item by name and open it in the editor.

The library panel is the usual way in; this dialog is the keyboard's (Ctrl+O).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QWidget

from desktop.store.library import Library


class OpenItemDialog(QInputDialog):
    """A list of the library's items; choosing one calls ``open_item`` with its id."""

    def __init__(self, parent: QWidget, open_item: Callable[[int], object]) -> None:
        super().__init__(parent)
        self.setObjectName("openItemDialog")
        self.setWindowTitle(self.tr("Open library item"))
        self._open_item = open_item
        with Library.open() as library:
            items = library.items()
        self._ids = {f"{item.id}  {item.title}": item.id for item in items}
        self.setComboBoxItems(list(self._ids) or [""])
        self.setLabelText(
            self.tr("Item to open:")
            if items
            else self.tr("The library is empty; import a result first (tingxie import).")
        )
        self.textValueSelected.connect(self._open)

    def _open(self, choice: str) -> None:
        item_id = self._ids.get(choice)
        if item_id is not None:
            self._open_item(item_id)
