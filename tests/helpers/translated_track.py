"""A Chinese interview item with a Netflix cue track, ready to translate in the app tests."""

from __future__ import annotations

from desktop.domain.cue_track import cut_track
from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from desktop.formats.result_file import encode_result
from desktop.store.library import Library
from desktop.store.subtitle_profiles import find_preset

TRACK = "字幕"
PHRASES = ("欢迎收看今天的节目", "我们先看一下数据", "这个功能非常好用", "谢谢大家的收听")


def item_with_track(count: int) -> tuple[int, int]:
    """An item of ``count`` sentences (one character a word) and its track "字幕":
    (item id, track id), in the library of ``TINGXIE_HOME``."""
    sentences = []
    for i in range(count):
        text = f"{PHRASES[i % 4]}第{i + 1}句。"
        begin, step = 500 + i * 2_500, 2_000 // len(text)
        words = tuple(
            Word(begin + j * step, begin + (j + 1) * step, ch) for j, ch in enumerate(text)
        )
        sentences.append(Sentence(begin, words[-1].end_ms, text, words))
    talk = Transcript("file:///talk.mp4", (Channel(0, tuple(sentences)),))
    with Library.open() as library:
        item = library.add_item(
            raw=encode_result(talk), source="talk.json", transcript=talk, title="访谈"
        )
        track = cut_track(talk, find_preset("netflix-zh-hans"), TRACK)
        return item, library.tracks.create(item, track)
