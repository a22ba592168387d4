"""File → Open library item…: pick an item by name and open it in the editor.

The library panel is the usual way in; this dialog is the keyboard's (Ctrl+O).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QWidget

from desktop.store.library import ItemSummary, LibraryFile
from desktop.ui.util.background import run_in_thread


class OpenItemDialog(QInputDialog):
    """A list of the library's items; choosing one calls ``open_item`` with its id.

    The items are read off the GUI thread; the list fills in when they arrive.
    """

    def __init__(
        self, parent: QWidget, library: LibraryFile, open_item: Callable[[int], object]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("openItemDialog")
        self.setWindowTitle(self.tr("Open library item"))
        self._open_item = open_item
        self._ids: dict[str, int] = {}
        self.loaded = False
        self.setComboBoxItems([""])
        self.setLabelText(self.tr("Reading the library…"))
        self.textValueSelected.connect(self._open)
        run_in_thread(self, lambda: _read_items(library), self._show)

    def _show(self, items: list[ItemSummary]) -> None:
        self._ids = {f"{item.id}  {item.title}": item.id for item in items}
        self.setComboBoxItems(list(self._ids) or [""])
        self.setLabelText(
            self.tr("Item to open:")
            if items
            else self.tr("The library is empty; import a result first (tingxie import).")
        )
        self.loaded = True

    def _open(self, choice: str) -> None:
        item_id = self._ids.get(choice)
        if item_id is not None:
            self._open_item(item_id)


def _read_items(library: LibraryFile) -> list[ItemSummary]:
    with library.connect() as connection:
        return connection.items()
