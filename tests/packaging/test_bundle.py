"""The frozen app: built with packaging/build.py, started as a user's double-click would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer

from desktop.store.library import Library
from desktop.ui.util.single_instance import server_name
from tests.helpers.instances import library_items_when_ready, wait_until_listening
from tests.helpers.results import fixture_path

ROOT = Path(__file__).resolve().parents[2]
RUN_TIMEOUT_S = 60

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build once for this module (about a minute on two cores)."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail('PyInstaller is missing: pip install -e ".[package]" (packaging/dev/test does)')
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from build import build
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    scratch = tmp_path_factory.mktemp("bundle")
    return build(scratch / "dist", scratch / "work")


def frozen(
    app: Path, *args: str | Path, home: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TINGXIE_HOME": str(home),
        "TINGXIE_VLC_OPTIONS": "--aout=dummy",
        **env,
    }
    return subprocess.run(
        [str(app), *map(str, args)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def test_the_frozen_app_shows_its_window_and_quits_cleanly(bundle, tingxie_home) -> None:
    done = frozen(bundle, "--startup-probe", home=tingxie_home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("first_paint_s=")
    assert 0 < float(done.stdout.strip().split("=")[1]) < 30
    assert "playback=libvlc\n" in done.stderr  # the system's libvlc, found from the bundle
    assert "Traceback" not in done.stderr


def test_libvlc_is_not_copied_into_the_linux_bundle(bundle) -> None:
    assert not [path for path in bundle.parent.rglob("libvlc*")]


def test_without_libvlc_the_frozen_app_says_how_to_install_it(bundle, tingxie_home) -> None:
    done = frozen(
        bundle, "--startup-probe", home=tingxie_home, PYTHON_VLC_LIB_PATH="/nowhere/libvlc.so"
    )
    assert done.returncode == 0, done.stderr
    playback = next(line for line in done.stderr.splitlines() if line.startswith("playback="))
    assert playback.startswith("playback=Playback is off: ")
    assert "sudo apt install libvlc5" in playback
    assert "Traceback" not in done.stderr


def test_the_frozen_command_line_imports_and_exports_with_every_format_stack(
    bundle, tingxie_home, tmp_path
) -> None:
    """Lazily imported modules and their data (python-docx's template, OpenCC's dictionaries)."""
    done = frozen(bundle, "import", fixture_path("paraformer_zh_en"), home=tingxie_home)
    assert done.returncode == 0, done.stderr
    docx = tmp_path / "talk.docx"
    done = frozen(bundle, "export", "1", "-f", "docx", "-o", docx, home=tingxie_home)
    assert done.returncode == 0, done.stderr
    assert docx.read_bytes()[:2] == b"PK"
    done = frozen(bundle, "export", "1", "-f", "srt", "--convert", "s2t", home=tingxie_home)
    assert done.returncode == 0, done.stderr
    assert "這裏是阿里巴巴語音實驗室" in done.stdout


def test_a_second_frozen_launch_hands_its_file_to_the_first(bundle, tingxie_home) -> None:
    Library.open().close()  # created before two processes use it (see test_single_instance)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TINGXIE_HOME=str(tingxie_home))
    first = subprocess.Popen(
        [str(bundle)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        wait_until_listening(first)
        handed = frozen(bundle, fixture_path("diarization"), home=tingxie_home)
        assert handed.returncode == 0, handed.stderr
        assert "already open: handed it 1 file(s)" in handed.stdout
        items = library_items_when_ready(RUN_TIMEOUT_S)
        assert len(items) == 1
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=RUN_TIMEOUT_S)
        QLocalServer.removeServer(server_name())  # a terminated app leaves its socket file


def test_the_bundle_carries_resources_and_its_desktop_integration(bundle, tmp_path) -> None:
    internal = bundle.parent / "_internal"
    assert (internal / "resources" / "icons" / "tingxie.svg").is_file()
    assert (internal / "share" / "tingxie.desktop").is_file()
    data = tmp_path / "share"
    done = subprocess.run(
        ["sh", str(bundle.parent / "install-desktop-integration.sh")],
        capture_output=True,
        text=True,
        env=dict(os.environ, XDG_DATA_HOME=str(data)),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    installed = (data / "applications" / "tingxie.desktop").read_text(encoding="utf-8")
    assert f'Exec="{bundle}" %F' in installed
    assert (data / "icons/hicolor/256x256/apps/tingxie.png").is_file()
