"""Cutting cues by a preset: what a subtitle editor sees in the result."""

from __future__ import annotations

import pytest

from desktop.domain.subtitle_check import check, errors
from desktop.domain.subtitle_presets import builtin, text_width
from desktop.domain.subtitles import segment
from desktop.domain.transcript import Channel, Sentence, Transcript, Word


def english(text: str, start: int, word_ms: int = 250, speaker: int | None = None) -> Sentence:
    """A sentence whose words follow each other at ``word_ms`` each."""
    words = []
    clock = start
    for raw in text.split(" "):
        mark = raw[-1] if raw[-1] in ",.?!" else ""
        body = raw[:-1] if mark else raw
        words.append(
            Word(clock, clock + word_ms, body + ("" if mark else " "), mark + " " if mark else "")
        )
        clock += word_ms
    return Sentence(start, clock, text, tuple(words), speaker_id=speaker)


def chinese(text: str, start: int, char_ms: int = 200, speaker: int | None = None) -> Sentence:
    words = [Word(start + i * char_ms, start + (i + 1) * char_ms, c) for i, c in enumerate(text)]
    return Sentence(start, start + len(text) * char_ms, text, tuple(words), speaker_id=speaker)


def transcript(*sentences: Sentence, duration_ms: int | None = None) -> Transcript:
    return Transcript("file:///t.wav", (Channel(0, sentences),), duration_ms=duration_ms)


def test_a_line_breaks_after_punctuation_rather_than_between_plain_words() -> None:
    text = "When the meeting ended yesterday, everyone went home to rest a little."
    cue = segment(transcript(english(text, 0, 150)), builtin("netflix-en")).cues[0]
    assert cue.lines == (
        "When the meeting ended yesterday,",
        "everyone went home to rest a little.",
    )


def test_two_lines_are_balanced_and_never_end_on_an_article_or_preposition() -> None:
    text = "I think we should all go to the market and buy some fresh bread for the dinner"
    cue = segment(transcript(english(text, 0, 120)), builtin("netflix-en")).cues[0]
    # the even split would end the first line on "the"; the break moves before "and"
    assert cue.lines == (
        "I think we should all go to the market",
        "and buy some fresh bread for the dinner",
    )


def test_a_long_sentence_becomes_several_cues_within_the_limits() -> None:
    text = " ".join(["Customers in Hangzhou asked for better accuracy on long meetings."] * 4)
    preset = builtin("netflix-en")
    cues = segment(transcript(english(text, 0, 300)), preset).cues
    assert len(cues) >= 3
    for cue in cues:
        assert len(cue.lines) <= 2
        assert all(len(line) <= 42 for line in cue.lines)
        assert cue.end_ms - cue.start_ms <= 7000
    assert cues[0].lines[-1].endswith("meetings.")  # the first break falls at a sentence end


def test_east_asian_characters_count_by_the_presets_unit() -> None:
    sentence = chinese("我们今天讨论一下这个项目的进展然后看看下一步", 0, 300)  # 22 characters
    cue_en = segment(transcript(sentence), builtin("netflix-en")).cues[0]
    # 22 wide characters are 44 columns: more than 42, so two lines of 11
    assert [text_width(line, "columns") for line in cue_en.lines] == [22, 22]
    zh = segment(transcript(sentence), builtin("netflix-zh-hans")).cues
    assert [len(line) for cue in zh for line in cue.lines] in ([11, 11], [16, 6], [12, 10])
    ja = segment(transcript(sentence), builtin("netflix-ja")).cues
    assert all(len(line) <= 13 for cue in ja for line in cue.lines)


def test_cue_times_come_from_the_words() -> None:
    first = english("Hello there, my friend.", 1230, 200)
    second = english("How are you doing today?", 6000, 200)
    cues = segment(transcript(first, second), builtin("netflix-en")).cues
    assert [c.start_ms for c in cues] == [1230, 6000]
    assert cues[0].end_ms >= first.end_ms


def test_fast_speech_stays_up_longer_into_the_silence_but_never_over_the_next_cue() -> None:
    fast = english("This sentence is spoken far too quickly to read.", 0, 60)  # 0.54 s
    after = english("Then silence.", 4000)
    cues = segment(transcript(fast, after), builtin("netflix-en")).cues
    needed = len(cues[0].lines[0]) / 20 * 1000  # 20 characters per second
    assert cues[0].end_ms - cues[0].start_ms >= needed
    assert cues[0].end_ms <= cues[1].start_ms - 84


def test_the_minimum_gap_is_two_frames_of_the_media_frame_rate() -> None:
    one = english("First line of speech here.", 0, 300)
    two = english("Second line right after it.", one.end_ms, 300)
    for fps, frames_ms in ((None, 84), (25, 80), (60, 34)):
        cues = segment(transcript(one, two), builtin("netflix-en"), fps).cues
        assert cues[1].start_ms - cues[0].end_ms >= frames_ms


def test_bbc_closes_short_gaps_and_leaves_long_ones_of_at_least_a_second() -> None:
    sentences = (
        english("One thing first.", 0, 300),
        english("Then another.", 1500, 300),  # 0.6 s after the first ends
        english("Much later.", 6000, 300),
    )
    cues = segment(transcript(*sentences), builtin("bbc")).cues
    assert cues[1].start_ms - cues[0].end_ms == 0
    assert cues[2].start_ms - cues[1].end_ms >= 1000


def test_a_speaker_change_starts_a_new_cue() -> None:
    question = english("Are you coming?", 0, 300, speaker=0)
    answer = english("Yes I am.", 2500, 300, speaker=1)
    cues = segment(transcript(question, answer), builtin("netflix-en")).cues
    assert [c.speaker for c in cues] == ["Speaker 1", "Speaker 2"]


def test_two_quick_speakers_share_one_cue_with_dashes_where_the_preset_allows() -> None:
    question = english("Coming?", 0, 300, speaker=0)
    answer = english("In a minute.", 350, 200, speaker=1)
    later = english("Good.", 5000, 300, speaker=0)
    cues = segment(transcript(question, answer, later), builtin("netflix-en")).cues
    assert cues[0].lines == ("-Coming?", "-In a minute.")
    bbc = segment(transcript(question, answer, later), builtin("bbc")).cues
    assert [c.lines for c in bbc[:2]] == [("Coming?",), ("In a minute.",)]


def test_a_sentence_without_words_is_cut_at_estimated_times_inside_its_own_span() -> None:
    text = (
        "我们今天讨论一下这个项目的进展，然后看看下一步怎么安排。其实问题不大，主要是时间比较紧。"
    )
    sentence = Sentence(10_000, 22_000, text)  # SenseVoice: no word times
    cues = segment(transcript(sentence), builtin("netflix-zh-hans")).cues
    assert len(cues) >= 2
    assert cues[0].start_ms == 10_000
    assert all(10_000 <= c.start_ms < c.end_ms for c in cues)
    assert "".join("".join(c.lines) for c in cues) == text


def test_short_replies_get_the_minimum_duration_when_the_speech_leaves_room() -> None:
    reply = english("OK.", 1000, 200)
    more = english("Let us start the meeting now.", 1500, 250)
    preset = builtin("netflix-en")
    cut = segment(transcript(reply, more), preset)
    assert errors(check(cut.cues, preset, None, cut.notes)) == []
    assert all(c.end_ms - c.start_ms >= 834 for c in cut.cues)


def test_a_word_wider_than_a_line_is_reported_with_the_reason() -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    sentence = english(f"{word} is long.", 0, 400)
    preset = builtin("netflix-zh-hans")
    cut = segment(transcript(sentence), preset)
    problems = errors(check(cut.cues, preset, None, cut.notes))
    assert [v.rule for v in problems] == ["line-too-long"]
    assert word in (problems[0].reason or "")


@pytest.mark.parametrize("preset_id", ["netflix-en", "bbc", "vertical"])
def test_the_preview_limit_cuts_only_the_first_sentences(preset_id: str) -> None:
    many = [english(f"Sentence number {n} is here.", n * 3000, 250) for n in range(50)]
    cut = segment(transcript(*many), builtin(preset_id), limit=5)
    assert len(cut.cues) == 5


def test_the_sentence_preset_keeps_one_cue_per_sentence() -> None:
    text = " ".join(["A very long sentence that goes on and on."] * 5)
    cues = segment(transcript(english(text, 0, 100)), builtin("sentence")).cues
    assert len(cues) == 1 and cues[0].lines == (text,)
