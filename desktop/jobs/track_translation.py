"""Translating a library track: its cues, its stored translations, its glossary, one run.

What the command line (``tingxie translate``), the queue panel's translation
job and the subtitle view share, above ``translate_cues`` and the SQLite
store. Translations are stored per track under each cue's ``TrackCue.key``
(a stable id that survives edits; see ``desktop.domain.cue_track``) with the
source text they were made from, so a cue edited since is *stale* and a run
re-translates exactly the stale and missing cues. No Qt.

The subtitle view's translation column needs only ``cue_translations`` (one
``CueTranslation`` per cue, in track order: text, status, stale) and
``set_translation`` (a person's edit, stored as ``edited``; undo is another
``set_translation`` with the earlier text, or ``clear_translation``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.errors import DashScopeError
from desktop.domain.catalog import Region
from desktop.domain.cue_track import CueTrack
from desktop.domain.glossary import Glossary, from_vocabulary, load_csv
from desktop.domain.translation import CostEstimate, CueStatus, SourceCue, is_stale
from desktop.domain.translation_models import language_code
from desktop.jobs import job_options
from desktop.jobs.translation import DEFAULT_PARALLEL, RunOutcome, translate_cues
from desktop.store.library import Library
from desktop.store.translations import SqliteTranslationStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CueTranslation:
    """A cue's translation into one language, as a translation column shows it."""

    key: str
    text: str | None  # None: not translated yet, or refused / cut off by the service
    status: CueStatus | None  # None: never translated
    stale: bool  # the source cue was edited after this translation was made


def source_cues(track: CueTrack) -> list[SourceCue]:
    """The track's cues as the translator reads them: key and text, in track order."""
    return [SourceCue(cue.key, cue.text) for cue in track.cues]


def store_for(library: Library, track_id: int, language: str) -> SqliteTranslationStore:
    return library.translations(track_id, language)


def cue_translations(
    library: Library, track_id: int, track: CueTrack, language: str
) -> list[CueTranslation]:
    """One entry per cue of ``track`` (in order) with its translation into ``language``."""
    stored = store_for(library, track_id, language).all()
    out = []
    for cue in track.cues:
        row = stored.get(cue.key)
        if row is None:
            out.append(CueTranslation(cue.key, None, None, False))
        else:
            stale = is_stale(row.source_text, cue.text)
            out.append(CueTranslation(cue.key, row.text, row.status, stale))
    return out


def set_translation(
    library: Library, track_id: int, track: CueTrack, index: int, language: str, text: str
) -> None:
    """A person's translation of cue ``index``: kept (status ``edited``) until its source
    changes; an empty ``text`` forgets the translation (the cue is untranslated again)."""
    cue = track.cues[index]
    store = store_for(library, track_id, language)
    if text.strip():
        store.set_text(cue.key, cue.text, text)
    else:
        store.forget([cue.key])


def clear_translation(library: Library, track_id: int, key: str, language: str) -> None:
    store_for(library, track_id, language).forget([key])


def stale_counts(library: Library, track_id: int, track: CueTrack) -> dict[str, int]:
    """Language → how many of the track's translations are stale (every language it has)."""
    counts = {}
    for language in library.translation_languages(track_id):
        rows = cue_translations(library, track_id, track, language)
        counts[language] = sum(1 for row in rows if row.stale)
    return counts


def translated_counts(library: Library, track_id: int, track: CueTrack) -> dict[str, int]:
    """Language → cues with a current (not stale) translation."""
    counts = {}
    for language in library.translation_languages(track_id):
        rows = cue_translations(library, track_id, track, language)
        counts[language] = sum(1 for row in rows if row.text and not row.stale)
    return counts


def translation_texts(
    library: Library, track_id: int, track: CueTrack, language: str
) -> dict[str, str | None]:
    """Cue key → translated text, for the exports (a stale translation is still exported)."""
    return {row.key: row.text for row in cue_translations(library, track_id, track, language)}


# -- glossary ----------------------------------------------------------------------


def item_vocabulary_id(library: Library, item_id: int) -> str | None:
    """The hot-word vocabulary the item was transcribed with, if its job is still known."""
    for job in library.jobs.all():
        if job.item_id != item_id:
            continue
        try:
            vocabulary = job_options.decode(job.options).vocabulary_id
        except (ValueError, TypeError, AttributeError):  # a row written by a newer Tingxie
            continue
        if vocabulary:
            return vocabulary
    return None


async def vocabulary_glossary(vocabulary_id: str, endpoint: Endpoint, api_key: str) -> Glossary:
    """The words of a hot-word vocabulary as glossary hints; none if it cannot be read
    (deleted, another account): a glossary is help, not a reason to stop."""
    from desktop.dashscope.account import with_account
    from desktop.dashscope.client import DashScopeClient

    async def words(client: DashScopeClient) -> list[str]:
        vocabulary = await client.vocabularies.query(vocabulary_id)
        return [entry.text for entry in vocabulary.vocabulary]

    try:
        return from_vocabulary(await with_account(endpoint, api_key, words))
    except DashScopeError as error:
        log.info("vocabulary %s not used as glossary: %s", vocabulary_id, error.code)
        return Glossary()


async def build_glossary(
    library: Library,
    item_id: int,
    *,
    csv_path: Path | None,
    endpoint: Endpoint,
    api_key: str,
    rows: Iterable[tuple[str, str]] = (),
) -> Glossary:
    """The CSV's terms (they win), the app table's rows, then the job's hot words as hints."""
    from desktop.domain.glossary import from_rows

    glossary = load_csv(csv_path) if csv_path is not None else Glossary()
    glossary = glossary.merged(from_rows(rows))
    vocabulary = item_vocabulary_id(library, item_id)
    if vocabulary:
        glossary = glossary.merged(await vocabulary_glossary(vocabulary, endpoint, api_key))
    return glossary


# -- a run -------------------------------------------------------------------------


def current_track(library: Library, item_id: int, name: str) -> tuple[int, CueTrack]:
    """The track's id and its newest version, with cues the transcript changed under marked."""
    from desktop.domain.staleness import refresh

    info = library.tracks.find(item_id, name)
    return info.id, refresh(library.tracks.load(info.id), library.transcript(item_id))


def estimate_run(
    library: Library, run: TrackRun, region: Region | None
) -> tuple[int, CostEstimate]:
    """(cues a run would send, what it would cost): nothing is sent to find out."""
    from desktop.domain.translation import Request
    from desktop.jobs.translation import plan_translation

    target = language_code(run.target)
    request = Request(run.model, target, None, run.title, run.glossary)
    finished = store_for(library, run.track_id, target).finished()
    plan = plan_translation(
        source_cues(run.track), request, finished=finished, wanted=run.wanted, region=region
    )
    return plan.cue_count, plan.estimate


@dataclass(frozen=True)
class TrackRun:
    """What one translation of a track needs; ``wanted``: only these cue keys."""

    item_id: int
    track_id: int
    track: CueTrack
    title: str
    target: str
    model: str
    glossary: Glossary
    wanted: Sequence[str] | None = None


async def translate_track(
    library: Library,
    run: TrackRun,
    *,
    endpoint: Endpoint,
    api_key: str,
    progress: Callable[[int, int], None] | None = None,
    cancel: asyncio.Event | None = None,
    confirm: Callable[[CostEstimate], bool] | None = None,
    parallel: int = DEFAULT_PARALLEL,
) -> RunOutcome:
    """Translate the track's missing and stale cues, each batch stored as it arrives."""
    target = language_code(run.target)
    return await translate_cues(
        store_for(library, run.track_id, target),
        source_cues(run.track),
        endpoint=endpoint,
        api_key=api_key,
        target=target,
        model=run.model,
        title=run.title,
        glossary=run.glossary,
        wanted=run.wanted,
        parallel=parallel,
        progress=progress,
        cancel=cancel,
        confirm=confirm,
    )
