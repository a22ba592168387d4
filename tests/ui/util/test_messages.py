"""Messages made below ui/ reach the person in their language: refusals, model and rule
summaries, preset names and the engine's trouble, whether fresh or read back from the
library as plain text."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from desktop.dashscope import errors
from desktop.dashscope.errors import OptionRefused
from desktop.dashscope.options import TranscriptionOptions
from desktop.domain import catalog, media_rules, shot_rules, subtitle_check
from desktop.domain.media_info import MediaInfo
from desktop.domain.messages import templates
from desktop.domain.subtitle_presets import BUILTIN_PRESETS
from desktop.domain.subtitles import Cue
from desktop.domain.timecode import rate_of
from desktop.export import chinese_script  # noqa: F401 - its labels register on import
from desktop.jobs import trouble
from desktop.media import file_kind, probe  # noqa: F401 - their messages register on import
from desktop.ui.dialogs.export import CheckReportModel
from desktop.ui.util.messages import CATALOGUE, rules_text, translated
from desktop.ui.util.model_combo import ModelComboBox
from desktop.ui.util.translations import clear_language, install_language

DESKTOP = Path(__file__).parents[3] / "desktop"


@pytest.fixture
def chinese(qapp):
    install_language("zh_CN")
    yield
    clear_language()


def _literal_templates() -> set[str]:
    """The first argument of every say()/template() call below ui/, as written."""
    found: set[str] = set()
    for path in DESKTOP.rglob("*.py"):
        if "ui" in path.relative_to(DESKTOP).parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("say", "template")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def test_the_ui_catalogue_lists_every_template_made_below_ui() -> None:
    made = _literal_templates() | set(templates())
    missing = sorted(made - set(CATALOGUE))
    assert not missing, f"add these to desktop/ui/util/messages.py CATALOGUE: {missing}"


def _phone_call() -> MediaInfo:
    return MediaInfo(
        path="/calls/call 1.wav",
        size_bytes=1000,
        container="wav",
        format="wav",
        audio_codec="pcm_s16le",
        sample_rate=8000,
        channels=1,
        duration_ms=60_000,
        has_video=False,
    )


def test_a_refusal_is_said_in_chinese_fresh_and_when_read_back_as_text(chinese) -> None:
    [refusal] = media_rules.refusals(catalog.get("paraformer-mtl-v1"), _phone_call())
    shown = translated(refusal)
    assert shown.startswith("call 1.wav：音频为 8 kHz；paraformer-mtl-v1 要求16 kHz 或更高")
    assert "paraformer-8k-v2" in shown
    assert translated(str(refusal)) == shown  # a job's error stored in the library


def test_model_summaries_and_free_quota_are_chinese_in_the_model_menu(qtbot, chinese) -> None:
    combo = ModelComboBox()
    qtbot.addWidget(combo)
    combo.fill(catalog.Region.BEIJING, "paraformer-8k-v2")
    assert combo.currentText() == "paraformer-8k-v2 — 电话录音（8 kHz）；普通话"
    assert translated(catalog.get("paraformer-v2").free_quota.note) == "每月 10 小时"


def test_rule_summaries_and_preset_names_are_chinese(chinese) -> None:
    netflix = next(p for p in BUILTIN_PRESETS if p.name == "Netflix Simplified Chinese")
    assert translated(netflix.name) == "Netflix 简体中文"
    rules = rules_text(netflix)
    assert "每行" in rules and "cps" not in rules and "lines" not in rules


def test_the_engines_trouble_is_chinese_down_to_the_reason(chinese) -> None:
    error = errors.NetworkError("[Errno -2] Name or service not known")
    text = trouble.trouble_text(error, "dashscope.aliyuncs.com", 30)
    assert translated(text) == "无法连接 dashscope.aliyuncs.com：无法解析域名；30 s后重试"


def test_text_that_is_no_message_is_shown_as_it_is(chinese) -> None:
    assert translated("InvalidFile.DownloadFailed: the service could not fetch the URL") == (
        "InvalidFile.DownloadFailed: the service could not fetch the URL"
    )


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def test_the_check_reports_problems_in_chinese_in_the_export_report(qtbot, chinese) -> None:
    preset = BUILTIN_PRESETS[0]
    cues = [
        Cue(0, 300, ("x" * 90, "y", "z", "w")),  # too long a line, too many lines, too short
        Cue(200, 9000, ("overlapping",)),  # starts before the first ends
    ]
    found = subtitle_check.check(cues, preset, 25)
    assert {v.rule for v in found} >= {"line-too-long", "too-many-lines", "overlap"}
    model = CheckReportModel()
    model.set_rows(found)
    for row, violation in enumerate(found):
        problem = model.index(row, 4).data()
        assert _has_chinese(problem), problem
        assert _has_chinese(model.index(row, 2).data())
        assert _has_chinese(model.index(row, 3).data())
        # The numbers of the English sentence are all in the Chinese one.
        assert re.findall(r"\d+(?:\.\d+)?", violation.message) == re.findall(
            r"\d+(?:\.\d+)?", problem
        ), (violation.message, problem)


def test_shot_change_advice_is_chinese(chinese) -> None:
    zone = shot_rules.ShotZone(rate_of(25))
    _at, advice = shot_rules.start_target(1040, [1000], zone)
    assert _has_chinese(translated(advice)), translated(advice)
    _at, advice = shot_rules.end_target(0, 980, [1000], zone)
    assert _has_chinese(translated(advice)), translated(advice)


def _error_classes(base: type) -> list[type]:
    found = [base]
    for sub in base.__subclasses__():
        found += _error_classes(sub)
    return found


def test_every_errors_default_advice_is_chinese_even_read_back_from_the_library(chinese) -> None:
    for kind in _error_classes(errors.DashScopeError):
        advice = str(kind.default_advice)  # as stored in a job's row: plain text
        assert _has_chinese(translated(advice)), (kind.__name__, advice)


@pytest.mark.parametrize(
    ("model", "options"),
    [
        ("paraformer-v2", TranscriptionOptions(channel_id=[0, 0])),
        ("paraformer-v2", TranscriptionOptions(speaker_count=4)),
        ("paraformer-v2", TranscriptionOptions(special_word_filter="not json")),
        ("fun-asr", TranscriptionOptions(speech_noise_threshold=1.5)),
        ("qwen3-asr-flash-filetrans", TranscriptionOptions(language="xx")),
        ("qwen3-asr-flash-filetrans", TranscriptionOptions(context_text="x" * 10_001)),
    ],
)
def test_refused_options_are_said_in_chinese(chinese, model, options) -> None:
    with pytest.raises(OptionRefused) as refused:
        options.to_parameters(model)
    text = translated(refused.value.message)
    assert _has_chinese(text), text
