from __future__ import annotations

from desktop.domain.transcript import (
    Channel,
    Sentence,
    SpeakerName,
    Transcript,
    Word,
    is_wide,
    join_texts,
)
from tests.helpers.results import load


def test_paraformer_result_keeps_words_with_their_spaces_and_punctuation() -> None:
    transcript = load("paraformer_zh_en")
    sentence = transcript.channels[0].sentences[0]
    assert sentence.text == "Hello world, 这里是阿里巴巴语音实验室。"
    assert sentence.words[0] == Word(100, 596, "Hello ", "")
    assert sentence.words[1] == Word(596, 844, "world", ", ")
    assert "".join(w.display for w in sentence.words) == sentence.text
    assert (sentence.begin_ms, sentence.end_ms, sentence.sentence_id) == (100, 3820, 1)
    assert transcript.sampling_rate == 16000
    assert transcript.duration_ms == 3834


def test_merged_view_orders_sentences_of_both_channels_by_time() -> None:
    transcript = load("two_channels")
    merged = transcript.merged_sentences()
    assert [(s.channel_id, s.begin_ms) for s in merged] == [
        (0, 200),
        (1, 2200),
        (0, 4000),
        (1, 5000),
    ]
    # The channels themselves stay separate and in channel order.
    assert [c.channel_id for c in transcript.channels] == [0, 1]
    assert transcript.source_channels == (0, 1)


def test_channels_are_speakers_in_a_stereo_call_without_diarization() -> None:
    transcript = load("two_channels")
    labels = [transcript.speaker_label(s) for s in transcript.merged_sentences()]
    assert labels == ["Channel 0", "Channel 1", "Channel 0", "Channel 1"]


def test_diarized_speakers_are_numbered_from_one_and_can_be_named() -> None:
    transcript = load("diarization")
    first, second = transcript.channels[0].sentences[:2]
    assert transcript.has_speakers
    assert transcript.speaker_label(first) == "Speaker 1"
    assert transcript.speaker_label(second) == "Speaker 2"
    named = Transcript(
        file_url=transcript.file_url,
        channels=transcript.channels,
        speaker_names=(SpeakerName(0, 0, "Interviewer"),),
    )
    assert named.speaker_label(first) == "Interviewer"
    assert named.speaker_label(second) == "Speaker 2"


def test_single_channel_without_diarization_has_no_speaker() -> None:
    transcript = load("paraformer_zh_en")
    assert not transcript.has_speakers
    assert transcript.speaker_label(transcript.channels[0].sentences[0]) is None


def test_end_falls_back_to_the_last_sentence_when_the_duration_is_unknown() -> None:
    sentence = Sentence(0, 2500, "hi")
    transcript = Transcript("u", (Channel(0, (sentence,)),))
    assert transcript.end_ms == 2500
    assert Transcript("u").end_ms == 0


def test_channel_text_joins_chinese_without_spaces_and_english_with_one() -> None:
    assert join_texts(["你好。", "再见。"]) == "你好。再见。"
    assert join_texts(["Hello.", "Bye."]) == "Hello. Bye."
    assert join_texts(["Hello.", "你好。", "OK"]) == "Hello.你好。OK"
    assert join_texts(["Trailing ", "space"]) == "Trailing space"


def test_wide_characters_cover_cjk_kana_hangul_and_full_width_forms() -> None:
    assert all(is_wide(c) for c in "中文かなカナ한글，。！Ａ𠀀")
    assert not any(is_wide(c) for c in "Aé1 ,.-ßЖ")
