"""Submit options: what each model is sent, and what is refused before any request."""

from __future__ import annotations

import json

import pytest

from desktop.dashscope.errors import OptionRefused
from desktop.dashscope.options import SpecialWordFilter, TranscriptionOptions
from desktop.domain import catalog
from desktop.domain.catalog import Region


def test_unset_options_are_not_sent():
    assert TranscriptionOptions().to_parameters("paraformer-v2") == {}


def test_every_paraformer_v2_option_reaches_the_wire():
    options = TranscriptionOptions(
        channel_id=(0, 1),
        language_hints=["zh", "en"],
        vocabulary_id="vocab-demo-0123",
        diarization_enabled=True,
        speaker_count=3,
        disfluency_removal_enabled=True,
        timestamp_alignment_enabled=False,
        special_word_filter=SpecialWordFilter(mask_words=("测试",), delete_words=("开始",)),
    )
    params = options.to_parameters("paraformer-v2")
    assert params["channel_id"] == [0, 1]
    assert params["language_hints"] == ["zh", "en"]
    assert params["vocabulary_id"] == "vocab-demo-0123"
    assert params["diarization_enabled"] is True
    assert params["speaker_count"] == 3
    assert params["disfluency_removal_enabled"] is True
    assert params["timestamp_alignment_enabled"] is False
    # The service wants the filter as JSON text, not as an object.
    assert json.loads(params["special_word_filter"]) == {
        "filter_with_signed": {"word_list": ["测试"]},
        "filter_with_empty": {"word_list": ["开始"]},
        "system_reserved_filter": True,
    }


def test_phrase_hot_words_go_to_top_level_resources():
    options = TranscriptionOptions(phrase_id="phrase-1")
    assert options.to_parameters("paraformer-v1") == {}
    assert options.to_resources() == [{"resource_id": "phrase-1", "resource_type": "asr_phrase"}]


@pytest.mark.parametrize(
    ("model", "options", "named"),
    [
        ("paraformer-8k-v2", TranscriptionOptions(language_hints=["zh"]), "language_hints"),
        ("sensevoice-v1", TranscriptionOptions(diarization_enabled=True), "diarization_enabled"),
        ("sensevoice-v1", TranscriptionOptions(vocabulary_id="vocab-x-1"), "vocabulary_id"),
        ("fun-asr", TranscriptionOptions(timestamp_alignment_enabled=True), "timestamp_alignment"),
        ("fun-asr", TranscriptionOptions(disfluency_removal_enabled=True), "disfluency_removal"),
        ("paraformer-v2", TranscriptionOptions(phrase_id="p"), "resources"),
        ("paraformer-v1", TranscriptionOptions(vocabulary_id="vocab-x-1"), "vocabulary_id"),
    ],
)
def test_an_option_the_model_does_not_take_is_refused_by_name(model, options, named):
    with pytest.raises(OptionRefused) as caught:
        options.to_parameters(model)
    assert named in str(caught.value)
    assert model in str(caught.value)
    assert caught.value.advice


@pytest.mark.parametrize(
    ("model", "options", "words"),
    [
        ("paraformer-v2", TranscriptionOptions(language_hints=["es"]), "'es'"),
        ("fun-asr", TranscriptionOptions(language_hints=["zh", "en"]), "the limit is 1"),
        ("sensevoice-v1", TranscriptionOptions(language_hints=["zh", "en"]), "the limit is 1"),
        ("paraformer-v2", TranscriptionOptions(language_hints="zh"), "list"),
        ("paraformer-v2", TranscriptionOptions(language_hints=[]), "empty"),
        (
            "paraformer-v2",
            TranscriptionOptions(diarization_enabled=True, speaker_count=1),
            "2 to 100",
        ),
        (
            "paraformer-v2",
            TranscriptionOptions(diarization_enabled=True, speaker_count=101),
            "2 to 100",
        ),
        ("paraformer-v2", TranscriptionOptions(speaker_count=4), "diarization_enabled"),
        ("paraformer-v2", TranscriptionOptions(channel_id=[]), "channel_id"),
        ("paraformer-v2", TranscriptionOptions(channel_id=[-1]), "channel_id"),
        ("paraformer-v2", TranscriptionOptions(channel_id=[0, 0]), "twice"),
        ("paraformer-v2", TranscriptionOptions(special_word_filter="not json"), "JSON"),
        ("paraformer-v2", TranscriptionOptions(vocabulary_id=" "), "vocabulary_id"),
        ("no-such-model", TranscriptionOptions(), "unknown model"),
    ],
)
def test_bad_values_are_refused_with_the_reason(model, options, words):
    with pytest.raises(OptionRefused, match=words):
        options.to_parameters(model)


def test_models_of_another_region_are_refused():
    with pytest.raises(OptionRefused, match="ap-southeast-1"):
        TranscriptionOptions().check("paraformer-v2", Region.SINGAPORE)
    assert TranscriptionOptions().check("fun-asr", Region.SINGAPORE).name == "fun-asr"


def test_every_catalog_option_of_every_model_can_be_sent():
    """Each model accepts a request using every option the catalog grants it."""
    for spec in catalog.MODELS:
        granted = {option.value for option in spec.options}
        options = TranscriptionOptions(
            channel_id=[0] if "channel_id" in granted else None,
            language_hints=[spec.language_hints[0]] if "language_hints" in granted else None,
            vocabulary_id="vocab-a-1" if "vocabulary_id" in granted else None,
            phrase_id="phrase-1" if "resources" in granted else None,
            diarization_enabled=True if "diarization_enabled" in granted else None,
            speaker_count=2 if "speaker_count" in granted else None,
            disfluency_removal_enabled=True if "disfluency_removal_enabled" in granted else None,
            timestamp_alignment_enabled=True if "timestamp_alignment_enabled" in granted else None,
            special_word_filter=SpecialWordFilter() if "special_word_filter" in granted else None,
            speech_noise_threshold=0.2 if "speech_noise_threshold" in granted else None,
            language=spec.languages[0] if "language" in granted else None,
            enable_itn=False if "enable_itn" in granted else None,
            enable_words=True if "enable_words" in granted else None,
            context_text="Tingxie, DashScope" if "corpus" in granted else None,
        )
        sent = set(options.to_parameters(spec.name))
        if options.to_resources():
            sent.add("resources")
        assert sent == granted, spec.name


def test_extra_parameters_pass_through_unchecked():
    options = TranscriptionOptions(extra={"audio_event_detection_enabled": True})
    assert options.to_parameters("sensevoice-v1") == {"audio_event_detection_enabled": True}


def test_qwen3_asr_options_are_sent_as_the_sdk_sends_them():
    options = TranscriptionOptions(
        channel_id=[0], enable_itn=False, enable_words=True, language="zh", context_text="ctx"
    )
    assert options.to_parameters("qwen3-asr-flash-filetrans") == {
        "channel_id": [0],
        "language": "zh",
        "enable_itn": False,
        "enable_words": True,
        "corpus": {"text": "ctx"},
    }


@pytest.mark.parametrize(
    ("model", "options", "words"),
    [
        ("qwen3-asr-flash-filetrans", TranscriptionOptions(language_hints=["zh"]), "_hints"),
        ("qwen3-asr-flash-filetrans", TranscriptionOptions(vocabulary_id="v-1"), "vocabulary_id"),
        (
            "qwen3-asr-flash-filetrans",
            TranscriptionOptions(diarization_enabled=True),
            "diarization_enabled",
        ),
        ("qwen3-asr-flash-filetrans", TranscriptionOptions(language="xx"), "'xx'"),
        ("qwen3-asr-flash-filetrans", TranscriptionOptions(context_text="x" * 10_001), "10000"),
        ("fun-asr", TranscriptionOptions(language="zh"), "language"),
        ("fun-asr", TranscriptionOptions(enable_words=True), "enable_words"),
        ("paraformer-v2", TranscriptionOptions(speech_noise_threshold=0.1), "speech_noise"),
        ("fun-asr", TranscriptionOptions(speech_noise_threshold=1.5), "from -1 to 1"),
        ("fun-asr", TranscriptionOptions(speaker_count=3), "diarization_enabled"),
    ],
)
def test_options_a_model_does_not_take_are_refused_before_any_request(model, options, words):
    with pytest.raises(OptionRefused, match=words):
        options.to_parameters(model)


def test_fun_asr_takes_speaker_count_with_diarization_and_the_noise_threshold():
    options = TranscriptionOptions(
        diarization_enabled=True,
        speaker_count=3,
        speech_noise_threshold=-0.4,
        special_word_filter=SpecialWordFilter(mask_words=("secret",)),
    )
    params = options.to_parameters("fun-asr-2025-11-07")
    assert params["speaker_count"] == 3 and params["diarization_enabled"] is True
    assert params["speech_noise_threshold"] == -0.4
    assert "secret" in params["special_word_filter"]
