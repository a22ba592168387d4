"""Bilingual and target-only subtitles, read back by ffmpeg with exact times."""

from __future__ import annotations

import re
from pathlib import Path

import pysubs2
import pytest

from desktop.domain import subtitle_presets
from desktop.domain.rebreak import check_target, preset_for_language, rebreak
from desktop.domain.subtitle_presets import text_width
from desktop.domain.subtitles import Cue
from desktop.export.bilingual import (
    AssLayout,
    BilingualAssStyle,
    BilingualCue,
    export_translated,
    pair_cues,
    target_cues,
    to_bilingual_ass,
    to_bilingual_srt,
    to_bilingual_vtt,
)
from desktop.export.subtitle_formats import to_srt
from tests.helpers.subtitle_readers import read_with_ffmpeg

CUES = [
    BilingualCue(1_000, 3_250, ("欢迎收看节目",), ("Welcome to the show",)),
    BilingualCue(
        3_400, 6_020, ("今天我们讨论", "翻译的质量"), ("Today we discuss", "translation quality")
    ),
    BilingualCue(3_723_450, 3_725_990, ("最后一句",), ()),  # past one hour; not translated
]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_bilingual_srt_source_over_target_and_the_reverse(tmp_path):
    read = read_with_ffmpeg(write(tmp_path, "a.srt", to_bilingual_srt(CUES)))
    assert read == [
        (1_000, 3_250, "欢迎收看节目\nWelcome to the show"),
        (3_400, 6_020, "今天我们讨论\n翻译的质量\nToday we discuss\ntranslation quality"),
        (3_723_450, 3_725_990, "最后一句"),
    ]
    reverse = read_with_ffmpeg(write(tmp_path, "b.srt", to_bilingual_srt(CUES, target_first=True)))
    assert reverse[0] == (1_000, 3_250, "Welcome to the show\n欢迎收看节目")


def test_bilingual_vtt(tmp_path):
    read = read_with_ffmpeg(write(tmp_path, "a.vtt", to_bilingual_vtt(CUES, target_first=True)))
    assert [(s, e) for s, e, _ in read] == [(c.start_ms, c.end_ms) for c in CUES]
    assert read[1][2] == "Today we discuss\ntranslation quality\n今天我们讨论\n翻译的质量"


def test_target_only_keeps_untranslated_cues_in_the_source(tmp_path):
    cues = target_cues(CUES)
    read = read_with_ffmpeg(write(tmp_path, "en.srt", to_srt(cues)))
    assert [t for _, _, t in read] == [
        "Welcome to the show",
        "Today we discuss\ntranslation quality",
        "最后一句",
    ]
    assert len(target_cues(CUES, fallback_to_source=False)) == 2


def test_bilingual_ass_has_a_style_per_language_with_the_sizes_chosen(tmp_path):
    style = BilingualAssStyle(upper_size=60, lower_size=36)
    path = write(tmp_path, "a.ass", to_bilingual_ass(CUES, style, title="节目"))
    subs = pysubs2.load(str(path))
    assert subs.styles["Upper"].fontsize == 60 and subs.styles["Lower"].fontsize == 36
    assert subs.styles["Upper"].fontname == "Noto Sans CJK SC"  # source Chinese on top
    assert subs.styles["Lower"].fontname == "Arial"
    assert "{\\rLower}Welcome to the show" in subs[0].text
    read = read_with_ffmpeg(path)
    assert [(s, e) for s, e, _ in read] == [(c.start_ms, c.end_ms) for c in CUES]
    # ffmpeg's ASS decoder applies the lower style mid-event: its size and colour show.
    text = read[0][2]
    assert re.sub(r"<[^>]+>", "", text) == "欢迎收看节目\nWelcome to the show"
    assert 'size="60">欢迎收看节目' in text
    assert '<font size="36" color="#ffff00">Welcome to the show</font>' in text


def test_bilingual_ass_split_puts_one_language_at_the_top(tmp_path):
    style = BilingualAssStyle(layout=AssLayout.SPLIT, target_first=True)
    path = write(tmp_path, "b.ass", to_bilingual_ass(CUES, style))
    subs = pysubs2.load(str(path))
    assert subs.styles["Upper"].alignment == pysubs2.Alignment.TOP_CENTER
    assert subs.styles["Upper"].fontname == "Arial"  # the English target on top
    first = [e for e in subs if e.start == 1_000]
    assert {(e.style, e.text) for e in first} == {
        ("Upper", "Welcome to the show"),
        ("Lower", "欢迎收看节目"),
    }
    read = read_with_ffmpeg(path)
    assert sorted({(s, e) for s, e, _ in read}) == [(c.start_ms, c.end_ms) for c in CUES]


def test_sizes_out_of_range_are_refused():
    with pytest.raises(ValueError, match="upper_size must be between 8 and 200"):
        BilingualAssStyle(upper_size=2)


def test_rebreak_moves_the_break_to_the_best_place_for_the_english_preset():
    preset = preset_for_language("en")
    assert preset.max_chars == 42 and preset.max_cps == 20
    # The model kept the source's break, which leaves a 48-column first line.
    lines = ("We will talk about the quality of the translation", "today")
    new = rebreak(lines, preset)
    assert new == ("We will talk about the quality", "of the translation today")
    assert all(text_width(line, "columns") <= 42 for line in new)
    assert rebreak(("Short", "enough"), preset) == ("Short enough",)
    assert rebreak((), preset) == ()


def test_target_check_reports_lines_over_the_preset():
    preset = preset_for_language("en")
    long = BilingualCue(0, 2_000, ("很长的一句",), ("x" * 50,))
    problems = check_target(target_cues([long]), preset)
    assert "line-too-long" in {p.rule for p in problems}
    fixed = target_cues([BilingualCue(0, 2_000, (), rebreak(("A " * 25,), preset))])
    assert "line-too-long" not in {p.rule for p in check_target(fixed, preset)}
    assert preset_for_language("zh") == subtitle_presets.builtin("netflix-zh-hans")


def test_pairing_a_track_with_its_translations_rebreaks_for_the_target(tmp_path):
    track = [
        ("a", Cue(500, 2_500, ("我们今天要讨论", "翻译的质量"))),
        ("b", Cue(2_600, 4_000, ("谢谢",))),
        ("c", Cue(4_100, 5_000, ("被拒绝的一句",))),
    ]
    translations = {
        "a": "Today we are going to talk about the quality of the translation",
        "b": "Thank you",
        "c": None,
    }
    paired = pair_cues(track, translations, rebreak_for=preset_for_language("en"))
    assert paired[0].target == (
        "Today we are going to talk",
        "about the quality of the translation",
    )
    assert paired[1].target == ("Thank you",) and paired[2].target == ()
    read = read_with_ffmpeg(write(tmp_path, "p.srt", to_srt(target_cues(paired))))
    assert [(s, e) for s, e, _ in read] == [(500, 2_500), (2_600, 4_000), (4_100, 5_000)]


def test_export_translated_picks_the_writer(tmp_path):
    english = read_with_ffmpeg(
        write(tmp_path, "en.ass", export_translated(CUES, "ass", bilingual=False))
    )
    assert [re.sub(r"<[^>]+>", "", t) for _, _, t in english][:2] == [
        "Welcome to the show",
        "Today we discuss\ntranslation quality",
    ]
    both = export_translated(CUES, "vtt", bilingual=True, target_first=True)
    assert (
        read_with_ffmpeg(write(tmp_path, "b.vtt", both))[0][2]
        == "Welcome to the show\n欢迎收看节目"
    )
    with pytest.raises(ValueError, match="choose one of srt, vtt, ass"):
        export_translated(CUES, "docx", bilingual=True)
