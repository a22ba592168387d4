"""Toolbar icons: the desktop's own theme icon, else the bundled one for a light or dark look.

Freedesktop icon names (document-open, edit-find…) pick up the user's theme on
Linux; where no theme has them (Windows, macOS, a bare desktop) the SVGs in
resources/icons/light and resources/icons/dark are used, chosen by how dark the
window's background is.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

from desktop.resources import resources_dir

NAMES = ("document-open", "document-save-as", "edit-find", "preferences-system", "list-add")


def is_dark() -> bool:
    """Whether the application's window background is dark."""
    palette = QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def bundled_icon(name: str) -> QIcon:
    """The bundled SVG for ``name`` in the colours of the current (light or dark) look."""
    scheme = "dark" if is_dark() else "light"
    return QIcon(str(resources_dir() / "icons" / scheme / f"{name}.svg"))


def themed_icon(name: str) -> QIcon:
    """The theme's icon for ``name``, falling back to the bundled one."""
    return QIcon.fromTheme(name, bundled_icon(name))
