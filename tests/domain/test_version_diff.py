import random
from difflib import SequenceMatcher

import pytest

from desktop.domain.transcript import Channel, Sentence, Transcript, Word
from desktop.domain.version_diff import compare, take_all_right, take_right, windowed_opcodes


def english(*texts: str, start: int = 0) -> list[Sentence]:
    """Sentences whose words are timed 500 ms apiece, one after another."""
    sentences, clock = [], start
    for text in texts:
        parts = text.split(" ")
        words = tuple(
            Word(clock + i * 500, clock + i * 500 + 400, p + ("" if i == len(parts) - 1 else " "))
            for i, p in enumerate(parts)
        )
        sentences.append(Sentence(clock, clock + len(parts) * 500 - 100, text, words))
        clock += len(parts) * 500 + 500
    return sentences


def version(*sentences_per_channel: list[Sentence]) -> Transcript:
    channels = tuple(Channel(i, tuple(s)) for i, s in enumerate(sentences_per_channel))
    return Transcript("file:///talk.wav", channels)


def test_a_corrected_word_is_one_change_and_taking_it_keeps_the_other_words_times():
    left = version(english("hello word again", "this is a test"))
    right = version(english("hello world again", "this is a test"))
    diff = compare(left, right)
    assert [(h.kind, h.left_text, h.right_text) for h in diff.hunks] == [
        ("replace", "word", "world")
    ]
    assert 0.8 < diff.similarity() < 1
    taken = take_right(left, diff, diff.hunks[0])
    sentence = taken.channels[0].sentences[0]
    assert sentence.text == "hello world again"
    before = left.channels[0].sentences[0].words
    assert (sentence.words[0], sentence.words[2]) == (before[0], before[2])
    assert compare(taken, right).hunks == []


def test_sentence_boundaries_do_not_count_only_words_do():
    left = version(english("hello world again this is a test"))
    right = version(english("hello world again", "this is a test"))
    assert compare(left, right).hunks == []


def test_insertions_and_deletions_are_taken_with_the_right_spacing():
    left = version(english("we will meet on friday", "see you"))
    right = version(english("we meet on friday morning", "see you"))
    diff = compare(left, right)
    assert [(h.kind, h.left_text, h.right_text) for h in diff.hunks] == [
        ("delete", "will", ""),
        ("insert", "", "morning"),
    ]
    assert take_all_right(left, right).channels[0].sentences[0].text == (
        "we meet on friday morning"
    )
    only_insert = take_right(left, diff, diff.hunks[1])
    assert only_insert.channels[0].sentences[0].text == "we will meet on friday morning"


def test_chinese_is_compared_character_by_character():
    left = version([Sentence(0, 2000, "今天天汽很好。")])
    right = version([Sentence(0, 2000, "今天天气很好！")])
    diff = compare(left, right)
    assert [(h.left_text, h.right_text) for h in diff.hunks] == [("汽", "气"), ("。", "！")]
    assert take_all_right(left, right).channels[0].sentences[0].text == "今天天气很好！"


def test_a_change_spanning_two_left_sentences_lands_in_the_first():
    left = version(english("it was a good", "day for us"))
    right = version(english("it was a great night for us"))
    diff = compare(left, right)
    assert [(h.left_text, h.right_text) for h in diff.hunks] == [("good day", "great night")]
    taken = take_right(left, diff, diff.hunks[0])
    assert [s.text for s in taken.channels[0].sentences] == ["it was a great night", "for us"]


@pytest.mark.parametrize("seed", range(5))
def test_comparing_a_window_at_a_time_finds_as_few_changes_as_comparing_all_at_once(seed):
    rng = random.Random(seed)
    words = [f"w{rng.randrange(400)}" for _ in range(3000)]
    other = []
    for word in words:
        roll = rng.random()
        if roll < 0.03:
            other.append(f"x{rng.randrange(400)}")  # replaced
        elif roll < 0.05:
            continue  # deleted
        elif roll < 0.07:
            other += [word, f"y{rng.randrange(400)}"]  # inserted after
        else:
            other.append(word)
    windowed = windowed_opcodes(words, other, window=200)
    # The opcodes rebuild the other version from this one, in order, with no gap.
    rebuilt, i, j = [], 0, 0
    for tag, i1, i2, j1, j2 in windowed:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert words[i1:i2] == other[j1:j2]
        rebuilt += other[j1:j2]
        i, j = i2, j2
    assert rebuilt == other and (i, j) == (len(words), len(other))
    changed = sum(i2 - i1 + j2 - j1 for tag, i1, i2, j1, j2 in windowed if tag != "equal")
    whole = SequenceMatcher(None, words, other, autojunk=False).get_opcodes()
    best = sum(i2 - i1 + j2 - j1 for tag, i1, i2, j1, j2 in whole if tag != "equal")
    assert changed <= best * 1.05
