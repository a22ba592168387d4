"""Accessible names for a screen reader: every control says what it is.

Qt names a button by its text and a field by its form label (its buddy); a
control with only an icon, a slider or a table has neither. ``fill_accessible_names``
gives each such control the name its tooltip or placeholder already tells a
sighted person, so nothing is said twice in the code; ``unnamed_controls`` lists
what still has none (the GUI test walks the windows with it).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
    QPlainTextEdit,
    QTextEdit,
)
_SHORTCUT = re.compile(r"\s*\([^)]*\)\s*$")  # "Play/pause (Ctrl+Space)" → "Play/pause"


def controls(root: QWidget) -> list[QWidget]:
    """The focusable controls under ``root`` a person can reach (not a combo's inner field)."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, CONTROLS) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QComboBox | QAbstractSpinBox
        ):
            continue
        found.append(widget)
    return found


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def fill_accessible_names(root: QWidget) -> None:
    """Name every unnamed control under ``root`` after its tooltip or placeholder."""
    for widget in controls(root):
        if accessible_name(widget):
            continue
        hint = widget.toolTip()
        if not hint and isinstance(widget, QLineEdit):
            hint = widget.placeholderText()
        if hint and "<" not in hint:
            widget.setAccessibleName(_SHORTCUT.sub("", hint.splitlines()[0]))


def unnamed_controls(root: QWidget) -> list[QWidget]:
    """The visible controls under ``root`` a screen reader could only call "button"."""
    return [w for w in controls(root) if w.isVisibleTo(root) and not accessible_name(w)]
