"""What the service checks in a submit's ``parameters`` against the model.

Every rule comes from the protocol doc §2.2 and the catalog. How a violation
is answered is UNCONFIRMED (§10.6) and chosen by ``invalid_option_response``.
"""

from __future__ import annotations

import json
from typing import Any

from desktop.domain import catalog
from desktop.domain.catalog import Family, ModelSpec, Option
from tests.fake_dashscope.vocabularies import Vocabularies

_BOOL_OPTIONS = {
    "diarization_enabled": Option.DIARIZATION,
    "disfluency_removal_enabled": Option.DISFLUENCY_REMOVAL,
    "timestamp_alignment_enabled": Option.TIMESTAMP_ALIGNMENT,
    "enable_itn": Option.ENABLE_ITN,
    "enable_words": Option.ENABLE_WORDS,
}


def problems(
    model: str, parameters: object, resources: object, vocabularies: Vocabularies
) -> list[str]:
    """Human-readable reasons the parameters are invalid for ``model``; [] when fine."""
    spec = catalog.get(model)
    if not isinstance(parameters, dict):
        return ["parameters must be a JSON object"]
    found: list[str] = []
    found += _channels(parameters)
    found += _language_hints(spec, parameters)
    found += _vocabulary(spec, parameters, vocabularies)
    for name, option in _BOOL_OPTIONS.items():
        if name in parameters:
            if not spec.accepts(option):
                found.append(f"{name} is not supported by {model}")
            elif not isinstance(parameters[name], bool):
                found.append(f"{name} must be a boolean")
    if "speaker_count" in parameters:
        count = parameters["speaker_count"]
        low, high = catalog.SPEAKER_COUNT_RANGE
        if not spec.accepts(Option.SPEAKER_COUNT):
            found.append(f"speaker_count is not supported by {model}")
        elif not isinstance(count, int) or isinstance(count, bool) or not low <= count <= high:
            found.append(f"speaker_count must be an integer from {low} to {high}")
    if "special_word_filter" in parameters:
        found += _special_word_filter(spec, parameters["special_word_filter"])
    found += _qwen_options(spec, parameters)
    if "speech_noise_threshold" in parameters:
        found += _threshold(spec, parameters["speech_noise_threshold"])
    if resources is not None and not spec.accepts(Option.PHRASES):
        found.append(f"resources (phrase hot words) are not supported by {model}")
    return found


def _qwen_options(spec: ModelSpec, parameters: dict[str, Any]) -> list[str]:
    """Qwen3-ASR's ``language`` (one code) and ``corpus`` (``{"text": ...}``)."""
    found: list[str] = []
    if "language" in parameters:
        code = parameters["language"]
        if not spec.accepts(Option.LANGUAGE):
            found.append(f"language is not supported by {spec.name}")
        elif code not in spec.languages:
            found.append(f"language {code!r} is not supported by {spec.name}")
    if "corpus" in parameters:
        corpus = parameters["corpus"]
        if not spec.accepts(Option.CONTEXT):
            found.append(f"corpus is not supported by {spec.name}")
        elif not isinstance(corpus, dict) or not isinstance(corpus.get("text", ""), str):
            found.append('corpus must be an object like {"text": "..."}')
    return found


def _threshold(spec: ModelSpec, value: object) -> list[str]:
    if not spec.accepts(Option.SPEECH_NOISE_THRESHOLD):
        return [f"speech_noise_threshold is not supported by {spec.name}"]
    low, high = catalog.SPEECH_NOISE_THRESHOLD_RANGE
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or not low <= value <= high:  # type: ignore[operator]
        return [f"speech_noise_threshold must be a number from {low:g} to {high:g}"]
    return []


def _channels(parameters: dict[str, Any]) -> list[str]:
    ids = parameters.get("channel_id")
    if ids is None:
        return []
    if (
        not isinstance(ids, list)
        or not ids
        or not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in ids)
    ):
        return ["channel_id must be a non-empty list of track numbers (0, 1, ...)"]
    return []


def _language_hints(spec: ModelSpec, parameters: dict[str, Any]) -> list[str]:
    hints = parameters.get("language_hints")
    if hints is None:
        return []
    if not spec.accepts(Option.LANGUAGE_HINTS):
        return [f"language_hints is not supported by {spec.name}"]
    if not isinstance(hints, list) or not hints or not all(isinstance(h, str) for h in hints):
        return ["language_hints must be a non-empty list of language codes"]
    unknown = [h for h in hints if h not in spec.language_hints]
    if unknown:
        return [f"language_hints {unknown} not supported by {spec.name}"]
    if spec.family is Family.SENSEVOICE and len(hints) > 1:
        return [f"{spec.name} takes exactly one language hint"]
    return []


def _vocabulary(
    spec: ModelSpec, parameters: dict[str, Any], vocabularies: Vocabularies
) -> list[str]:
    vocabulary_id = parameters.get("vocabulary_id")
    if vocabulary_id is None:
        return []
    if not spec.accepts(Option.VOCABULARY):
        return [f"vocabulary_id is not supported by {spec.name}"]
    vocabulary = vocabularies.get(str(vocabulary_id))
    if vocabulary is None:
        return [f"vocabulary {vocabulary_id} does not exist"]
    if vocabulary.target_model != spec.name:
        return [
            f"vocabulary {vocabulary_id} was made for {vocabulary.target_model}, not {spec.name}"
        ]
    return []


def _special_word_filter(spec: ModelSpec, value: object) -> list[str]:
    if not spec.accepts(Option.SPECIAL_WORD_FILTER):
        return [f"special_word_filter is not supported by {spec.name}"]
    if not isinstance(value, str):
        return ["special_word_filter must be a string holding JSON"]
    try:
        document = json.loads(value)
    except ValueError:
        return ["special_word_filter is not valid JSON"]
    if not isinstance(document, dict):
        return ["special_word_filter must hold a JSON object"]
    return []
