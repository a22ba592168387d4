"""English and Simplified Chinese: complete translations, chosen by locale or in Settings."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt

from desktop.dashscope import credentials
from desktop.resources import translations_dir
from desktop.settings import Settings, save_settings
from desktop.store.library import LibraryFile
from desktop.ui.dialogs.settings import SettingsDialog
from desktop.ui.mainwindow.window import MainWindow
from desktop.ui.util.translations import clear_language, install_language, ui_language

ROOT = Path(__file__).parents[3]
TOOLS = Path(sys.executable).parent


@pytest.fixture(autouse=True)
def english_afterwards(qapp, monkeypatch):
    monkeypatch.setenv("TINGXIE_KEYRING_SERVICE", f"Tingxie i18n {uuid.uuid4()}")
    monkeypatch.delenv(credentials.ENV_VAR, raising=False)
    yield
    clear_language()


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message.find("translation")
        for context in root.iter("context")
        for message in context.iter("message")
    }


@pytest.mark.parametrize(("name", "options"), [("zh_CN", []), ("en", ["-pluralonly"])])
def test_every_text_of_the_windows_is_in_the_ts_file_and_translated(
    tmp_path: Path, name: str, options: list[str]
) -> None:
    """Else run packaging/dev/translations (and translate what it adds)."""
    committed_ts = translations_dir() / f"tingxie_{name}.ts"
    fresh = tmp_path / "fresh.ts"
    shutil.copy(committed_ts, fresh)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop" / "ui").rglob("*.py"))
    update = [TOOLS / "pyside6-lupdate", *options, "-no-obsolete", "-locations", "none"]
    subprocess.run(
        [*update, *sources, "-ts", fresh],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    committed, current = _messages(committed_ts), _messages(fresh)
    assert sorted(current) == sorted(committed)
    untranslated = [key for key, t in current.items() if t.get("type") == "unfinished"]
    assert untranslated == []
    assert len(current) > (200 if name == "zh_CN" else 3)


@pytest.mark.parametrize("name", ["zh_CN", "en"])
def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path, name: str) -> None:
    """Else run packaging/dev/translations."""
    built = tmp_path / "built.qm"
    ts = translations_dir() / f"tingxie_{name}.ts"
    subprocess.run(
        [TOOLS / "pyside6-lrelease", "-silent", ts, "-qm", built], check=True, capture_output=True
    )
    assert built.read_bytes() == (translations_dir() / f"tingxie_{name}.qm").read_bytes()


@pytest.mark.parametrize(
    ("setting", "locale", "language"),
    [
        ("", "zh_CN", "zh_CN"),
        ("", "zh_TW", "zh_CN"),
        ("", "en_GB", "en"),
        ("", "de_DE", "en"),
        ("en", "zh_CN", "en"),
        ("zh_CN", "en_US", "zh_CN"),
    ],
)
def test_the_language_follows_the_system_locale_unless_settings_choose(
    setting: str, locale: str, language: str
) -> None:
    assert ui_language(setting, QLocale(locale)) == language


def test_a_chinese_system_gets_a_chinese_window(qtbot) -> None:
    assert install_language("", QLocale("zh_CN")) == "zh_CN"
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    assert window.file_menu.title() == "文件(&F)"
    assert window.welcome.open_sample.text() == "打开示例"
    assert window.library_panel.search_box.placeholderText() == "搜索标题和所有转写文本…"
    header = window.library_panel.items_view.model().headerData(0, Qt.Orientation.Horizontal)
    assert header == "标题"


def test_switching_language_in_settings_changes_the_open_window_at_once(qtbot) -> None:
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    window.show()
    assert window.file_menu.title() == "&File"
    dialog = window.open_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)")  # LanguageChange is posted
    assert window.tools_menu.title() == "工具(&T)"
    assert window.key_banner.enter_key.text() == "输入 API 密钥…"
    qtbot.waitUntil(lambda: window.library_panel.status.text().startswith("资料库为空"))
    again = window.open_settings()
    assert isinstance(again, SettingsDialog)
    assert again.windowTitle() == "设置"
    assert again.test_button.text() == "测试密钥"
    again.language.setCurrentIndex(again.language.findData("en"))
    qtbot.mouseClick(
        again.buttons.button(again.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    assert window.library_panel.status.text().startswith("The library is empty")


def test_the_app_starts_in_the_language_saved_in_settings(qtbot) -> None:
    from desktop.app import make_application

    save_settings(Settings(language="zh_CN"))
    make_application()
    window = MainWindow(LibraryFile.default())
    qtbot.addWidget(window)
    assert window.help_menu.title() == "帮助(&H)"
