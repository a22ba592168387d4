"""Loading the result-file fixtures and building result JSON in tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.domain.transcript import Transcript
from desktop.formats.result_file import parse_result

RESULTS = Path(__file__).parents[1] / "fixtures" / "results"

FIXTURE_NAMES = (
    "paraformer_zh_en",
    "sensevoice_tags",
    "diarization",
    "two_channels",
    "empty",
    "hostile",
    "qwen3_asr",
)


def fixture_path(name: str) -> Path:
    return RESULTS / f"{name}.json"


def load(name: str) -> Transcript:
    return parse_result(fixture_path(name).read_bytes())


def fixture_json(name: str) -> dict[str, Any]:
    return json.loads(fixture_path(name).read_text(encoding="utf-8"))


def encode(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")
