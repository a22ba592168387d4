from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.domain import catalog
from desktop.domain.catalog import Availability, Family, Option, Region

PROTOCOL = Path(__file__).parents[3] / "shared" / "docs" / "dashscope-protocol.md"


def test_every_model_of_the_protocol_reference_is_in_the_catalog() -> None:
    if not PROTOCOL.exists():  # the docs sit beside the checkout in CI and here
        pytest.fail(f"{PROTOCOL} is missing; the catalog is checked against it")
    names = set(re.findall(r"`((?:paraformer|fun-asr|sensevoice)[\w.-]*)`", PROTOCOL.read_text()))
    names -= {"fun-asr-flash-2026-06-15"}  # a different, synchronous API (out of scope)
    assert names <= {m.name for m in catalog.MODELS}


def test_eight_khz_models_take_only_eight_khz_and_mtl_needs_sixteen() -> None:
    eight = catalog.get("paraformer-8k-v2").sample_rate
    assert eight.accepts(8000) and not eight.accepts(16000)
    mtl = catalog.get("paraformer-mtl-v1").sample_rate
    assert mtl.accepts(16000) and mtl.accepts(48000) and not mtl.accepts(8000)
    assert catalog.get("paraformer-v2").sample_rate.accepts(8000)
    assert eight.describe() == "8 kHz only"


def test_options_follow_the_protocol_table() -> None:
    v2 = catalog.get("paraformer-v2")
    assert v2.accepts(Option.LANGUAGE_HINTS) and v2.accepts(Option.VOCABULARY)
    assert not catalog.get("paraformer-8k-v2").accepts(Option.LANGUAGE_HINTS)
    assert catalog.get("paraformer-v1").accepts(Option.PHRASES)
    assert not catalog.get("paraformer-v1").accepts(Option.VOCABULARY)
    sense = catalog.get("sensevoice-v1")
    assert not sense.accepts(Option.DIARIZATION) and not sense.accepts(Option.VOCABULARY)
    assert sense.emotion_and_events and not sense.word_timestamps
    assert sense.max_language_hints == 1
    fun = catalog.get("fun-asr")
    assert fun.accepts(Option.DIARIZATION) and not fun.accepts(Option.DISFLUENCY_REMOVAL)
    assert not fun.accepts(Option.TIMESTAMP_ALIGNMENT)


def test_regions_retirement_limits_and_rates() -> None:
    singapore = {m.name for m in catalog.models(Region.SINGAPORE)}
    assert singapore == {
        "qwen3-asr-flash-filetrans",
        "qwen3-asr-flash-filetrans-2025-11-17",
        "fun-asr",
        "fun-asr-2025-11-07",
        "fun-asr-2025-08-25",
        "fun-asr-mtl",
        "fun-asr-mtl-2025-08-25",
    }
    assert catalog.get("sensevoice-v1").availability is Availability.POSSIBLY_RETIRED
    assert catalog.get("sensevoice-v1").max_duration_ms is None
    assert catalog.get("paraformer-v2").max_duration_ms == 12 * 3600 * 1000
    assert catalog.get("paraformer-v2").submit_rps == 20
    assert catalog.get("fun-asr").submit_rps == 10
    assert all(m.query_rps == 20 and m.max_file_bytes == 2 * 1024**3 for m in catalog.MODELS)
    assert catalog.get("fun-asr").alias_of == "fun-asr-2025-11-07"
    # Current models are listed before those on their way out.
    listed = catalog.models()
    assert listed[0].availability is Availability.AVAILABLE
    assert listed[-1].availability is not Availability.AVAILABLE


def test_cost_is_price_per_second_times_channels() -> None:
    v2 = catalog.get("paraformer-v2")
    assert v2.price_per_second == Decimal("0.00008")
    assert v2.estimate_cost(3600) == Decimal("0.2880")
    assert v2.estimate_cost(3600, channels=2) == Decimal("0.5760")
    assert catalog.get("sensevoice-v1").estimate_cost(3600) == Decimal("2.5200")
    assert catalog.get("fun-asr").family is Family.FUN_ASR
    assert catalog.get("paraformer-v2").free_quota.seconds == 36_000


def test_unknown_model_names_the_known_ones() -> None:
    with pytest.raises(catalog.UnknownModelError) as caught:
        catalog.get("paraformer-v9")
    assert "paraformer-v9" in str(caught.value) and "paraformer-v2" in str(caught.value)


@pytest.mark.parametrize(
    ("rate", "language", "region", "emotion", "expected"),
    [
        (8000, None, Region.BEIJING, False, "paraformer-8k-v2"),
        (8000, "zh", Region.BEIJING, False, "paraformer-8k-v2"),
        (16000, "zh", Region.BEIJING, False, "paraformer-v2"),
        (44100, "ja", Region.BEIJING, False, "paraformer-v2"),
        (16000, "ru", Region.BEIJING, False, "qwen3-asr-flash-filetrans"),
        (16000, "th", Region.BEIJING, False, "qwen3-asr-flash-filetrans"),
        (16000, "es", Region.BEIJING, False, "qwen3-asr-flash-filetrans"),
        (16000, "ta", Region.BEIJING, False, "sensevoice-v1"),
        (16000, "en", Region.BEIJING, True, "qwen3-asr-flash-filetrans"),
        (8000, "zh", Region.SINGAPORE, False, "fun-asr"),
        (16000, "de", Region.SINGAPORE, False, "qwen3-asr-flash-filetrans"),
        (16000, "ro", Region.SINGAPORE, False, "fun-asr-mtl"),
        (16000, "en", Region.SINGAPORE, True, "qwen3-asr-flash-filetrans"),
    ],
)
def test_model_suggestion_follows_the_services_advice(rate, language, region, emotion, expected):
    suggestion = catalog.suggest_model(rate, language, region=region, want_emotion=emotion)
    assert suggestion.model == expected
    assert region in catalog.get(suggestion.model).regions
    assert suggestion.reason


def test_qwen3_asr_file_transcription_is_one_file_per_task_and_billed_per_channel() -> None:
    qwen = catalog.get("qwen3-asr-flash-filetrans")
    assert qwen.alias_of == "qwen3-asr-flash-filetrans-2025-11-17"
    assert qwen.family is Family.QWEN_ASR and qwen.regions == {Region.BEIJING, Region.SINGAPORE}
    assert qwen.request_style is catalog.RequestStyle.FILE_URL and qwen.files_per_task == 1
    assert qwen.submit_rps == pytest.approx(100 / 60)
    assert qwen.max_duration_ms == 12 * 3600 * 1000 and qwen.max_file_bytes == 2 * 1024**3
    assert {"zh", "yue", "en", "fil", "is", "sv"} <= set(qwen.languages)
    assert qwen.accepts(Option.LANGUAGE) and qwen.accepts(Option.CONTEXT)
    assert qwen.accepts(Option.ENABLE_ITN) and qwen.accepts(Option.ENABLE_WORDS)
    assert not qwen.accepts(Option.LANGUAGE_HINTS) and not qwen.accepts(Option.VOCABULARY)
    assert qwen.estimate_cost(3600) == Decimal("0.7920")
    assert qwen.estimate_cost(3600, channels=2) == Decimal("1.5840")  # each track is billed
    assert qwen.free_quota.seconds == 36_000
    fun = catalog.get("fun-asr")
    assert fun.accepts(Option.SPEECH_NOISE_THRESHOLD) and fun.accepts(Option.SPEAKER_COUNT)
    assert fun.estimate_cost(100, channels=2) == 2 * fun.estimate_cost(100)


@pytest.mark.parametrize(
    ("model", "replacement"),
    [
        ("paraformer-v1", "paraformer-v2"),
        ("paraformer-8k-v1", "paraformer-8k-v2"),
        ("paraformer-mtl-v1", "fun-asr-mtl"),
        ("sensevoice-v1", "qwen3-asr-flash-filetrans"),
    ],
)
def test_retired_models_stay_but_name_their_replacement(model: str, replacement: str) -> None:
    spec = catalog.get(model)
    assert spec.may_be_retired and spec.replacement == replacement
    assert catalog.get(replacement).availability is Availability.AVAILABLE
    assert replacement in spec.unavailable_advice() and model in spec.unavailable_advice()
    assert not catalog.get("paraformer-v2").may_be_retired
