"""The UI language: English (the source texts) or Simplified Chinese.

The choice in Settings wins; "same as the system" follows the system locale
(any Chinese locale gets Simplified Chinese, everything else English).
Switching installs new translators, and Qt sends every widget a
LanguageChange event, so the windows that handle it re-read their texts at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.resources import translations_dir

LANGUAGES = ("en", "zh_CN")
_installed: list[QTranslator] = []


def ui_language(setting: str, system: QLocale | None = None) -> str:
    """``en`` or ``zh_CN`` for a setting (``""`` = follow the system locale)."""
    if setting in LANGUAGES:
        return setting
    locale = system or QLocale.system()
    return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"


def install_language(setting: str, system: QLocale | None = None) -> str:
    """Install the translators for ``setting`` in place of the current ones; the language."""
    app = QCoreApplication.instance()
    assert app is not None
    language = ui_language(setting, system)
    clear_language()
    for folder, name in (
        # English: only the plural forms ("1 item", "2 items"); the source texts are English.
        (str(translations_dir()), f"tingxie_{language}"),
        # Qt's own texts: the OK/Cancel buttons, file dialogs, context menus.
        (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), f"qtbase_{language}"),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return language


def clear_language() -> None:
    """Remove the translators installed here: the raw source texts show."""
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
