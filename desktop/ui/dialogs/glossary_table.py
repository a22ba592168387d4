"""The Translate dialog's glossary table: term → translation rows typed in the app.

The rows are the person's own term list, used for every item (names, jargon
of a series), so they are kept beside the settings: ``glossary.csv`` in the
data folder, the same ``term,translation`` format a glossary file has (it can
be opened in a spreadsheet, or chosen as the dialog's glossary file
elsewhere). They are saved when a translation is ordered.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import paths
from desktop.domain.glossary import GlossaryError, load_csv


def table_path() -> Path:
    return paths.data_dir() / "glossary.csv"


def load_rows(path: Path | None = None) -> list[tuple[str, str]]:
    """The saved rows; none when there is no file yet or it cannot be read."""
    path = path or table_path()
    if not path.is_file():
        return []
    try:
        glossary = load_csv(path)
    except GlossaryError:
        return []
    return [(term.source, term.target or "") for term in glossary.terms]


def save_rows(rows: list[tuple[str, str]], path: Path | None = None) -> None:
    path = path or table_path()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("term", "translation"))
    writer.writerows(rows)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(out.getvalue(), encoding="utf-8")
    temporary.replace(path)


class GlossaryTable(QWidget):
    """Rows of term and translation, with Add and Remove."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("glossaryTable")
        self.table.setHorizontalHeaderLabels([self.tr("Term"), self.tr("Translation")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(110)
        self.add_button = QPushButton(self.tr("Add term"), self)
        self.add_button.setObjectName("glossaryAdd")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("glossaryRemove")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table)
        column.addLayout(buttons)

    def add_row(self, term: str = "", translation: str = "") -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(term))
        self.table.setItem(row, 1, QTableWidgetItem(translation))
        if not term:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))
        return row

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        self.table.setRowCount(0)
        for term, translation in rows:
            self.add_row(term, translation)

    def rows(self) -> list[tuple[str, str]]:
        """The filled rows, in order (a row without a term is left out)."""
        out = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, column) for column in (0, 1)]
            term, translation = (c.text().strip() if c is not None else "" for c in cells)
            if term:
                out.append((term, translation))
        return out
