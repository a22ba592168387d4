"""Windows whose texts follow a language switch without each text being set twice.

A window built once sets its menus, actions and labels with ``self.tr(...)``;
after Settings switches the language those texts would stay in the old one
until a restart. Classes that mix in ``LiveLanguage`` remember, for every text
their ``tr`` made, which source text and context it came from. On Qt's
LanguageChange a window calls ``retranslate_children()``: every action, menu,
label, button and tooltip still showing a remembered text gets that text in
the new language. Texts that depend on state (a count) are refreshed by their
owner, not here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QWidget

# A translated text → (context, source, disambiguation, n), for every language seen.
_SOURCES: dict[str, tuple[str, str, str | None, int]] = {}


class LiveLanguage:
    """Mixin for a QObject subclass: its ``tr`` remembers where each text came from."""

    def tr(self, source: str, disambiguation: str | None = None, n: int = -1) -> str:  # type: ignore[override]
        return translate(type(self).__name__, source, disambiguation, n)


def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``QCoreApplication.translate``, remembered so the text follows a language switch."""
    text = QCoreApplication.translate(context, source, disambiguation, n)
    _SOURCES[text] = (context, source, disambiguation, n)
    return text


def again(text: str) -> str:
    """``text`` in the current language, if a ``LiveLanguage`` object made it; else as is."""
    origin = _SOURCES.get(text)
    if origin is None:
        return text
    context, source, disambiguation, n = origin
    fresh = QCoreApplication.translate(context, source, disambiguation, n)
    _SOURCES[fresh] = origin
    return fresh


def retranslate_children(root: QObject) -> None:
    """Every remembered text under ``root`` (itself included) in the current language."""
    for action in [*root.findChildren(QAction), *_own_actions(root)]:
        action.setText(again(action.text()))
        action.setToolTip(again(action.toolTip()))
    for menu in root.findChildren(QMenu):
        menu.setTitle(again(menu.title()))
    for label in root.findChildren(QLabel):
        label.setText(again(label.text()))
    for button in root.findChildren(QAbstractButton):
        button.setText(again(button.text()))
    for widget in [*root.findChildren(QWidget), root]:
        if isinstance(widget, QWidget):
            widget.setToolTip(again(widget.toolTip()))
            if widget.isWindow():
                widget.setWindowTitle(again(widget.windowTitle()))


def _own_actions(root: QObject) -> list[QAction]:
    return list(root.actions()) if isinstance(root, QWidget) else []
