from __future__ import annotations

from desktop.domain.sensevoice_tags import join_tags, split_tags
from tests.helpers.results import load


def test_emotion_and_events_become_labels_and_the_text_is_clean() -> None:
    tagged = split_tags("<|Speech|> Senior staff, classmates. <|/Speech|> <|ANGRY|>")
    assert tagged.text == "Senior staff, classmates."
    assert tagged.emotion == "ANGRY"
    assert tagged.events == ("Speech",)
    assert tagged.tags == ()


def test_nested_events_unknown_tags_and_no_doubled_spaces() -> None:
    tagged = split_tags(
        "<|BGM|> <|Applause|><|Laughter|> 谢谢  大家 <|/Laughter|><|/Applause|> <|/BGM|>"
        " <|HAPPY|> <|Whistle|>"
    )
    assert tagged.text == "谢谢 大家"
    assert tagged.emotion == "HAPPY"
    assert tagged.events == ("BGM", "Applause", "Laughter")
    assert tagged.tags == ("Whistle",)


def test_no_emotion_placeholder_is_not_a_label() -> None:
    tagged = split_tags("<|Speech|> fine <|/Speech|> <|SPECIAL_TOKEN_1|>")
    assert tagged.emotion is None
    assert tagged.text == "fine"


def test_text_without_tags_is_returned_unchanged_even_with_double_spaces() -> None:
    assert split_tags("a  b <c> |x|").text == "a  b <c> |x|"


def test_sensevoice_result_sentences_carry_labels_and_keep_raw_text() -> None:
    transcript = load("sensevoice_tags")
    first, laughter, last = transcript.channels[0].sentences  # sorted by time on parse
    assert first.emotion == "ANGRY" and first.labels == ("ANGRY", "Speech")
    assert first.raw_text is not None and first.raw_text.startswith("<|Speech|>")
    assert laughter.text == "谢谢大家"
    assert set(laughter.labels) == {"HAPPY", "BGM", "Applause", "Laughter", "Whistle"}
    assert last.emotion is None
    assert not any("<|" in s.text for s in transcript.channels[0].sentences)


def test_labels_written_back_in_tagged_form_parse_to_the_same_labels() -> None:
    raw = join_tags("hello there", "SAD", ("Speech", "BGM"), ("zh",))
    again = split_tags(raw)
    assert (again.text, again.emotion, again.events, again.tags) == (
        "hello there",
        "SAD",
        ("Speech", "BGM"),
        ("zh",),
    )
