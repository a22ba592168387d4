"""Hot-word vocabularies (``speech-biasing``): create, list, query, update, delete.

The service's limits are checked locally first so a bad list is refused with
the word that breaks the rule, not with a terse server error after a round
trip: weights 1..5, at most 500 entries, languages the target model knows,
text length (15 characters with any non-ASCII, else 7 words), a prefix of
lowercase letters and digits shorter than 10 characters.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec

from desktop.dashscope.errors import MalformedResponseError, OptionRefused
from desktop.domain import catalog
from desktop.domain.catalog import Option

MODEL = "speech-biasing"
MAX_ENTRIES = 500
MAX_VOCABULARIES = 10  # per account, shared by all models (raisable on request)
WEIGHT_RANGE = (1, 5)
MAX_NON_ASCII_CHARS = 15
MAX_ASCII_WORDS = 7
LIST_PAGE_SIZE = 10
_PREFIX = re.compile(r"[a-z0-9]{1,9}")


class VocabularyEntry(msgspec.Struct, frozen=True, omit_defaults=True):
    text: str
    weight: int = 4
    lang: str | None = None


class VocabularySummary(msgspec.Struct, frozen=True, kw_only=True):
    vocabulary_id: str
    status: str | None = None
    gmt_create: str | None = None
    gmt_modified: str | None = None


class Vocabulary(msgspec.Struct, frozen=True, kw_only=True):
    vocabulary_id: str = ""
    status: str | None = None
    target_model: str | None = None
    gmt_create: str | None = None
    gmt_modified: str | None = None
    vocabulary: list[VocabularyEntry] = []

    @property
    def ready(self) -> bool:
        return self.status == "OK"


class _CreateOut(msgspec.Struct):
    vocabulary_id: str


class _ListOut(msgspec.Struct):
    vocabulary_list: list[VocabularySummary] = []


Post = Callable[[dict[str, Any]], Awaitable[bytes]]


@dataclass
class VocabularyService:
    """The vocabulary actions; ``post`` sends one customization request and returns its body."""

    post: Post

    async def create(
        self, target_model: str, prefix: str, entries: Sequence[VocabularyEntry]
    ) -> str:
        check_prefix(prefix)
        check_entries(target_model, entries)
        out = await self._action(
            "create_vocabulary",
            _CreateOut,
            target_model=target_model,
            prefix=prefix,
            vocabulary=_wire(entries),
        )
        return out.vocabulary_id

    async def list(self, prefix: str | None = None) -> list[VocabularySummary]:
        """Every vocabulary (all pages)."""
        found: list[VocabularySummary] = []
        page = 0
        while True:
            fields: dict[str, Any] = {"page_index": page, "page_size": LIST_PAGE_SIZE}
            if prefix is not None:
                fields["prefix"] = prefix
            out = await self._action("list_vocabulary", _ListOut, **fields)
            found.extend(out.vocabulary_list)
            if len(out.vocabulary_list) < LIST_PAGE_SIZE:
                return found
            page += 1

    async def query(self, vocabulary_id: str) -> Vocabulary:
        out = await self._action("query_vocabulary", Vocabulary, vocabulary_id=vocabulary_id)
        return msgspec.structs.replace(out, vocabulary_id=vocabulary_id)

    async def update(
        self, vocabulary_id: str, entries: Sequence[VocabularyEntry], target_model: str
    ) -> None:
        """Replace the whole list; ``target_model`` is needed to check the entries' languages."""
        check_entries(target_model, entries)
        await self._action(
            "update_vocabulary", dict, vocabulary_id=vocabulary_id, vocabulary=_wire(entries)
        )

    async def delete(self, vocabulary_id: str) -> None:
        await self._action("delete_vocabulary", dict, vocabulary_id=vocabulary_id)

    async def _action(self, action: str, out_type: type, **fields: Any) -> Any:
        body = {"model": MODEL, "parameters": {}, "input": {"action": action, **fields}}
        raw = await self.post(body)
        try:
            return msgspec.json.decode(raw, type=_reply(out_type)).output
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise MalformedResponseError(
                f"unreadable {action} reply ({exc})", code="Malformed"
            ) from None


_REPLIES: dict[type, type] = {}


def _reply(out_type: type) -> type:
    if out_type not in _REPLIES:
        _REPLIES[out_type] = msgspec.defstruct(
            f"Reply_{out_type.__name__}", [("output", out_type), ("request_id", str | None, None)]
        )
    return _REPLIES[out_type]


def _wire(entries: Sequence[VocabularyEntry]) -> list[dict[str, Any]]:
    return [msgspec.to_builtins(e) for e in entries]


def check_prefix(prefix: str) -> None:
    if not _PREFIX.fullmatch(prefix):
        raise OptionRefused(
            f"vocabulary prefix {prefix!r} must be 1-9 lowercase letters or digits",
            code="InvalidVocabulary",
        )


def check_entries(target_model: str, entries: Sequence[VocabularyEntry]) -> None:
    try:
        spec = catalog.get(target_model)
    except catalog.UnknownModelError as exc:
        raise OptionRefused(str(exc), code="UnknownModel") from None
    if not spec.accepts(Option.VOCABULARY):
        raise OptionRefused(
            f"{target_model} does not use hot-word vocabularies", code="OptionNotSupported"
        )
    if not entries:
        raise OptionRefused("a vocabulary needs at least one word", code="InvalidVocabulary")
    if len(entries) > MAX_ENTRIES:
        raise OptionRefused(
            f"a vocabulary holds at most {MAX_ENTRIES} words, got {len(entries)}",
            code="InvalidVocabulary",
        )
    for number, entry in enumerate(entries, 1):
        _check_entry(number, entry, spec)


def _check_entry(number: int, entry: VocabularyEntry, spec: catalog.ModelSpec) -> None:
    where = f"word {number} ({entry.text!r})"
    low, high = WEIGHT_RANGE
    if isinstance(entry.weight, bool) or not isinstance(entry.weight, int):
        raise OptionRefused(f"{where}: weight must be a whole number", code="InvalidVocabulary")
    if not low <= entry.weight <= high:
        raise OptionRefused(
            f"{where}: weight must be from {low} to {high}, got {entry.weight}",
            code="InvalidVocabulary",
        )
    text = entry.text.strip()
    if not text:
        raise OptionRefused(f"word {number} is empty", code="InvalidVocabulary")
    if not text.isascii() and len(text) > MAX_NON_ASCII_CHARS:
        raise OptionRefused(
            f"{where}: at most {MAX_NON_ASCII_CHARS} characters when it has non-Latin letters",
            code="InvalidVocabulary",
        )
    if text.isascii() and len(text.split()) > MAX_ASCII_WORDS:
        raise OptionRefused(f"{where}: at most {MAX_ASCII_WORDS} words", code="InvalidVocabulary")
    if entry.lang is not None and entry.lang not in spec.hotword_languages:
        raise OptionRefused(
            f"{where}: {spec.name} hot words take the languages "
            f"{' '.join(spec.hotword_languages)}, not {entry.lang!r}",
            code="InvalidVocabulary",
        )


def parse_vocabulary_time(text: str | None) -> datetime | None:
    """``YYYY-MM-DD HH:MM:SS`` (service clock, UTC+8) as UTC."""
    from desktop.dashscope.endpoints import SERVICE_TZ

    if not text:
        return None
    try:
        return (
            datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=SERVICE_TZ).astimezone(UTC)
        )
    except ValueError:
        return None
