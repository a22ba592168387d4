"""Linux desktop integration: the menu entry, "Open with" for every accepted format, icons."""

from __future__ import annotations

import configparser
import os
import struct
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeDatabase
from PySide6.QtGui import QImage, QImageReader

from desktop.domain import catalog
from tests.helpers import media

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ENTRY = LINUX / "tingxie.desktop"
INSTALL = LINUX / "install-desktop-integration.sh"
ICONS = ROOT / "packaging" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def entry(path: Path = ENTRY) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def listed_mime_types() -> set[str]:
    return {name for name in entry()["MimeType"].split(";") if name}


def test_the_entry_is_valid_by_the_desktop_entry_spec() -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(ENTRY)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert entry()["Exec"] == "tingxie %F"  # file managers pass the chosen files
    assert entry()["Icon"] == "tingxie"


@pytest.fixture(scope="module")
def one_file_per_format(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    source = folder / "source.wav"
    media.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000:duration=1", source)
    files = {"wav": source}
    for fmt in sorted(catalog.ACCEPTED_FORMATS - {"wav"}):
        files[fmt] = media.convert(source, folder / f"sample.{fmt}")
    return files


@pytest.mark.parametrize("fmt", sorted(catalog.ACCEPTED_FORMATS))
def test_open_with_tingxie_is_offered_for_every_format_the_service_accepts(
    one_file_per_format: dict[str, Path], fmt: str
) -> None:
    """The system's MIME database (content and name, as a file manager looks) -> the entry."""
    mime = QMimeDatabase().mimeTypeForFile(str(one_file_per_format[fmt]))
    handled = {mime.name(), *mime.aliases(), *mime.allAncestors()} & listed_mime_types()
    assert handled, f".{fmt} is {mime.name()}, which tingxie.desktop does not list"


def test_result_files_offer_open_with_tingxie_too() -> None:
    mime = QMimeDatabase().mimeTypeForFile(str(ROOT / "tests/fixtures/results/empty.json"))
    assert mime.name() in listed_mime_types()


def test_the_linux_icons_have_the_sizes_their_folders_name() -> None:
    hicolor = LINUX / "icons" / "hicolor"
    for size in SIZES:
        image = QImage(str(hicolor / f"{size}x{size}" / "apps" / "tingxie.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    scalable = (hicolor / "scalable" / "apps" / "tingxie.svg").read_bytes()
    assert scalable == (ROOT / "resources" / "icons" / "tingxie.svg").read_bytes()


def test_the_windows_icon_holds_every_size_up_to_256() -> None:
    reader = QImageReader(str(ICONS / "tingxie.ico"))
    sizes = set()
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        image = reader.read()
        assert image.width() == image.height()
        sizes.add(image.width())
    assert {16, 32, 48, 256} <= sizes


def test_the_macos_icon_is_an_icns_of_png_images() -> None:
    data = (ICONS / "tingxie.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, offset = [], 8
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        assert data[offset + 8 : offset + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= set(kinds)  # 128 to 1024 pixels


def install(*args: str, data_home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    return subprocess.run(
        ["sh", str(INSTALL), *args], capture_output=True, text=True, env=env, check=False
    )


def test_the_install_script_puts_entry_and_icons_into_the_users_data_folder(tmp_path) -> None:
    app = tmp_path / "my apps" / "Tingxie $1" / "tingxie"
    app.parent.mkdir(parents=True)
    app.write_text("#!/bin/sh\n")
    app.chmod(0o755)
    data = tmp_path / "share"
    done = install("--exec", str(app), data_home=data)
    assert done.returncode == 0, done.stderr
    installed = data / "applications" / "tingxie.desktop"
    # The path is quoted and escaped as the spec asks, and the result still validates.
    escaped = str(app).replace("$", "\\\\$")
    assert entry(installed)["Exec"] == f'"{escaped}" %F'
    assert entry(installed)["MimeType"] == entry()["MimeType"]
    check = subprocess.run(
        ["desktop-file-validate", str(installed)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    for size in SIZES:
        assert (data / f"icons/hicolor/{size}x{size}/apps/tingxie.png").is_file()
    assert (data / "icons/hicolor/scalable/apps/tingxie.svg").is_file()

    done = install("--uninstall", data_home=data)
    assert done.returncode == 0, done.stderr
    assert not installed.exists()
    assert not list(data.glob("icons/**/tingxie.*"))


def test_the_install_script_refuses_a_path_with_no_app(tmp_path) -> None:
    done = install("--exec", str(tmp_path / "nothing"), data_home=tmp_path / "share")
    assert done.returncode == 1
    assert f"{tmp_path / 'nothing'}: no Tingxie executable there" in done.stderr
    assert not (tmp_path / "share" / "applications" / "tingxie.desktop").exists()
