"""The text models a translation can use: Qwen-MT and Qwen chat models, with limits and prices.

One source of truth for batching (token limits), the rate limiter (RPM/TPM),
the cost estimate shown before anything is sent, and the emulator. Numbers come
from ``shared/docs/dashscope-protocol-qwen.md`` (§B.3 chat models, §C.3
Qwen-MT); they change monthly, so each one carries the doc's date or says it is
unconfirmed. Where a limit is unconfirmed the smaller published value is used,
so a batch never exceeds what the service may enforce.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from desktop.domain.catalog import Region
from desktop.domain.messages import template


class ModelKind(StrEnum):
    """How the model takes a translation request."""

    MT = "mt"  # Qwen-MT: one user message + ``translation_options`` (no system prompt)
    CHAT = "chat"  # a chat model: instructions in the prompt


@dataclass(frozen=True)
class Price:
    """Per million tokens, in the currency the region bills in."""

    input_per_m: Decimal
    output_per_m: Decimal
    currency: str  # "USD" or "CNY"

    def cost(self, input_tokens: int, output_tokens: int) -> Decimal:
        million = Decimal(1_000_000)
        total = (
            Decimal(input_tokens) * self.input_per_m + Decimal(output_tokens) * self.output_per_m
        ) / million
        return total.quantize(Decimal("0.0001"))


@dataclass(frozen=True)
class TextModel:
    name: str
    kind: ModelKind
    max_input_tokens: int
    max_output_tokens: int
    rpm: int  # requests per minute per account (the service also enforces RPM/60 per second)
    tpm: int  # tokens per minute per account
    prices: dict[Region, Price]
    note: str = ""

    def price(self, region: Region | None) -> Price | None:
        """The region's price, or None when it is not published (the estimate says so)."""
        return self.prices.get(region) if region is not None else None


def _usd(i: str, o: str) -> Price:
    return Price(Decimal(i), Decimal(o), "USD")


def _cny(i: str, o: str) -> Price:
    return Price(Decimal(i), Decimal(o), "CNY")


MODELS: tuple[TextModel, ...] = (
    TextModel(
        "qwen-mt-turbo",
        ModelKind.MT,
        max_input_tokens=8_192,  # Jul 2026 card: 16,384 context / 8,192 in / 8,192 out
        max_output_tokens=8_192,
        rpm=60,
        tpm=35_000,  # Beijing; Singapore allows 100,000 (the smaller one is used)
        prices={Region.BEIJING: _usd("0.101", "0.28"), Region.SINGAPORE: _usd("0.16", "0.49")},
    ),
    TextModel(
        "qwen-mt-plus",
        ModelKind.MT,
        max_input_tokens=8_192,  # UNCONFIRMED (3P: 16K context / 8K out)
        max_output_tokens=8_192,
        rpm=60,
        tpm=23_797,  # older rate-limit table
        prices={Region.BEIJING: _cny("1.8", "5.4")},  # Qwen3-MT 2025; current UNCONFIRMED
        note="limits and Singapore price unconfirmed",
    ),
    TextModel(
        "qwen-mt-flash",
        ModelKind.MT,
        max_input_tokens=8_192,  # UNCONFIRMED; the turbo card's numbers are assumed
        max_output_tokens=8_192,
        rpm=60,
        tpm=35_000,
        prices={},
        note="limits and prices unconfirmed",
    ),
    TextModel(
        "qwen-plus",
        ModelKind.CHAT,
        max_input_tokens=129_024,  # the latest alias without max_input_tokens
        max_output_tokens=16_384,  # UNCONFIRMED; qwen-turbo's published output limit assumed
        rpm=600,
        tpm=1_000_000,
        prices={Region.SINGAPORE: _usd("0.40", "1.20")},  # "from", tiered
    ),
    TextModel(
        "qwen-turbo",
        ModelKind.CHAT,
        max_input_tokens=98_304,
        max_output_tokens=16_384,
        rpm=600,
        tpm=5_000_000,
        prices={},
        note="price unconfirmed",
    ),
    TextModel(
        "qwen-flash",
        ModelKind.CHAT,
        max_input_tokens=997_000,
        max_output_tokens=32_768,
        rpm=15_000,
        tpm=10_000_000,
        prices={Region.BEIJING: _cny("0.15", "1.5")},  # the ≤128K tier
    ),
    TextModel(
        "qwen-max",
        ModelKind.CHAT,
        max_input_tokens=30_720,
        max_output_tokens=8_192,
        rpm=600,
        tpm=1_000_000,
        prices={},
        note="price unconfirmed",
    ),
    TextModel(
        "qwen3-max",
        ModelKind.CHAT,
        max_input_tokens=252_000,
        max_output_tokens=65_536,
        rpm=600,  # UNCONFIRMED; qwen-max's limit assumed
        tpm=1_000_000,
        prices={Region.BEIJING: _cny("2.5", "10"), Region.SINGAPORE: _usd("1.2", "6")},
    ),
)
DEFAULT_MODEL = "qwen-mt-turbo"
_BY_NAME = {m.name: m for m in MODELS}


class UnknownTextModelError(LookupError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"unknown translation model {self.name!r}; choose one of {', '.join(_BY_NAME)}"


def get(name: str) -> TextModel:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise UnknownTextModelError(name) from None


# Qwen-MT takes the English name or the code (§C.4); the list is the stored part of 92.
LANGUAGES: dict[str, str] = {
    "en": "English", "zh": "Chinese", "zh_tw": "Traditional Chinese", "ru": "Russian",
    "ja": "Japanese", "ko": "Korean", "es": "Spanish", "fr": "French", "pt": "Portuguese",
    "de": "German", "it": "Italian", "th": "Thai", "vi": "Vietnamese", "id": "Indonesian",
    "ms": "Malay", "ar": "Arabic", "hi": "Hindi", "he": "Hebrew", "my": "Burmese",
    "ta": "Tamil", "ur": "Urdu", "bn": "Bengali", "pl": "Polish", "nl": "Dutch",
    "ro": "Romanian", "tr": "Turkish", "km": "Khmer", "lo": "Lao", "yue": "Cantonese",
    "cs": "Czech", "el": "Greek", "sv": "Swedish", "hu": "Hungarian", "da": "Danish",
    "fi": "Finnish", "uk": "Ukrainian", "bg": "Bulgarian", "sr": "Serbian", "te": "Telugu",
    "af": "Afrikaans", "hy": "Armenian", "as": "Assamese", "ast": "Asturian", "eu": "Basque",
    "be": "Belarusian", "bs": "Bosnian", "ca": "Catalan", "ceb": "Cebuano", "hr": "Croatian",
    "arz": "Egyptian Arabic", "et": "Estonian", "gl": "Galician", "ka": "Georgian",
    "gu": "Gujarati", "is": "Icelandic", "jv": "Javanese",
}  # fmt: skip
for _name in LANGUAGES.values():
    template(_name)  # the UI says each name in its language


class UnknownLanguageError(LookupError):
    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value

    def __str__(self) -> str:
        return (
            f"unknown language {self.value!r}; use a code such as en, zh, ja, de"
            " or an English name such as English"
        )


def language_code(value: str) -> str:
    """The code for a code or an English name (``"English"`` → ``"en"``), any case."""
    text = value.strip().replace("-", "_").lower()
    if text in LANGUAGES:
        return text
    for code, name in LANGUAGES.items():
        if name.lower() == text:
            return code
    raise UnknownLanguageError(value)


def language_name(code: str) -> str:
    return LANGUAGES[language_code(code)]
