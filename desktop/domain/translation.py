"""Planning a translation: cues into batches, batches into requests, replies back into cues.

Times belong to the cues, so a translation is made cue by cue: every request
carries a run of consecutive cues, one line each, and every reply must give
back exactly that many lines in that order. A reply with the wrong number of
lines is never guessed at (that would shift every later translation onto the
wrong cue); the runner splits the batch in half and asks again, down to one
cue, which cannot be misaligned. The neighbouring cues and the item's title
ride along as context, marked so the model does not translate them into the
output: Qwen-MT gets them in ``translation_options.domains`` (its only free
text besides the source), a chat model between ``<context>`` tags.

Pure functions only: no I/O, no clock; the runner (``desktop.jobs.translation``)
sends and stores.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from desktop.domain.catalog import Region
from desktop.domain.glossary import Glossary
from desktop.domain.transcript import count_wide, is_wide
from desktop.domain.translation_models import ModelKind, TextModel, language_name

CONTEXT_CUES = 2  # neighbouring cues sent on each side of a batch
MAX_BATCH_TOKENS = 1_200  # source tokens per batch: small enough to retry cheaply, run in parallel
MAX_BATCH_CUES = 40  # long lists invite a model to merge lines
OUTPUT_RATIO = 2.0  # at most this many target tokens per source token (batch size vs max out)
EXPECTED_OUTPUT_RATIO = 1.5  # for the cost estimate (Chinese → English is about 1.2–1.5)
MT_TEMPLATE_TOKENS = 45  # Qwen-MT counts its own template in prompt_tokens (53 for one sentence)
REQUEST_OVERHEAD_TOKENS = 12  # message framing


class CueStatus(StrEnum):
    TRANSLATED = "translated"
    EDITED = "edited"  # a person changed the translation; never overwritten by a run
    REFUSED = "refused"  # the service's content inspection refused this cue
    TRUNCATED = "truncated"  # the model's answer for this cue alone was cut off


@dataclass(frozen=True)
class SourceCue:
    """One cue to translate: its key in the track and its source text (lines joined by \\n)."""

    key: str
    text: str

    @property
    def flat(self) -> str:
        return flat_text(self.text)


@dataclass(frozen=True)
class CueResult:
    key: str
    source_text: str  # what it was translated from: a later edit of the source makes it stale
    text: str | None
    status: CueStatus


@dataclass(frozen=True)
class TokenUsage:
    """Tokens a request was billed for (the reply's ``usage``)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: TokenUsage) -> TokenUsage:
        return TokenUsage(
            self.prompt_tokens + other.prompt_tokens,
            self.completion_tokens + other.completion_tokens,
        )


@dataclass(frozen=True)
class Request:
    """What the service gets for one batch (the body of ``POST /chat/completions``)."""

    model: str
    target: str  # language code
    source: str | None  # language code, None = auto
    title: str = ""
    glossary: Glossary = field(default_factory=Glossary)


@dataclass(frozen=True)
class Batch:
    cues: tuple[SourceCue, ...]
    before: tuple[str, ...] = ()  # context: the flat texts of the cues just before
    after: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.cues)

    @property
    def source_tokens(self) -> int:
        return sum(estimate_tokens(c.flat) for c in self.cues)

    def halves(self) -> tuple[Batch, Batch]:
        """Two batches of half the cues each, each with its own neighbours as context."""
        if len(self.cues) < 2:
            raise ValueError("a batch of one cue cannot be split")
        middle = len(self.cues) // 2
        left, right = self.cues[:middle], self.cues[middle:]
        left_after = (*(c.flat for c in right), *self.after)[:CONTEXT_CUES]
        right_before = (*self.before, *(c.flat for c in left))[-CONTEXT_CUES:]
        return Batch(left, self.before, left_after), Batch(right, right_before, self.after)


class WrongCueCount(ValueError):
    """The reply's lines do not match the batch's cues one to one."""

    def __init__(self, expected: int, got: int) -> None:
        super().__init__(f"expected {expected} translated lines, got {got}")
        self.expected = expected
        self.got = got


# -- text and tokens -------------------------------------------------------------


def flat_text(text: str) -> str:
    """A cue's lines as one line: a space between Latin lines, nothing between CJK ones."""
    out = ""
    for line in (part.strip() for part in text.splitlines()):
        if not line:
            continue
        if out and not (is_wide(out[-1]) and is_wide(line[0])):
            out += " "
        out += line
    return out


def estimate_tokens(text: str) -> int:
    """Qwen tokens, rounded up: a CJK character about one, Latin text about four characters."""
    if not text:
        return 0
    wide = count_wide(text)
    return wide + math.ceil((len(text) - wide) / 4)


# -- batching --------------------------------------------------------------------


def batch_budget(model: TextModel, max_batch_tokens: int = MAX_BATCH_TOKENS) -> int:
    """Source tokens per batch: within the model's input limit and room for its answer."""
    by_output = int(model.max_output_tokens / OUTPUT_RATIO)
    by_input = model.max_input_tokens // 2  # the rest for context, glossary and template
    return max(1, min(max_batch_tokens, by_output, by_input))


def plan_batches(
    cues: Sequence[SourceCue],
    model: TextModel,
    *,
    wanted: Iterable[str] | None = None,
    max_batch_tokens: int = MAX_BATCH_TOKENS,
    max_batch_cues: int = MAX_BATCH_CUES,
) -> list[Batch]:
    """Batches of consecutive wanted cues (all by default), in track order.

    ``cues`` is the whole track so that context comes from the true
    neighbours even when only a few cues (stale or selected) are wanted.
    """
    keep = None if wanted is None else set(wanted)
    budget = batch_budget(model, max_batch_tokens)
    batches: list[Batch] = []
    run: list[int] = []
    run_tokens = 0

    def close() -> None:
        nonlocal run, run_tokens
        if run:
            batches.append(_batch(cues, run[0], run[-1] + 1))
        run, run_tokens = [], 0

    for index, cue in enumerate(cues):
        if keep is not None and cue.key not in keep:
            close()
            continue
        tokens = estimate_tokens(cue.flat)
        if run and (run_tokens + tokens > budget or len(run) >= max_batch_cues):
            close()
        run.append(index)
        run_tokens += tokens
    close()
    return batches


def _batch(cues: Sequence[SourceCue], start: int, end: int) -> Batch:
    before = tuple(c.flat for c in cues[max(0, start - CONTEXT_CUES) : start])
    after = tuple(c.flat for c in cues[end : end + CONTEXT_CUES])
    return Batch(tuple(cues[start:end]), before, after)


# -- requests --------------------------------------------------------------------


def request_body(batch: Batch, request: Request, model: TextModel) -> dict[str, Any]:
    """The JSON body for the OpenAI-compatible endpoint."""
    terms = request.glossary.within(" ".join(c.flat for c in batch.cues))
    if model.kind is ModelKind.MT:
        return _mt_body(batch, request, terms)
    return _chat_body(batch, request, terms)


def _mt_body(batch: Batch, request: Request, terms: Glossary) -> dict[str, Any]:
    options: dict[str, Any] = {
        "source_lang": language_name(request.source) if request.source else "auto",
        "target_lang": language_name(request.target),
    }
    if terms.fixed():
        options["terms"] = [{"source": t.source, "target": t.target} for t in terms.fixed()]
    options["domains"] = mt_domains(batch, request.title, terms.hints())
    content = "\n".join(c.flat for c in batch.cues)
    return {
        "model": request.model,
        "messages": [{"role": "user", "content": content}],
        "translation_options": options,
    }


def mt_domains(batch: Batch, title: str, hints: Sequence[str]) -> str:
    """Qwen-MT's style hint, carrying the context (English, as the model expects it)."""
    parts = [
        "Subtitles of a video"
        + (f' titled "{title}"' if title else "")
        + ". Each input line is one subtitle: translate every line separately and keep"
        " exactly one output line per input line, in the same order."
    ]
    if batch.before:
        parts.append("For context only (do not translate): the subtitles just before read: "
                     + " / ".join(batch.before) + ".")  # fmt: skip
    if batch.after:
        parts.append("For context only (do not translate): the subtitles just after read: "
                     + " / ".join(batch.after) + ".")  # fmt: skip
    if hints:
        parts.append("Names and terms that occur: " + ", ".join(hints) + ".")
    return " ".join(parts)


CHAT_SYSTEM = (
    "You translate subtitles from {source} into {target}. The user sends numbered subtitle"
    " lines between <subtitles> tags and, for context only, the video's title and the"
    " neighbouring subtitles between <context> tags. Translate each numbered line on its own"
    " and answer with exactly one line per number, in the form [n] translation, in the same"
    " order, and nothing else. Never translate or repeat the context."
)


def _chat_body(batch: Batch, request: Request, terms: Glossary) -> dict[str, Any]:
    source = language_name(request.source) if request.source else "the source language"
    system = CHAT_SYSTEM.format(source=source, target=language_name(request.target))
    if terms.fixed():
        system += " Translate these terms exactly so: " + "; ".join(
            f"{t.source} = {t.target}" for t in terms.fixed()
        ) + "."  # fmt: skip
    if terms.hints():
        system += " Keep these names consistent: " + ", ".join(terms.hints()) + "."
    user: list[str] = []
    if request.title or batch.before:
        user.append("<context>")
        if request.title:
            user.append(f"Title: {request.title}")
        user.extend(batch.before)
        user.append("</context>")
    user.append("<subtitles>")
    user.extend(f"[{n}] {c.flat}" for n, c in enumerate(batch.cues, start=1))
    user.append("</subtitles>")
    if batch.after:
        user.extend(["<context>", *batch.after, "</context>"])
    return {
        "model": request.model,
        "messages": [
            {"role": "system", "content": system},
            {"role": "user", "content": "\n".join(user)},
        ],
        "temperature": 0.3,
    }


def request_tokens(body: Mapping[str, Any], model: TextModel) -> int:
    """The prompt tokens a body is expected to cost (the cost estimate and the TPM budget)."""
    text = " ".join(str(m.get("content", "")) for m in body.get("messages", ()))
    options = body.get("translation_options") or {}
    text += " " + str(options.get("domains", ""))
    for term in options.get("terms", ()):
        text += f" {term['source']} {term['target']}"
    extra = MT_TEMPLATE_TOKENS if model.kind is ModelKind.MT else 0
    return estimate_tokens(text) + REQUEST_OVERHEAD_TOKENS + extra


# -- replies ---------------------------------------------------------------------

_NUMBERED = re.compile(r"^\s*\[(\d+)\]\s?(.*)$")


def parse_reply(content: str, batch: Batch, model: TextModel) -> list[str]:
    """One translated line per cue of ``batch``, in order, or ``WrongCueCount``."""
    expected = len(batch.cues)
    lines = [line.strip() for line in content.strip().splitlines() if line.strip()]
    if model.kind is ModelKind.CHAT:
        numbered = [_NUMBERED.match(line) for line in lines]
        found = [m for m in numbered if m is not None]
        if expected == 1 and not found:
            return [" ".join(lines)] if lines else _wrong(expected, 0)
        numbers = [int(m.group(1)) for m in found]
        if numbers != list(range(1, expected + 1)):
            raise WrongCueCount(expected, len(numbers))
        return [m.group(2).strip() for m in found]
    if expected == 1:
        return [" ".join(lines)] if lines else _wrong(expected, 0)
    if len(lines) != expected:
        raise WrongCueCount(expected, len(lines))
    return lines


def _wrong(expected: int, got: int) -> list[str]:
    raise WrongCueCount(expected, got)


# -- cost ------------------------------------------------------------------------


@dataclass(frozen=True)
class CostEstimate:
    """What a run will cost, worked out from tokens before anything is sent."""

    requests: int
    input_tokens: int
    output_tokens: int
    amount: Decimal | None  # None: the model's price in this region is not published
    currency: str | None

    def describe(self) -> str:
        """One sentence for the confirmation prompt."""
        money = (
            f"about {self.amount} {self.currency}"
            if self.amount is not None
            else "an unknown amount (the price of this model in this region is not published)"
        )
        return (
            f"{self.requests} requests, about {self.input_tokens} tokens sent and"
            f" {self.output_tokens} received: {money}."
        )


def estimate_cost(
    batches: Sequence[Batch], request: Request, model: TextModel, region: Region | None
) -> CostEstimate:
    input_tokens = sum(request_tokens(request_body(b, request, model), model) for b in batches)
    output_tokens = sum(math.ceil(b.source_tokens * EXPECTED_OUTPUT_RATIO) for b in batches)
    price = model.price(region)
    return CostEstimate(
        len(batches),
        input_tokens,
        output_tokens,
        price.cost(input_tokens, output_tokens) if price else None,
        price.currency if price else None,
    )


# -- staleness -------------------------------------------------------------------


def is_stale(translated_from: str, current_source: str) -> bool:
    """A translation made from other source text than the cue has now."""
    return flat_text(translated_from) != flat_text(current_source)


def pending_keys(cues: Sequence[SourceCue], finished: Mapping[str, str]) -> list[str]:
    """Cues with no translation yet or a stale one; ``finished`` maps key → source text."""
    return [c.key for c in cues if c.key not in finished or is_stale(finished[c.key], c.text)]


def stale_keys(cues: Sequence[SourceCue], finished: Mapping[str, str]) -> list[str]:
    """Cues translated once whose source was edited since."""
    return [c.key for c in cues if c.key in finished and is_stale(finished[c.key], c.text)]
