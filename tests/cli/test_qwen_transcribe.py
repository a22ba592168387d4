"""A Qwen3-ASR job from the command line, end to end: a local file made with espeak-ng,
the emulator as its own process, and a stored transcript whose sentences carry
language and emotion labels the library search filters on."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fake_dashscope.process import EmulatorProcess
from tests.helpers.cli import tingxie
from tests.helpers.media import speech

QWEN = "qwen3-asr-flash-filetrans"


@pytest.fixture
def service(tmp_path: Path) -> Iterator[EmulatorProcess]:
    with EmulatorProcess(request_log=tmp_path / "requests.jsonl") as running:
        yield running


def test_a_qwen_job_goes_from_a_local_file_to_a_labelled_transcript(
    service: EmulatorProcess, tingxie_home: Path, tmp_path: Path
) -> None:
    media = speech(tmp_path / "greeting.wav", "Good morning, and welcome to the meeting.")
    env = {**os.environ, "DASHSCOPE_API_KEY": service.api_key}
    done = tingxie(
        "transcribe", media, "--model", QWEN, "--language", "en", "--words",
        "--endpoint", service.base_url, "--wait",
        home=tingxie_home, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    (submit,) = [r for r in service.requests() if r["route"] == "submit"]
    assert set(submit["body"]["input"]) == {"file_url"}
    assert submit["body"]["parameters"] == {"language": "en", "enable_words": True}

    jobs = json.loads(tingxie("jobs", "--json", home=tingxie_home).stdout)
    assert [j["state"] for j in jobs] == ["done"]
    hits = json.loads(tingxie("search", "--label", "en", "--json", home=tingxie_home).stdout)
    assert hits and all("en" in h["labels"] for h in hits)
    emotions = {label for h in hits for label in h["labels"] if label != "en"}
    assert emotions and emotions <= {"neutral", "happy", "surprised", "sad", "angry"}


def test_options_qwen_does_not_take_are_refused_before_anything_is_sent(
    service: EmulatorProcess, tingxie_home: Path, tmp_path: Path
) -> None:
    media = speech(tmp_path / "short.wav", "Short.")
    env = {**os.environ, "DASHSCOPE_API_KEY": service.api_key}
    for extra, words in ((["--diarize"], "diarization_enabled"),
                         (["--language", "en", "--language", "zh"], "one --language")):  # fmt: skip
        refused = tingxie(
            "transcribe", media, "--model", QWEN, *extra, "--endpoint", service.base_url,
            home=tingxie_home, env=env,
        )  # fmt: skip
        assert refused.returncode != 0 and words in refused.stderr
    assert [r for r in service.requests() if r["route"] != "control"] == []
