"""File → Open library item…: pick an item and open it in an editor window.

The main window will get a full library panel (another issue); until then this
dialog is how the GUI reaches the editor.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from desktop.store.database import LibraryError
from desktop.store.library import ItemNotFoundError, Library
from desktop.ui.transcript_editor import open_library_item


class OpenItemDialog(QInputDialog):
    """A list of the library's items; choosing one opens its editor."""

    def __init__(self, parent: QWidget, editors: list[QWidget]) -> None:
        super().__init__(parent)
        self.setObjectName("openItemDialog")
        self.setWindowTitle(self.tr("Open library item"))
        self._editors = editors
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
        if item_id is None:
            return
        try:
            editor = open_library_item(item_id)
        except (ItemNotFoundError, LibraryError) as error:
            QMessageBox.warning(self.parentWidget(), self.tr("Cannot open"), str(error))
            return
        self._editors.append(editor)
        editor.destroyed.connect(lambda _=None, e=editor: self._forget(e))
        editor.show()

    def _forget(self, editor: QWidget) -> None:
        if editor in self._editors:
            self._editors.remove(editor)
