"""Submit options for a transcription task, checked against the model catalog.

Every option a model does not take is refused here, before any request or
cost, with a message naming the option and the models that do take it. The
parameters produced are exactly what the official SDK would send for the same
keyword arguments (``None`` values are not sent at all).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from desktop.dashscope.errors import OptionRefused
from desktop.domain import catalog
from desktop.domain.catalog import Option, Region
from desktop.domain.messages import say


@dataclass(frozen=True)
class SpecialWordFilter:
    """Words to mask with ``*`` (signed) or delete (empty); the service wants it as JSON text."""

    mask_words: tuple[str, ...] = ()
    delete_words: tuple[str, ...] = ()
    system_reserved_filter: bool = True

    def to_wire(self) -> str:
        value: dict[str, Any] = {}
        if self.mask_words:
            value["filter_with_signed"] = {"word_list": list(self.mask_words)}
        if self.delete_words:
            value["filter_with_empty"] = {"word_list": list(self.delete_words)}
        value["system_reserved_filter"] = self.system_reserved_filter
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class TranscriptionOptions:
    """What to ask of the model; ``None`` means "not sent" (the service default applies)."""

    channel_id: Sequence[int] | None = None
    language_hints: Sequence[str] | None = None
    vocabulary_id: str | None = None
    phrase_id: str | None = None  # v1 Paraformer phrase hot words (top-level ``resources``)
    diarization_enabled: bool | None = None
    speaker_count: int | None = None
    disfluency_removal_enabled: bool | None = None
    timestamp_alignment_enabled: bool | None = None
    special_word_filter: SpecialWordFilter | str | None = None
    speech_noise_threshold: float | None = None  # Fun-ASR: -1 (more speech) .. +1 (more noise)
    # Qwen3-ASR file transcription
    language: str | None = None  # one code; unset = detected per sentence
    enable_itn: bool | None = None  # numbers as digits (Chinese and English audio)
    enable_words: bool | None = None  # word timestamps
    context_text: str | None = None  # names and terms to bias recognition (``corpus.text``)
    # Sent verbatim and unchecked, as the SDK does with unknown keyword
    # arguments: for parameters newer than this app (e.g. the undocumented
    # ``audio_event_detection_enabled``).
    extra: Mapping[str, Any] = field(default_factory=dict)

    def check(self, model: str, region: Region | None = None) -> catalog.ModelSpec:
        """The model's spec if every set option suits it; else OptionRefused."""
        try:
            spec = catalog.get(model)
        except catalog.UnknownModelError as exc:
            raise OptionRefused(str(exc), code="UnknownModel") from None
        if region is not None and region not in spec.regions:
            raise OptionRefused(
                say(
                    "{model} is not offered in the {region} region",
                    model=model,
                    region=region.value,
                ),
                code="ModelNotInRegion",
                advice=say(
                    "Pick a model offered in this region, or switch the region in Settings."
                ),
            )
        for option in self._set_options():
            if not spec.accepts(option):
                raise OptionRefused(
                    say(
                        "{model} does not accept {option}; models that do: {models}",
                        model=model,
                        option=option.value,
                        models=", ".join(_models_accepting(option)),
                    ),
                    code="OptionNotSupported",
                )
        self._check_values(spec)
        return spec

    def to_parameters(self, model: str) -> dict[str, Any]:
        """The ``parameters`` object of the submit body (checked first)."""
        self.check(model)
        params: dict[str, Any] = {}
        if self.channel_id is not None:
            params["channel_id"] = list(self.channel_id)
        if self.vocabulary_id is not None:
            params["vocabulary_id"] = self.vocabulary_id
        for name in (
            "disfluency_removal_enabled",
            "timestamp_alignment_enabled",
            "diarization_enabled",
            "speaker_count",
        ):
            value = getattr(self, name)
            if value is not None:
                params[name] = value
        if self.special_word_filter is not None:
            swf = self.special_word_filter
            params["special_word_filter"] = swf if isinstance(swf, str) else swf.to_wire()
        if self.language_hints is not None:
            params["language_hints"] = list(self.language_hints)
        if self.speech_noise_threshold is not None:
            params["speech_noise_threshold"] = float(self.speech_noise_threshold)
        for name in ("language", "enable_itn", "enable_words"):
            value = getattr(self, name)
            if value is not None:
                params[name] = value
        if self.context_text is not None:
            params["corpus"] = {"text": self.context_text}
        params.update(self.extra)
        return params

    def to_resources(self) -> list[dict[str, str]] | None:
        if self.phrase_id is None:
            return None
        return [{"resource_id": self.phrase_id, "resource_type": "asr_phrase"}]

    def _set_options(self) -> list[Option]:
        by_field = {
            "channel_id": Option.CHANNEL_ID,
            "language_hints": Option.LANGUAGE_HINTS,
            "vocabulary_id": Option.VOCABULARY,
            "phrase_id": Option.PHRASES,
            "diarization_enabled": Option.DIARIZATION,
            "speaker_count": Option.SPEAKER_COUNT,
            "disfluency_removal_enabled": Option.DISFLUENCY_REMOVAL,
            "timestamp_alignment_enabled": Option.TIMESTAMP_ALIGNMENT,
            "special_word_filter": Option.SPECIAL_WORD_FILTER,
            "speech_noise_threshold": Option.SPEECH_NOISE_THRESHOLD,
            "language": Option.LANGUAGE,
            "enable_itn": Option.ENABLE_ITN,
            "enable_words": Option.ENABLE_WORDS,
            "context_text": Option.CONTEXT,
        }
        return [
            by_field[f.name]
            for f in fields(self)
            if f.name in by_field and getattr(self, f.name) is not None
        ]

    def _check_values(self, spec: catalog.ModelSpec) -> None:
        _check_channels(self.channel_id)
        check_language_hints(self.language_hints, spec)
        _check_speakers(self.speaker_count, self.diarization_enabled)
        for name in ("vocabulary_id", "phrase_id"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise OptionRefused(
                    say("{name} must be a non-empty id", name=name), code="InvalidOption"
                )
        if isinstance(self.special_word_filter, str):
            _check_filter_text(self.special_word_filter)
        _check_threshold(self.speech_noise_threshold)
        _check_language(self.language, spec)
        _check_context(self.context_text)
        for name in ("enable_itn", "enable_words"):
            if getattr(self, name) not in (None, True, False):
                raise OptionRefused(
                    say("{name} must be true or false", name=name), code="InvalidOption"
                )


def _models_accepting(option: Option) -> list[str]:
    return [m.name for m in catalog.MODELS if m.accepts(option)]


def _check_channels(channels: Sequence[int] | None) -> None:
    if channels is None:
        return
    values = list(channels)
    if not values or any(not isinstance(c, int) or isinstance(c, bool) or c < 0 for c in values):
        raise OptionRefused(
            say("channel_id must list track numbers from 0 up, got {values}", values=repr(values)),
            code="InvalidOption",
        )
    if len(set(values)) != len(values):
        raise OptionRefused(
            say("channel_id lists a track twice: {values}", values=repr(values)),
            code="InvalidOption",
        )


def check_language_hints(hints: Sequence[str] | None, spec: catalog.ModelSpec) -> None:
    """The one rule for language hints, for a request and for the Settings default alike."""
    if hints is None:
        return
    if isinstance(hints, str):
        raise OptionRefused(
            say("language_hints must be a list of codes, not a string"), code="InvalidOption"
        )
    values = list(hints)
    if not values:
        raise OptionRefused(
            say("language_hints is empty; leave it unset instead"), code="InvalidOption"
        )
    unknown = [h for h in values if h not in spec.language_hints]
    if unknown:
        raise OptionRefused(
            say(
                "{model} does not know these language codes: {codes}; it accepts: {accepted}",
                model=spec.name,
                codes=", ".join(map(repr, unknown)),
                accepted=" ".join(spec.language_hints),
            ),
            code="InvalidOption",
        )
    if spec.max_language_hints is not None and len(values) > spec.max_language_hints:
        raise OptionRefused(
            say(
                "too many language hints for {model}: {count} given, the limit is {limit}",
                model=spec.name,
                count=len(values),
                limit=spec.max_language_hints,
            ),
            code="InvalidOption",
        )


def _check_speakers(count: int | None, diarization: bool | None) -> None:
    if count is None:
        return
    low, high = catalog.SPEAKER_COUNT_RANGE
    if not isinstance(count, int) or isinstance(count, bool) or not low <= count <= high:
        raise OptionRefused(
            say(
                "speaker_count must be a whole number from {low} to {high}, got {count}",
                low=low,
                high=high,
                count=repr(count),
            ),
            code="InvalidOption",
        )
    if not diarization:
        raise OptionRefused(
            say("speaker_count has no effect unless diarization_enabled is on"),
            code="InvalidOption",
        )


def _check_filter_text(text: str) -> None:
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise OptionRefused(
            say(
                "special_word_filter must be a JSON object as text (e.g. {example})",
                example='{"filter_with_signed":{"word_list":["..."]}}',
            ),
            code="InvalidOption",
        )


def _check_threshold(value: float | None) -> None:
    if value is None:
        return
    low, high = catalog.SPEECH_NOISE_THRESHOLD_RANGE
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or not low <= value <= high:
        raise OptionRefused(
            say(
                "speech_noise_threshold must be a number from {low} to {high}, got {value}",
                low=f"{low:g}",
                high=f"{high:g}",
                value=repr(value),
            ),
            code="InvalidOption",
        )


def _check_language(code: str | None, spec: catalog.ModelSpec) -> None:
    if code is None:
        return
    if code not in spec.languages:
        raise OptionRefused(
            say(
                "{model} does not know the language code {code}; it accepts: {accepted}"
                " (or leave the language unset to detect it)",
                model=spec.name,
                code=repr(code),
                accepted=" ".join(spec.languages),
            ),
            code="InvalidOption",
        )


def _check_context(text: str | None) -> None:
    if text is None:
        return
    if not isinstance(text, str):
        raise OptionRefused(say("context_text must be text"), code="InvalidOption")
    if len(text) > catalog.MAX_CONTEXT_CHARS:
        raise OptionRefused(
            say(
                "context_text is {count} characters long; at most {limit} are sent. Keep the"
                " names and terms that matter.",
                count=len(text),
                limit=catalog.MAX_CONTEXT_CHARS,
            ),
            code="InvalidOption",
        )
