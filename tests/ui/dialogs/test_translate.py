"""The Translate dialog speaks the user's language, target language names included."""

from __future__ import annotations

from desktop.store.library import LibraryFile
from desktop.ui.dialogs.translate import TranslateDialog
from desktop.ui.util.translations import clear_language, install_language


def _languages(dialog: TranslateDialog) -> list[str]:
    return [dialog.language.itemText(i) for i in range(dialog.language.count())]


def test_target_languages_are_named_in_chinese_in_the_chinese_ui(qtbot, tingxie_home) -> None:
    install_language("zh_CN")
    try:
        dialog = TranslateDialog(LibraryFile.default())
        qtbot.addWidget(dialog)
        names = _languages(dialog)
    finally:
        clear_language()
    assert "英语 (en)" in names and "繁体中文 (zh_tw)" in names
    assert not [name for name in names if name.split(" (")[0].isascii()]


def test_target_languages_keep_their_english_names_in_english(qtbot, tingxie_home) -> None:
    dialog = TranslateDialog(LibraryFile.default())
    qtbot.addWidget(dialog)
    assert "English (en)" in _languages(dialog)
