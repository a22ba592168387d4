"""Dark and light follow the system's colour scheme.

Windows, macOS and the big Linux desktops report a scheme to Qt, but only
some platform themes repaint the palette to match; on the others (a bare X
session, the offscreen platform) the app would stay light under a dark
desktop. So the palette is set here, from the reported scheme, and again
whenever the system switches.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

_DARK = {
    # Window well above Base: Fusion draws check box and frame outlines a shade
    # darker than Window, which must still stand out against Base.
    QPalette.ColorRole.Window: "#353535",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#191919",
    QPalette.ColorRole.AlternateBase: "#232323",
    QPalette.ColorRole.ToolTipBase: "#3a3a3a",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8c8c8c",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#3c3c3c",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Link: "#6cb4ff",
    QPalette.ColorRole.Highlight: "#2f6fb3",
    QPalette.ColorRole.HighlightedText: "#ffffff",
}


def follow_system_scheme(app: QApplication) -> None:
    """Match the palette to the system now and on every later switch."""
    hints = app.styleHints()
    apply_scheme(app, hints.colorScheme())
    hints.colorSchemeChanged.connect(lambda scheme: apply_scheme(app, scheme))


def apply_scheme(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """A dark palette for a dark scheme; the style's own palette otherwise."""
    if scheme == Qt.ColorScheme.Dark:
        if is_dark(app.palette()):
            return  # the platform theme already did it, with its own colours
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)  # the native Linux styles ignore custom palettes
        app.setPalette(dark_palette())
    else:
        app.setPalette(app.style().standardPalette())


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#7a7a7a")
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def current_is_dark() -> bool:
    return is_dark(QGuiApplication.palette())
