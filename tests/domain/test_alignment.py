"""Re-timing words after a text edit: untouched words keep their measured times."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.alignment import retime_words
from desktop.domain.transcript import Word

MIXED = (
    Word(100, 596, "Hello "),
    Word(596, 844, "world", ", "),
    Word(844, 1360, "这里是"),
    Word(1360, 2280, "阿里巴巴"),
    Word(2280, 2900, "语音"),
    Word(2900, 3820, "实验室", "。"),
)


def times(words: tuple[Word, ...]) -> dict[str, tuple[int, int]]:
    return {w.text.strip(): (w.begin_ms, w.end_ms) for w in words}


def test_unchanged_text_gives_back_the_same_words():
    text = "".join(w.display for w in MIXED)
    assert retime_words(MIXED, text, 100, 3820) == MIXED


def test_fixing_an_english_word_keeps_every_other_time_and_gives_it_the_old_span():
    words = retime_words(MIXED, "Hello word, 这里是阿里巴巴语音实验室。", 100, 3820)
    got = times(words)
    assert got["Hello"] == (100, 596)
    assert got["word"] == (596, 844)  # the misheard word's own span
    assert got["这里是"] == (844, 1360)
    assert got["实验室"] == (2900, 3820)


def test_chinese_insertion_without_spaces_keeps_neighbours():
    words = retime_words(MIXED, "Hello world, 这里是阿里巴巴集团语音实验室。", 100, 3820)
    got = times(words)
    assert got["阿里巴巴"] == (1360, 2280)
    assert got["语音"] == (2280, 2900)
    assert "集团" in got  # the inserted word is one word, timed between its neighbours
    begin, end = got["集团"]
    assert 2280 <= begin <= end <= 2280


def test_changed_chinese_word_is_interpolated_inside_its_old_span():
    words = retime_words(MIXED, "Hello world, 这里是阿里语音实验室。", 100, 3820)
    got = times(words)
    assert got["阿里"] == (1360, 2280)
    assert got["语音"] == (2280, 2900)


def test_two_new_words_share_the_gap_by_length():
    old = (Word(0, 1000, "a "), Word(1000, 2000, "xxxx "), Word(2000, 3000, "b"))
    words = retime_words(old, "a yy zzzzzz b", 0, 3000)
    assert [(w.text, w.begin_ms, w.end_ms) for w in words] == [
        ("a ", 0, 1000),
        ("yy ", 1000, 1250),
        ("zzzzzz ", 1250, 2000),
        ("b", 2000, 3000),
    ]


def test_punctuation_changes_do_not_retime_words():
    words = retime_words(MIXED, "Hello, world! 这里是阿里巴巴语音实验室", 100, 3820)
    assert [(w.begin_ms, w.end_ms) for w in words] == [(w.begin_ms, w.end_ms) for w in MIXED]
    assert words[0].punctuation == ", "
    assert words[1].punctuation == "! "


def test_repeated_words_keep_their_own_times():
    old = (
        Word(0, 100, "the "),
        Word(100, 200, "cat "),
        Word(200, 300, "the "),
        Word(300, 400, "dog"),
    )
    words = retime_words(old, "the big cat the dog", 0, 400)
    assert [(w.text.strip(), w.begin_ms) for w in words] == [
        ("the", 0),
        ("big", 100),
        ("cat", 100),
        ("the", 200),
        ("dog", 300),
    ]


def test_empty_text_has_no_words():
    assert retime_words(MIXED, "", 100, 3820) == ()
    assert retime_words(MIXED, " 。", 100, 3820) == ()


vocabulary = st.sampled_from(["Hello", "world", "这里是", "阿里巴巴", "语音", "cat", "的", "x"])
separators = st.sampled_from([" ", ", ", "", "。", "! "])


@settings(max_examples=300)
@given(
    st.lists(st.tuples(vocabulary, separators), min_size=1, max_size=8),
    st.lists(st.tuples(vocabulary, separators), min_size=0, max_size=8),
    st.integers(min_value=0, max_value=7),
)
def test_any_edit_keeps_text_order_and_bounds(old_parts, inserted, at):
    step = 250
    old = tuple(
        Word(i * step, (i + 1) * step, text + (" " if sep == " " else ""), sep.strip() and sep)
        for i, (text, sep) in enumerate(old_parts)
    )
    old_text = "".join(w.display for w in old)
    cut = min(at, len(old))
    prefix = "".join(w.display for w in old[:cut])
    new_text = prefix + "".join(t + s for t, s in inserted) + old_text[len(prefix) :]
    end = len(old) * step
    words = retime_words(old, new_text, 0, end)
    assert "".join(w.display for w in words) == new_text
    assert all(0 <= w.begin_ms <= w.end_ms <= end for w in words)
    assert all(a.begin_ms <= b.begin_ms for a, b in itertools.pairwise(words))
    # Appending text never moves the words before the insertion point.
    if not inserted:
        assert [(w.begin_ms, w.end_ms) for w in words] == [(w.begin_ms, w.end_ms) for w in old]
