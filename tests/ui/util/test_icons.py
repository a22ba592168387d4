"""The toolbar's main actions have icons: the theme's, else the bundled light or dark SVG."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from desktop.store.library import LibraryFile
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.util.icons import NAMES, bundled_icon, themed_icon
from desktop.ui.util.theme import apply_scheme


def test_every_bundled_icon_draws_in_light_and_dark(qapp) -> None:
    for scheme in (Qt.ColorScheme.Light, Qt.ColorScheme.Dark):
        apply_scheme(qapp, scheme)
        for name in NAMES:
            image = bundled_icon(name).pixmap(24, 24).toImage()
            assert not image.isNull(), name
            inked = [
                image.pixelColor(x, y)
                for x in range(24)
                for y in range(24)
                if image.pixelColor(x, y).alpha() > 128
            ]
            assert len(inked) > 10, (name, scheme)
            window = qapp.palette().color(QPalette.ColorRole.Window)
            # Dark ink on a light window, light ink on a dark one.
            assert abs(inked[0].lightness() - window.lightness()) > 100, (name, scheme)
    apply_scheme(qapp, Qt.ColorScheme.Light)


def test_the_toolbar_actions_have_icons(qtbot, tingxie_home) -> None:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    for action in (window.open_action, window.export_action, window.search_action,
                   window.settings_action):  # fmt: skip
        assert not action.icon().isNull(), action.text()
    assert not themed_icon("edit-find").isNull()
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
