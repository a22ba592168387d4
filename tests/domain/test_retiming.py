import pytest

from desktop.domain.editing import EditError, SentenceRef
from desktop.domain.retiming import (
    TimingRules,
    apply_timing_rules,
    shift,
    shift_from,
    stretch,
)
from desktop.domain.subtitle_presets import builtin
from desktop.domain.transcript import Channel, Sentence, Transcript, Word


def sentence(begin: int, end: int, text: str, channel: int = 0) -> Sentence:
    middle = (begin + end) // 2
    words = (Word(begin, middle, text + " "), Word(middle, end, "x"))
    return Sentence(begin, end, text + " x", words, channel_id=channel)


def transcript(*channels: list[Sentence]) -> Transcript:
    made = tuple(Channel(i, tuple(s)) for i, s in enumerate(channels))
    return Transcript("file:///talk.wav", made, duration_ms=60_000)


def times(t: Transcript, channel: int = 0) -> list[tuple[int, int]]:
    return [(s.begin_ms, s.end_ms) for s in t.channel(channel).sentences]


def test_shift_moves_every_sentence_and_word_or_only_the_chosen_ones():
    t = transcript([sentence(1000, 2000, "a"), sentence(3000, 4000, "b")])
    later = shift(t, 500)
    assert times(later) == [(1500, 2500), (3500, 4500)]
    assert [w.begin_ms for w in later.channel(0).sentences[1].words] == [3500, 4000]
    one = shift(t, -200, [SentenceRef(0, 1)])
    assert times(one) == [(1000, 2000), (2800, 3800)]


def test_shift_refuses_to_go_before_zero_and_says_how_far_it_can():
    t = transcript([sentence(1000, 2000, "a")])
    with pytest.raises(EditError, match=r"at most -1\.000 s"):
        shift(t, -1500)


def test_a_sentence_moved_past_its_neighbour_changes_place():
    t = transcript([sentence(1000, 2000, "a"), sentence(3000, 4000, "b")])
    moved = shift(t, 2500, [SentenceRef(0, 0)])
    assert [s.text for s in moved.channel(0).sentences] == ["b x", "a x"]


def test_set_start_here_shifts_that_sentence_and_everything_after_in_every_channel():
    t = transcript(
        [sentence(1000, 2000, "a"), sentence(5000, 6000, "b")],
        [sentence(2500, 3000, "c"), sentence(7000, 7500, "d")],
    )
    fixed = shift_from(t, SentenceRef(0, 1), 5600)
    assert times(fixed, 0) == [(1000, 2000), (5600, 6600)]
    assert times(fixed, 1) == [(2500, 3000), (7600, 8100)]


def test_stretch_maps_both_anchors_exactly_and_the_rest_linearly():
    t = transcript([sentence(10_000, 11_000, "a"), sentence(20_000, 21_000, "b"),
                    sentence(40_000, 41_000, "c")])  # fmt: skip
    # Drift: the media runs 1 % slow, so the right times are later and later.
    fixed = stretch(t, (10_000, 10_100), (40_000, 40_400))
    begins = [s.begin_ms for s in fixed.channel(0).sentences]
    assert begins[0] == 10_100 and begins[2] == 40_400
    assert begins[1] == 20_200  # a third of the way: a third of the extra 300 ms
    assert fixed.channel(0).sentences[2].end_ms == 41_410


def test_stretch_refuses_anchors_that_cannot_define_a_line():
    t = transcript([sentence(1000, 2000, "a")])
    with pytest.raises(EditError, match="different times"):
        stretch(t, (1000, 1000), (1000, 2000))
    with pytest.raises(EditError, match="swap"):
        stretch(t, (1000, 5000), (2000, 4000))


def test_timing_rules_lengthen_short_cues_close_small_gaps_and_open_tight_ones():
    t = transcript([
        sentence(1000, 1300, "short"),  # 300 ms: under 834, room until 3000
        sentence(3000, 4000, "close"),  # gap of 200 ms to the next: closed to 84 ms
        sentence(4200, 5000, "tight"),  # gap of 20 ms to the next: opened to 84 ms
        sentence(5020, 6000, "last"),
    ])  # fmt: skip
    rules = TimingRules.of_preset(builtin("netflix-en"), fps=24)
    assert rules == TimingRules(min_duration_ms=834, min_gap_ms=84, close_gaps_below_ms=500)
    fixed, changes = apply_timing_rules(t, rules)
    assert times(fixed) == [(1000, 1834), (3000, 4116), (4200, 4936), (5020, 6000)]
    assert [(c.ref.index, c.before, c.after, c.reason) for c in changes] == [
        (0, (1000, 1300), (1000, 1834), "minimum duration"),
        (1, (3000, 4000), (3000, 4116), "small gap closed"),
        (2, (4200, 5000), (4200, 4936), "minimum gap"),
    ]
    assert fixed.channel(0).sentences[2].words[-1].end_ms == 4936
    again, none = apply_timing_rules(fixed, rules)
    assert none == [] and again is fixed


def test_a_short_cue_grows_only_as_far_as_the_next_one_allows():
    t = transcript([sentence(1000, 1300, "a"), sentence(1500, 2500, "b")])
    fixed, changes = apply_timing_rules(t, TimingRules(min_duration_ms=834, min_gap_ms=84))
    assert times(fixed)[0] == (1000, 1416)
    assert changes[0].reason == "minimum duration"
