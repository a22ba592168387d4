"""The model catalog: every transcription model the app can call, and its rules.

One source of truth for menus, validation, rate limits and cost estimates.
Facts come from ``shared/docs/dashscope-protocol.md`` (wire-level, tagged with
their evidence there), ``shared/docs/dashscope-protocol-qwen.md`` (Qwen3-ASR file
transcription) and ``shared/docs/service-overview.md`` (prices, quotas,
the service's own advice on choosing a model). Where the two sources conflict
the comment at the fact says which one was followed and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from desktop.domain.messages import say, template


class Family(StrEnum):
    PARAFORMER = "paraformer"
    FUN_ASR = "fun-asr"
    SENSEVOICE = "sensevoice"
    QWEN_ASR = "qwen3-asr"


class RequestStyle(StrEnum):
    """How a submit names its files: Paraformer, Fun-ASR and SenseVoice take a list
    (``input.file_urls``); Qwen3-ASR takes one URL (``input.file_url``)."""

    FILE_URLS = "file_urls"
    FILE_URL = "file_url"


class Region(StrEnum):
    BEIJING = "cn-beijing"
    SINGAPORE = "ap-southeast-1"


class Availability(StrEnum):
    AVAILABLE = "available"
    RETIRING = "retiring"  # announced "to be retired soon"
    POSSIBLY_RETIRED = "possibly-retired"  # missing from the newest model lists


class Option(StrEnum):
    """Submit options; the value is the wire parameter name."""

    CHANNEL_ID = "channel_id"
    LANGUAGE_HINTS = "language_hints"
    VOCABULARY = "vocabulary_id"
    PHRASES = "resources"  # v1 Paraformer phrase hot words, a top-level field
    DIARIZATION = "diarization_enabled"
    SPEAKER_COUNT = "speaker_count"
    DISFLUENCY_REMOVAL = "disfluency_removal_enabled"
    TIMESTAMP_ALIGNMENT = "timestamp_alignment_enabled"
    SPECIAL_WORD_FILTER = "special_word_filter"
    SPEECH_NOISE_THRESHOLD = "speech_noise_threshold"
    # Qwen3-ASR file transcription (qwen protocol doc §A.3)
    LANGUAGE = "language"  # one code, or none for auto-detection
    ENABLE_ITN = "enable_itn"
    ENABLE_WORDS = "enable_words"
    CONTEXT = "corpus"  # context biasing text, sent as ``corpus.text``


ACCEPTED_FORMATS = frozenset(
    [
        "aac",
        "amr",
        "avi",
        "flac",
        "flv",
        "m4a",
        "mkv",
        "mov",
        "mp3",
        "mp4",
        "mpeg",
        "ogg",
        "opus",
        "wav",
        "webm",
        "wma",
        "wmv",
    ]
)
MAX_FILE_BYTES = 2 * 1024**3
TWELVE_HOURS_MS = 12 * 3600 * 1000
QUERY_RPS = 20  # shared by query, list and cancel across the whole account
SPEAKER_COUNT_RANGE = (2, 100)
# VAD threshold: towards -1 more noise is taken for speech, towards +1 more speech
# is rejected as noise (Alibaba speech docs; the file-transcription range is UNCONFIRMED).
SPEECH_NOISE_THRESHOLD_RANGE = (-1.0, 1.0)
# Context biasing text: the realtime doc allows 10,000 tokens; for file
# transcription the limit is UNCONFIRMED, so no longer text than that is sent.
MAX_CONTEXT_CHARS = 10_000
# Conflict: older docs say 100 URLs per task, 2026 Paraformer/Fun-ASR pages say 1.
# 100 is the default; the client falls back to 1 when the service refuses a batch.
MAX_FILES_PER_TASK = 100

LANGUAGE_NAMES: dict[str, str] = {
    "auto": "Detect automatically", "zh": "Chinese (Mandarin)", "yue": "Cantonese",
    "en": "English", "ja": "Japanese", "ko": "Korean", "de": "German", "fr": "French",
    "ru": "Russian", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "id": "Indonesian",
    "ms": "Malay", "vi": "Vietnamese", "th": "Thai", "tl": "Tagalog", "hi": "Hindi",
    "ar": "Arabic", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "fi": "Finnish",
    "no": "Norwegian", "el": "Greek", "pl": "Polish", "cs": "Czech", "hu": "Hungarian",
    "ro": "Romanian", "bg": "Bulgarian", "hr": "Croatian", "sk": "Slovak", "tr": "Turkish",
    "uk": "Ukrainian", "he": "Hebrew", "fa": "Persian", "ca": "Catalan",
    "fil": "Filipino", "is": "Icelandic",
}  # fmt: skip
for _language in LANGUAGE_NAMES.values():
    template(_language)  # the UI says each name in its language

_PARAFORMER_V2_HINTS = ("zh", "en", "ja", "yue", "ko", "de", "fr", "ru")
# Fun-ASR HTTP API page (2026). The Fun-ASR Java SDK page lists fewer codes for
# fun-asr (zh en ja); the newer HTTP reference is followed for what may be sent.
_FUN_ASR_HINTS = tuple(
    [
        "zh",
        "en",
        "ja",
        "ko",
        "vi",
        "th",
        "id",
        "ms",
        "tl",
        "hi",
        "ar",
        "fr",
        "de",
        "es",
        "pt",
        "ru",
        "it",
        "nl",
        "sv",
        "da",
        "fi",
        "no",
        "el",
        "pl",
        "cs",
        "hu",
        "ro",
        "bg",
        "hr",
        "sk",
    ]
)
_SENSEVOICE_HINTS = tuple(
    [
        "auto",
        "zh",
        "en",
        "yue",
        "ja",
        "ko",
        "ru",
        "fr",
        "it",
        "de",
        "es",
        "ca",
        "id",
        "th",
        "nl",
        "pt",
        "cs",
        "pl",
        "el",
        "ms",
        "tl",
        "bg",
        "hr",
        "da",
        "tr",
        "vi",
        "he",
        "hu",
        "uk",
        "jw",
        "uz",
        "no",
        "ro",
        "sv",
        "fa",
        "ta",
        "az",
        "bn",
        "my",
        "km",
        "hi",
        "kn",
        "lo",
        "ml",
        "mr",
        "mn",
        "ne",
        "pa",
        "si",
        "sw",
        "te",
        "ur",
        "ha",
    ]
)
# Qwen3-ASR: the codes of the result's per-sentence ``language``, assumed to be the
# codes ``parameters.language`` takes (qwen protocol doc §A.3, INF from the D4 list).
_QWEN_ASR_LANGUAGES = (
    "zh", "yue", "en", "ja", "de", "ko", "ru", "fr", "pt", "ar", "it", "es", "hi", "id", "th",
    "tr", "uk", "vi", "cs", "da", "fil", "fi", "is", "ms", "no", "pl", "sv",
)  # fmt: skip
_PARAFORMER_HOTWORD_LANGS = ("zh", "en", "ja", "yue", "ko", "de", "fr", "ru")
_FUN_ASR_HOTWORD_LANGS = ("zh", "en", "ja")


@dataclass(frozen=True)
class SampleRateRule:
    """Which sample rates a model takes: any, exactly one, or at least one."""

    exactly: int | None = None
    minimum: int | None = None

    def accepts(self, rate_hz: int) -> bool:
        if self.exactly is not None:
            return rate_hz == self.exactly
        return self.minimum is None or rate_hz >= self.minimum

    def describe(self) -> str:
        if self.exactly is not None:
            return say("{khz} kHz only", khz=self.exactly // 1000)
        if self.minimum is not None:
            return say("{khz} kHz or higher", khz=self.minimum // 1000)
        return say("any sample rate")


@dataclass(frozen=True)
class FreeQuota:
    seconds: int
    renews_monthly: bool
    note: str


@dataclass(frozen=True)
class ModelSpec:
    """Everything the app knows about one model."""

    name: str
    family: Family
    summary: str
    languages: tuple[str, ...]  # what the model is meant for (menus, suggestions)
    language_hints: tuple[str, ...]  # codes accepted in ``language_hints``; () = option refused
    max_language_hints: int | None  # None = any number
    sample_rate: SampleRateRule
    regions: frozenset[Region]
    options: frozenset[Option]
    submit_rps: float
    max_duration_ms: int | None
    emotion_and_events: bool = False
    word_timestamps: bool = True
    hotword_languages: tuple[str, ...] = ()
    availability: Availability = Availability.AVAILABLE
    alias_of: str | None = None
    query_rps: int = QUERY_RPS
    max_file_bytes: int = MAX_FILE_BYTES
    request_style: RequestStyle = RequestStyle.FILE_URLS
    # Files one task may carry: Qwen3-ASR takes exactly one, so batches become a task per file.
    files_per_task: int = MAX_FILES_PER_TASK
    # The model to use instead once this one is gone (retiring or possibly retired ones).
    replacement: str | None = None

    def __post_init__(self) -> None:
        # The summary is shown in the model menus: a message the UI can translate.
        object.__setattr__(self, "summary", say(str(self.summary)))

    @property
    def price_per_second(self) -> Decimal:
        return PRICE_PER_SECOND[self.family]

    @property
    def free_quota(self) -> FreeQuota:
        return FREE_QUOTA[self.family]

    def accepts(self, option: Option) -> bool:
        return option in self.options

    @property
    def may_be_retired(self) -> bool:
        return self.availability is not Availability.AVAILABLE

    def unavailable_advice(self) -> str:
        """What to tell a user when the service says this model does not exist."""
        if self.replacement is not None:
            return say(
                "The service no longer offers {model}; it may have been retired."
                " Retry the job with {replacement}, which replaces it.",
                model=self.name,
                replacement=self.replacement,
            )
        return say(
            "The service does not offer {model} in this region: pick another model,"
            " or activate it in the Model Studio console.",
            model=self.name,
        )

    def estimate_cost(self, seconds: float, channels: int = 1) -> Decimal:
        """CNY for ``seconds`` of audio on ``channels`` tracks (each track is billed)."""
        billable = Decimal(str(seconds)) * max(channels, 1)
        return (billable * self.price_per_second).quantize(Decimal("0.0001"))


PRICE_PER_SECOND: dict[Family, Decimal] = {
    Family.PARAFORMER: Decimal("0.00008"),
    Family.FUN_ASR: Decimal("0.00022"),
    Family.SENSEVOICE: Decimal("0.0007"),
    # Beijing CNY price of qwen3-asr-flash (qwen doc §A.7, DOC D5); filetrans is quoted
    # as $0.000032/s (3P), about the same. The Singapore price is UNCONFIRMED.
    Family.QWEN_ASR: Decimal("0.00022"),
}
FREE_QUOTA: dict[Family, FreeQuota] = {
    Family.PARAFORMER: FreeQuota(36_000, True, say("10 hours each month")),
    Family.FUN_ASR: FreeQuota(36_000, False, say("10 hours once, valid 180 days after approval")),
    Family.SENSEVOICE: FreeQuota(36_000, True, say("10 hours each month")),
    # qwen3-asr-flash: Beijing 10 h within 180 days, Singapore 10 h within 90 days;
    # whether file transcription shares it is UNCONFIRMED (qwen doc §A.7).
    Family.QWEN_ASR: FreeQuota(
        36_000, False, say("10 hours once (Beijing: 180 days, Singapore: 90 days)")
    ),
}

_BOTH = frozenset({Region.BEIJING, Region.SINGAPORE})
_BEIJING = frozenset({Region.BEIJING})
_PARAFORMER_COMMON = frozenset(
    {
        Option.CHANNEL_ID,
        Option.DIARIZATION,
        Option.SPEAKER_COUNT,
        Option.DISFLUENCY_REMOVAL,
        Option.TIMESTAMP_ALIGNMENT,
        Option.SPECIAL_WORD_FILTER,
    }
)
_FUN_ASR_OPTIONS = frozenset(
    {
        Option.CHANNEL_ID,
        Option.LANGUAGE_HINTS,
        Option.VOCABULARY,
        Option.DIARIZATION,
        Option.SPEAKER_COUNT,
        Option.SPECIAL_WORD_FILTER,
        Option.SPEECH_NOISE_THRESHOLD,
    }
)
_QWEN_ASR_OPTIONS = frozenset(
    {Option.CHANNEL_ID, Option.LANGUAGE, Option.ENABLE_ITN, Option.ENABLE_WORDS, Option.CONTEXT}
)
_ANY_RATE = SampleRateRule()


def _paraformer(name: str, summary: str, languages: tuple[str, ...], **kw: object) -> ModelSpec:
    defaults: dict[str, object] = {
        "family": Family.PARAFORMER,
        "language_hints": (),
        "max_language_hints": None,
        "sample_rate": _ANY_RATE,
        "regions": _BEIJING,
        "submit_rps": 10,
        "max_duration_ms": TWELVE_HOURS_MS,
        "hotword_languages": _PARAFORMER_HOTWORD_LANGS,
    }
    defaults.update(kw)
    return ModelSpec(name=name, summary=summary, languages=languages, **defaults)  # type: ignore[arg-type]


def _fun_asr(
    name: str, languages: tuple[str, ...], hints: tuple[str, ...], **kw: object
) -> ModelSpec:
    defaults: dict[str, object] = {
        "family": Family.FUN_ASR,
        "summary": say("Video, live streams, calls and meetings; Chinese dialects, song lyrics"),
        "language_hints": hints,
        "max_language_hints": 1,  # Fun-ASR reads only the first hint
        "sample_rate": _ANY_RATE,
        "regions": _BOTH,
        "options": _FUN_ASR_OPTIONS,
        "submit_rps": 10,
        "max_duration_ms": TWELVE_HOURS_MS,
        "hotword_languages": _FUN_ASR_HOTWORD_LANGS,
    }
    defaults.update(kw)
    return ModelSpec(name=name, languages=languages, **defaults)  # type: ignore[arg-type]


def _qwen_asr(name: str, **kw: object) -> ModelSpec:
    defaults: dict[str, object] = {
        "family": Family.QWEN_ASR,
        "summary": say(
            "27 languages and dialects, with each sentence's language and emotion;"
            " the newest and cheapest"
        ),
        "language_hints": (),
        "max_language_hints": None,
        # The sample rate is not stated for file transcription (UNCONFIRMED): any is sent.
        "sample_rate": _ANY_RATE,
        "regions": _BOTH,
        "options": _QWEN_ASR_OPTIONS,
        "submit_rps": 100 / 60,  # 100 per minute (3P quoting the rate-limit page)
        "max_duration_ms": TWELVE_HOURS_MS,
        "emotion_and_events": True,  # emotion per sentence (no audio events)
        "request_style": RequestStyle.FILE_URL,
        "files_per_task": 1,
    }
    defaults.update(kw)
    return ModelSpec(name=name, languages=_QWEN_ASR_LANGUAGES, **defaults)  # type: ignore[arg-type]


_MTL_LANGUAGES = _FUN_ASR_HINTS

MODELS: tuple[ModelSpec, ...] = (
    _qwen_asr("qwen3-asr-flash-filetrans", alias_of="qwen3-asr-flash-filetrans-2025-11-17"),
    _qwen_asr("qwen3-asr-flash-filetrans-2025-11-17"),
    _paraformer(
        "paraformer-v2",
        "Video and live streams; Mandarin, 18 dialects, English, Japanese, Korean, German,"
        " French, Russian",
        _PARAFORMER_V2_HINTS,
        language_hints=_PARAFORMER_V2_HINTS,
        options=_PARAFORMER_COMMON | {Option.LANGUAGE_HINTS, Option.VOCABULARY},
        submit_rps=20,
    ),
    _paraformer(
        "paraformer-8k-v2",
        "Phone calls (8 kHz); Mandarin",
        ("zh",),
        sample_rate=SampleRateRule(exactly=8000),
        options=_PARAFORMER_COMMON | {Option.VOCABULARY},
        submit_rps=20,
    ),
    _paraformer(
        "paraformer-v1",
        "Audio or video; Mandarin and English",
        ("zh", "en"),
        options=_PARAFORMER_COMMON | {Option.PHRASES},
        availability=Availability.POSSIBLY_RETIRED,
        replacement="paraformer-v2",
    ),
    _paraformer(
        "paraformer-8k-v1",
        "Phone calls (8 kHz); Mandarin",
        ("zh",),
        sample_rate=SampleRateRule(exactly=8000),
        options=_PARAFORMER_COMMON | {Option.PHRASES},
        availability=Availability.POSSIBLY_RETIRED,
        replacement="paraformer-8k-v2",
    ),
    _paraformer(
        "paraformer-mtl-v1",
        "Audio or video, 16 kHz or higher; Mandarin, 15 dialects and nine other languages",
        ("zh", "en", "ja", "ko", "es", "id", "fr", "de", "it", "ms"),
        sample_rate=SampleRateRule(minimum=16000),
        options=_PARAFORMER_COMMON | {Option.PHRASES},
        availability=Availability.POSSIBLY_RETIRED,
        # Spanish, Indonesian, Italian and Malay are beyond paraformer-v2.
        replacement="fun-asr-mtl",
    ),
    _fun_asr("fun-asr", ("zh", "en", "ja"), _FUN_ASR_HINTS, alias_of="fun-asr-2025-11-07"),
    _fun_asr("fun-asr-2025-11-07", ("zh", "en", "ja"), _FUN_ASR_HINTS),
    _fun_asr(
        "fun-asr-2025-08-25",
        ("zh", "en"),
        ("zh", "en"),
        summary=say("Video, live streams, calls and meetings; Mandarin and English"),
    ),
    _fun_asr(
        "fun-asr-mtl",
        _MTL_LANGUAGES,
        _FUN_ASR_HINTS,
        summary=say("31 languages"),
        alias_of="fun-asr-mtl-2025-08-25",
    ),
    _fun_asr("fun-asr-mtl-2025-08-25", _MTL_LANGUAGES, _FUN_ASR_HINTS, summary=say("31 languages")),
    ModelSpec(
        name="sensevoice-v1",
        family=Family.SENSEVOICE,
        summary="50+ languages, with emotion (angry, happy, sad) and audio events"
        " (applause, music, laughter)",
        languages=_SENSEVOICE_HINTS[1:],
        language_hints=_SENSEVOICE_HINTS,
        max_language_hints=1,
        sample_rate=_ANY_RATE,
        regions=_BEIJING,
        # Disfluency removal: the SenseVoice REST page lists it, the comparison
        # table says no; the API reference is followed.
        options=frozenset({Option.CHANNEL_ID, Option.LANGUAGE_HINTS, Option.DISFLUENCY_REMOVAL}),
        submit_rps=10,
        max_duration_ms=None,
        emotion_and_events=True,
        word_timestamps=False,
        # Announced "to be retired soon", and gone from the console's model list.
        availability=Availability.POSSIBLY_RETIRED,
        replacement="qwen3-asr-flash-filetrans",  # emotion per sentence, many languages
    ),
)

_BY_NAME = {spec.name: spec for spec in MODELS}


class UnknownModelError(KeyError):
    """A model name that is not in the catalog."""

    def __str__(self) -> str:
        return f"unknown model {self.args[0]!r}; known models: {', '.join(_BY_NAME)}"


def get(name: str) -> ModelSpec:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise UnknownModelError(name) from None


def models(region: Region | None = None) -> list[ModelSpec]:
    """The models of ``region`` (all when ``None``), current ones first."""
    chosen = [m for m in MODELS if region is None or region in m.regions]
    order = list(Availability)
    return sorted(chosen, key=lambda m: order.index(m.availability))


@dataclass(frozen=True)
class Suggestion:
    model: str
    reason: str


def suggest_model(
    sample_rate_hz: int | None = None,
    language: str | None = None,
    *,
    region: Region = Region.BEIJING,
    want_emotion: bool = False,
) -> Suggestion:
    """The service's own advice on choosing a model, turned into a rule.

    8 kHz audio goes to an 8k model as it is (never resampled); Chinese, English
    and the languages Paraformer v2 can be told go to Paraformer v2; emotion and
    the other languages Qwen3-ASR knows go to Qwen3-ASR (which replaces the
    retiring SenseVoice); the rest to SenseVoice. Singapore offers only Fun-ASR
    and Qwen3-ASR.
    """
    qwen = "qwen3-asr-flash-filetrans"
    if region is Region.SINGAPORE:
        if want_emotion:
            return Suggestion(qwen, say("Qwen3-ASR reports each sentence's emotion"))
        if language in (None, "zh", "en", "ja"):
            return Suggestion(
                "fun-asr", say("Singapore offers Fun-ASR; it covers Chinese and English")
            )
        if language in _QWEN_ASR_LANGUAGES:
            return Suggestion(
                qwen,
                say("Qwen3-ASR covers {language}", language=LANGUAGE_NAMES.get(language, language)),
            )
        return Suggestion("fun-asr-mtl", say("Fun-ASR's multilingual model covers 31 languages"))
    if want_emotion:
        return Suggestion(qwen, say("Qwen3-ASR reports each sentence's emotion and language"))
    if sample_rate_hz == 8000 and language in (None, "zh"):
        return Suggestion(
            "paraformer-8k-v2", say("8 kHz phone audio is best sent to an 8k model as is")
        )
    if language is None or (language in _PARAFORMER_V2_HINTS and language != "ru"):
        return Suggestion(
            "paraformer-v2", say("Paraformer v2 with the language set is most accurate")
        )
    if language in _QWEN_ASR_LANGUAGES:
        return Suggestion(
            qwen,
            say(
                "{language} is covered by Qwen3-ASR",
                language=LANGUAGE_NAMES.get(language, language),
            ),
        )
    return Suggestion("sensevoice-v1", say("SenseVoice covers 50+ other languages"))
