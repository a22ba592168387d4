"""Screenshots of the main window on the Xvfb screen, kept in test-artifacts/ to look at."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from desktop.settings import Settings, save_settings

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "tests" / "helpers" / "main_window_driver.py"
ARTIFACTS = ROOT / "test-artifacts"


def _screenshot(mode: str, name: str, *extra: str) -> tuple[QImage, dict[str, object]]:
    """The window's pixels, and texts it showed when they were taken."""
    if not os.environ.get("DISPLAY"):
        pytest.fail("needs the Xvfb screen that packaging/dev/test provides (DISPLAY is unset)")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), mode, *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("READY "), process.stderr.read() if process.stderr else line
        _, window_id, texts = line.split(" ", 2)
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        subprocess.run(["import", "-window", window_id, str(path)], check=True, timeout=60)
    finally:
        process.terminate()
        process.wait(10)
    image = QImage(str(path))
    assert not image.isNull(), path
    return image, json.loads(texts)


def _colours(image: QImage) -> int:
    """Distinct colours on a coarse grid: a blank or black window has one or two."""
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    )


@pytest.mark.slow
def test_screenshot_of_the_main_window_with_the_sample_open() -> None:
    image, texts = _screenshot("sample", "main-window.png")
    assert (image.width(), image.height()) == (1280, 800)
    assert _colours(image) > 20
    assert texts["file_menu"] == "&File" and not texts["welcome_visible"]  # the editor shows


@pytest.mark.slow
def test_screenshot_of_the_welcome_page_in_chinese() -> None:
    save_settings(Settings(language="zh_CN"))
    image, texts = _screenshot("welcome", "main-window-zh_CN.png")
    assert (image.width(), image.height()) == (1280, 800)
    assert _colours(image) > 20
    assert texts == {"file_menu": "文件(&F)", "open_sample": "打开示例", "welcome_visible": True}


@pytest.mark.slow
def test_screenshot_under_a_dark_colour_scheme_is_dark() -> None:
    image, _ = _screenshot("sample", "main-window-dark.png", "dark")
    assert _colours(image) > 20
    # The window background (the status bar along the bottom, mid-width) is dark.
    assert QColor(image.pixel(image.width() // 2, image.height() - 4)).lightness() < 80
