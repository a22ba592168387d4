"""Running a translation: batches sent in parallel within the rate limits, each stored when done.

Durable the same way transcription jobs are: every finished batch lands in the
store before the runner forgets it, and a run starts by asking the store what
is already done, so a kill or a quit resumes with the rest and no batch whose
answer was stored is ever paid for again (only the answers in flight at the
moment of the kill are lost). Plain asyncio, no Qt: the queue panel, the
command line and the benchmark drive the same ``translate_cues``.

A reply with the wrong number of lines, a refused request and a reply cut off
at the token limit all split the batch in half and go on; a single cue the
service refuses (or cannot finish) is stored flagged, and the rest goes on.
Bad key, quota and unknown model stop the run with the typed error; passing
trouble (429, 5xx, network) is retried with backoff, honouring ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from desktop.dashscope.chat import (
    ChatClient,
    ChatReply,
    ChatThrottledError,
    ContentRefusedError,
    TruncatedReplyError,
)
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.errors import DashScopeError, is_transient
from desktop.dashscope.ratelimit import TokenBucket
from desktop.dashscope.retry import RetryPolicy
from desktop.domain import translation_models
from desktop.domain.catalog import Region
from desktop.domain.glossary import Glossary
from desktop.domain.translation import (
    EXPECTED_OUTPUT_RATIO,
    Batch,
    CostEstimate,
    CueResult,
    CueStatus,
    Request,
    SourceCue,
    TokenUsage,
    WrongCueCount,
    estimate_cost,
    parse_reply,
    pending_keys,
    plan_batches,
    request_body,
    request_tokens,
)
from desktop.domain.translation_models import TextModel

log = logging.getLogger(__name__)

HEADROOM = 0.85  # stay this far under the published RPM and TPM
DEFAULT_PARALLEL = 4


class TranslationStore(Protocol):
    """Where finished batches go; the SQLite one is ``desktop.store.translations``."""

    def finished(self) -> Mapping[str, str]:
        """Cue key → the source text its stored translation (or refusal) was made from."""
        ...

    def save_batch(self, results: Sequence[CueResult], usage: TokenUsage, model: str) -> None:
        """Store the results and the tokens paid for them in one transaction.

        ``results`` may be empty: a reply that was paid for but unusable (wrong
        line count, cut off) still counts in the usage ledger.
        """
        ...


@runtime_checkable
class ClaimingStore(Protocol):
    """A store several processes share: one run per track and language at a time."""

    def claim(self) -> None:
        """Take the track for this process, or raise (another process is translating it)."""
        ...

    def release(self) -> None: ...


class Completer(Protocol):
    async def complete(self, body: dict) -> ChatReply: ...


@dataclass(frozen=True)
class TranslationPlan:
    request: Request
    model: TextModel
    batches: list[Batch]
    estimate: CostEstimate

    @property
    def cue_count(self) -> int:
        return sum(len(b.cues) for b in self.batches)


def plan_translation(
    cues: Sequence[SourceCue],
    request: Request,
    *,
    finished: Mapping[str, str] | None = None,
    wanted: Iterable[str] | None = None,
    region: Region | None = None,
) -> TranslationPlan:
    """What a run would send: the untranslated and stale cues (of ``wanted``, if given)."""
    model = translation_models.get(request.model)
    todo = pending_keys(cues, finished or {})
    if wanted is not None:
        chosen = set(wanted)
        todo = [k for k in todo if k in chosen]
    batches = plan_batches(cues, model, wanted=todo)
    return TranslationPlan(request, model, batches, estimate_cost(batches, request, model, region))


@dataclass
class RunOutcome:
    translated: int = 0
    refused: list[str] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)
    requests: int = 0
    usage: TokenUsage = field(default_factory=TokenUsage)
    canceled: bool = False

    def add_usage(self, usage: TokenUsage) -> None:
        self.usage = self.usage + usage


class TokensPerMinute:
    """A sliding-minute budget of tokens (the service's TPM), reserved before each send."""

    def __init__(self, tpm: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.tpm = tpm
        self._clock = clock
        self._spent: deque[tuple[float, int]] = deque()
        self._lock = asyncio.Lock()

    async def reserve(self, tokens: int) -> None:
        tokens = min(tokens, int(self.tpm))  # a huge batch still goes, alone in its minute
        async with self._lock:
            while True:
                now = self._clock()
                while self._spent and now - self._spent[0][0] >= 60:
                    self._spent.popleft()
                if sum(t for _, t in self._spent) + tokens <= self.tpm:
                    self._spent.append((now, tokens))
                    return
                await asyncio.sleep(max(0.05, 60 - (now - self._spent[0][0])))


class TranslationRunner:
    def __init__(
        self,
        client: Completer,
        store: TranslationStore,
        *,
        parallel: int = DEFAULT_PARALLEL,
        retry: RetryPolicy | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: asyncio.Event | None = None,
        rate_factor: float = 1.0,
    ) -> None:
        self._client = client
        self._store = store
        self._parallel = max(1, parallel)
        self._retry = retry or RetryPolicy(attempts=6, max_delay=60)
        self._progress = progress
        self._cancel = cancel or asyncio.Event()
        self._rate_factor = rate_factor

    async def run(self, plan: TranslationPlan) -> RunOutcome:
        self._plan = plan
        self._outcome = RunOutcome()
        self._total = plan.cue_count
        self._done = 0
        self._slots = asyncio.Semaphore(self._parallel)
        model = plan.model
        self._rpm = TokenBucket(model.rpm / 60 * HEADROOM * self._rate_factor)
        self._tpm = TokensPerMinute(model.tpm * HEADROOM * self._rate_factor)
        tasks = [asyncio.create_task(self._batch(b)) for b in plan.batches]
        try:
            await asyncio.gather(*tasks)
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        self._outcome.canceled = self._cancel.is_set()
        return self._outcome

    async def _batch(self, batch: Batch) -> None:
        if self._cancel.is_set():
            return
        body = request_body(batch, self._plan.request, self._plan.model)
        try:
            reply = await self._send(body, batch)
        except ContentRefusedError:
            await self._split_or_flag(batch, CueStatus.REFUSED)
            return
        except TruncatedReplyError as cut:
            self._paid([], cut.reply.usage)
            await self._split_or_flag(batch, CueStatus.TRUNCATED)
            return
        if reply is None:  # canceled while waiting
            return
        try:
            lines = parse_reply(reply.content, batch, self._plan.model)
        except WrongCueCount as wrong:
            log.info("batch of %d cues: %s; splitting it", len(batch.cues), wrong)
            self._paid([], reply.usage)
            await self._split(batch)
            return
        results = [
            CueResult(c.key, c.text, line, CueStatus.TRANSLATED)
            for c, line in zip(batch.cues, lines, strict=True)
        ]
        self._paid(results, reply.usage)

    async def _split_or_flag(self, batch: Batch, status: CueStatus) -> None:
        if len(batch.cues) > 1:
            await self._split(batch)
            return
        if status is CueStatus.REFUSED and (batch.before or batch.after):
            # The inspection reads the context too: a neighbour may be what it refused.
            await self._batch(Batch(batch.cues))
            return
        cue = batch.cues[0]
        self._paid([CueResult(cue.key, cue.text, None, status)], TokenUsage())

    async def _split(self, batch: Batch) -> None:
        left, right = batch.halves()
        await asyncio.gather(self._batch(left), self._batch(right))

    def _paid(self, results: list[CueResult], usage: TokenUsage) -> None:
        self._store.save_batch(results, usage, self._plan.model.name)
        self._outcome.add_usage(usage)
        for result in results:
            if result.status is CueStatus.REFUSED:
                self._outcome.refused.append(result.key)
            elif result.status is CueStatus.TRUNCATED:
                self._outcome.truncated.append(result.key)
            else:
                self._outcome.translated += 1
        self._done += len(results)
        if self._progress is not None and results:
            self._progress(self._done, self._total)

    async def _send(self, body: dict, batch: Batch) -> ChatReply | None:
        expected = request_tokens(body, self._plan.model) + int(
            batch.source_tokens * EXPECTED_OUTPUT_RATIO
        )
        for attempt in range(1, self._retry.attempts + 1):
            async with self._slots:
                if self._cancel.is_set():
                    return None
                await self._tpm.reserve(expected)
                await self._rpm.acquire()
                self._outcome.requests += 1
                try:
                    return await self._client.complete(body)
                except DashScopeError as error:
                    if not is_transient(error) or attempt == self._retry.attempts:
                        raise
                    wait = self._retry.delay(attempt, _throttle_wait(error, attempt))
                    log.info("translation request failed (%s); retry in %.1f s", error.code, wait)
            await asyncio.sleep(wait)
        return None  # not reached: the last attempt raises


def _throttle_wait(error: DashScopeError, attempt: int) -> float | None:
    """How long a 429 asks for: its Retry-After, else a wait that outlasts the minute
    the service measures RPM and TPM over (5, 10, 15… s; "recovery within one minute")."""
    if not isinstance(error, ChatThrottledError):
        return None
    return error.retry_after if error.retry_after is not None else min(60.0, 5.0 * attempt)


async def translate_cues(
    store: TranslationStore,
    cues: Sequence[SourceCue],
    *,
    endpoint: Endpoint | str,
    api_key: str,
    target: str,
    model: str = translation_models.DEFAULT_MODEL,
    source: str | None = None,
    title: str = "",
    glossary: Glossary | None = None,
    wanted: Iterable[str] | None = None,
    region: Region | None = None,
    parallel: int = DEFAULT_PARALLEL,
    progress: Callable[[int, int], None] | None = None,
    cancel: asyncio.Event | None = None,
    confirm: Callable[[CostEstimate], bool] | None = None,
    rate_factor: float = 1.0,
) -> RunOutcome:
    """Translate a track's untranslated and stale cues (or those of ``wanted``) and store them.

    ``confirm`` sees the cost estimate before anything is sent; returning
    False sends nothing. A store several processes share (``ClaimingStore``) is
    claimed first, so two processes never translate the same track and language
    at once (``TranslationBusyError`` from the SQLite store). ``rate_factor`` scales
    the model's published RPM/TPM (an account with raised limits). The command
    line and the queue panel call this.
    """
    request = Request(
        model=model,
        target=translation_models.language_code(target),
        source=translation_models.language_code(source) if source else None,
        title=title,
        glossary=glossary or Glossary(),
    )
    if isinstance(endpoint, Endpoint) and region is None:
        region = endpoint.region
    plan = plan_translation(cues, request, finished=store.finished(), wanted=wanted, region=region)
    if not plan.batches:
        return RunOutcome()
    if confirm is not None and not confirm(plan.estimate):
        return RunOutcome(canceled=True)
    claiming = isinstance(store, ClaimingStore)
    if claiming:
        store.claim()
        # What another process finished while this one planned is not sent again.
        plan = plan_translation(
            cues, request, finished=store.finished(), wanted=wanted, region=region
        )
    try:
        async with ChatClient(endpoint, api_key) as client:
            runner = TranslationRunner(
                client,
                store,
                parallel=parallel,
                progress=progress,
                cancel=cancel,
                rate_factor=rate_factor,
            )
            return await runner.run(plan)
    finally:
        if claiming:
            store.release()
