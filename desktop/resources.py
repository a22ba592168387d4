"""Files shipped with the app: the bundled sample and the UI translations.

They live in ``resources/`` next to the ``desktop`` package in a source tree,
and in the bundle's data folder (``sys._MEIPASS``) in a PyInstaller build.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parents[1]
    return base / "resources"


def sample_media() -> Path:
    return resources_dir() / "sample" / "tingxie-sample.ogg"


def sample_result() -> Path:
    return resources_dir() / "sample" / "tingxie-sample.json"


def translations_dir() -> Path:
    return resources_dir() / "translations"
