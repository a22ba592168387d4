"""Edit operations: each returns a new transcript and leaves its input unchanged."""

from __future__ import annotations

import pytest

from desktop.domain import editing
from desktop.domain.editing import EditError, SentenceRef, TextQuery
from desktop.domain.transcript import Channel, Sentence, Transcript, Word


def words_of(text_times: list[tuple[str, int, int]]) -> tuple[Word, ...]:
    return tuple(Word(b, e, t) for t, b, e in text_times)


def sentence(words: tuple[Word, ...], **kw) -> Sentence:
    return Sentence(
        begin_ms=words[0].begin_ms,
        end_ms=words[-1].end_ms,
        text="".join(w.display for w in words).strip(),
        words=words,
        **kw,
    )


@pytest.fixture
def transcript() -> Transcript:
    first = sentence(
        words_of([("Good ", 0, 400), ("morning ", 400, 900), ("everyone", 900, 1500)]),
        speaker_id=0,
        sentence_id=1,
    )
    second = sentence(
        words_of([("我们", 2000, 2400), ("开始", 2400, 2900), ("开会", 2900, 3600)]),
        speaker_id=1,
        emotion="HAPPY",
    )
    third = Sentence(4000, 6000, "[music]", events=("BGM",))  # no word times (SenseVoice)
    other = sentence(words_of([("Okay", 1000, 1800)]), channel_id=1)
    return Transcript(
        file_url="file:///talk.wav",
        channels=(Channel(0, (first, second, third)), Channel(1, (other,))),
    )


REF0 = SentenceRef(0, 0)
REF1 = SentenceRef(0, 1)


def test_edit_text_keeps_untouched_word_times(transcript):
    edited = editing.edit_text(transcript, REF0, "Good morning, dear everyone!")
    s = editing.sentence_at(edited, REF0)
    assert s.text == "Good morning, dear everyone!"
    spans = {w.text.strip(): (w.begin_ms, w.end_ms) for w in s.words}
    assert spans["Good"] == (0, 400)
    assert spans["morning"] == (400, 900)
    assert spans["everyone"] == (900, 1500)
    assert spans["dear"] == (900, 900)  # no gap between neighbours: it starts where the next does
    assert editing.sentence_at(transcript, REF0).text == "Good morning everyone"  # input unchanged


def test_edit_text_cleans_line_breaks_and_ignores_no_change(transcript):
    assert editing.edit_text(transcript, REF0, "Good morning everyone") is transcript
    edited = editing.edit_text(transcript, REF0, "Good\nmorning\teveryone")
    assert editing.sentence_at(edited, REF0).text == "Good morning everyone"


def test_edit_text_of_sentence_without_words_changes_text_only(transcript):
    edited = editing.edit_text(transcript, SentenceRef(0, 2), "[music plays]")
    s = editing.sentence_at(edited, SentenceRef(0, 2))
    assert (s.text, s.words, s.begin_ms, s.end_ms) == ("[music plays]", (), 4000, 6000)


def test_split_before_word_and_merge_back(transcript):
    split = editing.split_before_word(transcript, REF0, 2)
    first, second = split.channel(0).sentences[:2]
    assert (first.text, first.begin_ms, first.end_ms) == ("Good morning", 0, 900)
    assert (second.text, second.begin_ms, second.end_ms) == ("everyone", 900, 1500)
    assert [w.display for w in first.words] == ["Good ", "morning"]
    assert second.speaker_id == first.speaker_id == 0
    assert len(split.channel(0).sentences) == 4

    merged = editing.merge_with_next(split, REF0)
    again = merged.channel(0).sentences[0]
    assert again.text == "Good morning everyone"
    assert [(w.begin_ms, w.end_ms) for w in again.words] == [(0, 400), (400, 900), (900, 1500)]
    assert "".join(w.display for w in again.words) == again.text


def test_split_inside_a_chinese_word_shares_its_time(transcript):
    # "我们开始开会": cursor after "我们开" cuts the word 开始 (2400–2900) in half.
    split = editing.split_sentence(transcript, REF1, 3)
    first, second = split.channel(0).sentences[1:3]
    assert (first.text, second.text) == ("我们开", "始开会")
    assert first.words[-1] == Word(2400, 2650, "开")
    assert second.words[0] == Word(2650, 2900, "始")
    assert (first.end_ms, second.begin_ms) == (2650, 2650)


def test_split_without_words_interpolates_by_characters(transcript):
    split = editing.split_sentence(transcript, SentenceRef(0, 2), 4)  # "[mus|ic]"
    first, second = split.channel(0).sentences[2:4]
    assert (first.text, second.text) == ("[mus", "ic]")
    assert first.end_ms == second.begin_ms == 4000 + 2000 * 4 // 7
    assert second.events == ("BGM",)


def test_split_at_the_edge_is_refused(transcript):
    with pytest.raises(EditError, match="between two words"):
        editing.split_sentence(transcript, REF0, 0)


def test_merge_last_sentence_is_refused(transcript):
    with pytest.raises(EditError, match="no next sentence"):
        editing.merge_with_next(transcript, SentenceRef(1, 0))


def test_merge_chinese_without_space_and_keeps_labels(transcript):
    merged = editing.merge_with_next(transcript, REF1)
    s = merged.channel(0).sentences[1]
    assert s.text == "我们开始开会[music]"
    assert (s.begin_ms, s.end_ms, s.emotion, s.events) == (2000, 6000, "HAPPY", ("BGM",))


def test_set_times_clamps_words_and_keeps_order(transcript):
    moved = editing.set_times(transcript, REF0, 500, 1200)
    s = moved.channel(0).sentences[0]
    assert [(w.begin_ms, w.end_ms) for w in s.words] == [(500, 500), (500, 900), (900, 1200)]
    later = editing.set_times(transcript, REF0, 3000, 3500)
    assert [x.text for x in later.channel(0).sentences] == [
        "我们开始开会",
        "Good morning everyone",
        "[music]",
    ]
    with pytest.raises(EditError):
        editing.set_times(transcript, REF0, 900, 800)


def test_nudge_moves_by_milliseconds_and_stops_at_zero(transcript):
    nudged = editing.nudge(transcript, REF1, start_ms=-100, end_ms=100)
    s = editing.sentence_at(nudged, REF1)
    assert (s.begin_ms, s.end_ms) == (1900, 3700)
    at_zero = editing.nudge(transcript, REF0, start_ms=-100)
    assert editing.sentence_at(at_zero, REF0).begin_ms == 0


def test_rename_speaker_everywhere_and_back(transcript):
    named = editing.rename_speaker(transcript, 0, 1, "  Li Wei ")
    assert named.speaker_label(editing.sentence_at(named, REF1)) == "Li Wei"
    assert named.speaker_label(editing.sentence_at(named, REF0)) == "Speaker 1 (channel 0)"
    renamed = editing.rename_speaker(named, 0, 1, "Wei")
    assert [n.name for n in renamed.speaker_names] == ["Wei"]
    cleared = editing.rename_speaker(renamed, 0, 1, "")
    assert cleared.speaker_names == ()


def test_set_speaker_and_speaker_ids(transcript):
    moved = editing.set_speaker(transcript, REF0, 1)
    assert editing.sentence_at(moved, REF0).speaker_id == 1
    assert editing.speaker_ids(transcript, 0) == [0, 1]
    assert editing.speaker_ids(editing.rename_speaker(transcript, 0, 5, "Guest"), 0) == [0, 1, 5]


def test_reviewed_and_next_unreviewed(transcript):
    marked = editing.set_reviewed(transcript, REF1, True)
    sentences = marked.channel(0).sentences
    assert sentences[1].reviewed
    assert editing.next_unreviewed(sentences, 0) == 2
    everything = marked
    for i in range(3):
        everything = editing.set_reviewed(everything, SentenceRef(0, i), True)
    assert editing.next_unreviewed(everything.channel(0).sentences, 0) is None


def test_find_case_whole_word_and_regex(transcript):
    assert len(editing.find_all(transcript, TextQuery("good"))) == 1
    assert editing.find_all(transcript, TextQuery("good", match_case=True)) == []
    assert editing.find_all(transcript, TextQuery("one", whole_word=True)) == []
    assert len(editing.find_all(transcript, TextQuery("one"))) == 1
    hits = editing.find_all(transcript, TextQuery("开.", regex=True))
    assert [(h.ref, h.start, h.end) for h in hits] == [(REF1, 2, 4), (REF1, 4, 6)]
    # Whole word needs no spaces around Chinese.
    assert len(editing.find_all(transcript, TextQuery("开会", whole_word=True))) == 1
    with pytest.raises(EditError, match="regular expression"):
        editing.find_all(transcript, TextQuery("(", regex=True))


def test_replace_all_retimes_only_changed_words(transcript):
    replaced, count = editing.replace_all(transcript, TextQuery("morning"), "evening")
    assert count == 1
    s = editing.sentence_at(replaced, REF0)
    assert s.text == "Good evening everyone"
    assert [(w.begin_ms, w.end_ms) for w in s.words] == [(0, 400), (400, 900), (900, 1500)]
    regex, n = editing.replace_all(transcript, TextQuery(r"(\w+)ing", regex=True), r"[\1]")
    assert n == 1
    assert editing.sentence_at(regex, REF0).text == "Good [morn] everyone"


def test_replace_one_match(transcript):
    query = TextQuery("开")
    first = editing.find_all(transcript, query)[0]
    replaced = editing.replace_match(transcript, first, query, "召")
    assert editing.sentence_at(replaced, REF1).text == "我们召始开会"
    with pytest.raises(EditError, match="search again"):
        editing.replace_match(replaced, editing.TextMatch(REF1, 2, 3), query, "x")


def test_ordered_refs_merges_channels_by_time(transcript):
    merged = [s.text for _, s in editing.ordered_refs(transcript)]
    assert merged == ["Good morning everyone", "Okay", "我们开始开会", "[music]"]
    assert [r for r, _ in editing.ordered_refs(transcript, 1)] == [SentenceRef(1, 0)]
