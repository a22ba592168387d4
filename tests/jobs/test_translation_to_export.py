"""The issue's path without the UI: translate a track, fix two translations, export, read back.

The emulator runs as its own process; the files are read by ffmpeg. This is
what ``tingxie translate`` and ``tingxie export --bilingual`` will call once
tracks exist (the cues here stand in for a track's).
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from desktop.domain.rebreak import preset_for_language
from desktop.domain.subtitles import Cue
from desktop.domain.translation import SourceCue, flat_text
from desktop.export.bilingual import BilingualAssStyle, export_translated, pair_cues
from desktop.jobs.translation import translate_cues
from desktop.store.database import connect
from desktop.store.translations import SqliteTranslationStore
from tests.fake_dashscope.process import EmulatorProcess
from tests.fake_dashscope.pseudo import source_of
from tests.helpers.subtitle_readers import read_with_ffmpeg

pytestmark = pytest.mark.slow

TRACK = [
    (f"k{i}", Cue(i * 2_500 + 40, i * 2_500 + 2_310, lines))
    for i, lines in enumerate(
        [("欢迎收看", "今天的节目"), ("我们先看数据",), ("这个功能很好",), ("谢谢大家",)] * 5
    )
]


def test_translate_fix_two_and_export_bilingual_ass_and_english_srt(tmp_path: Path):
    conn = connect(tmp_path / "library.sqlite")
    store = SqliteTranslationStore(conn, 3, "en")
    sources = [SourceCue(key, "\n".join(cue.lines)) for key, cue in TRACK]
    with EmulatorProcess() as emulator:
        outcome = asyncio.run(
            translate_cues(
                store, sources, endpoint=emulator.base_url, api_key=emulator.api_key,
                target="en", title="节目",
            )
        )  # fmt: skip
    assert outcome.translated == len(TRACK)
    store.set_text("k0", sources[0].text, "Welcome to\ntoday's show")
    store.set_text("k3", sources[3].text, "Thank you all")
    texts = {key: row.text for key, row in store.all().items()}
    paired = pair_cues(TRACK, texts, rebreak_for=preset_for_language("en"))

    ass = tmp_path / "both.ass"
    ass.write_bytes(
        export_translated(paired, "ass", bilingual=True, style=BilingualAssStyle(lower_size=42))
    )
    srt = tmp_path / "en.srt"
    srt.write_bytes(export_translated(paired, "srt", bilingual=False))
    times = [(cue.start_ms, cue.end_ms) for _, cue in TRACK]
    english = read_with_ffmpeg(srt)
    assert [(s, e) for s, e, _ in english] == times
    assert english[0][2] == "Welcome to today's show"  # re-broken: it fits on one line
    assert english[3][2] == "Thank you all"
    for (_, _, text), source in zip(english[4:], sources[4:], strict=True):
        assert source_of(text.replace("\n", " ")) == flat_text(source.text)
    both = read_with_ffmpeg(ass)
    assert [(s, e) for s, e, _ in both] == times  # whole centiseconds, as ASS stores them
    assert re.sub(r"<[^>]+>", "", both[3][2]) == "谢谢大家\nThank you all"
    conn.close()
