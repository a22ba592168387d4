"""Spell checking in the transcript's sentence editor: which language, which words to accept.

The language is the one the job asked for (Qwen3-ASR's ``language`` or the
first language hint), else the one most sentences were detected in, else
Chinese when most of the text is wide script (not checked, and the editor's
tooltip says so), else English. Never flagged: the personal word list, and
the terms the job told the recogniser about. Of those the library keeps only
the job's options: Qwen3-ASR's context text is there, word for word, but a
hot-word vocabulary is stored as its ``vocabulary_id`` alone (its words live
on the service). Nothing is fetched from the service to spell-check, so a
vocabulary's words are accepted once they are in the personal list ("Add to
dictionary"). Loading the dictionary takes half a second: it is done off the
GUI thread, after the window's first paint.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from desktop.dashscope.options import TranscriptionOptions
from desktop.domain.transcript import Transcript, is_wide
from desktop.jobs import job_options
from desktop.spelling.checker import NotCheckedError, SpellChecker
from desktop.spelling.personal_words import PersonalWords
from desktop.store.library import LibraryFile
from desktop.ui.util.background import report_unexpected, run_in_thread

SPELLING_DELAY_MS = 300
_SAMPLE_SENTENCES = 200  # enough text to tell the script apart


def job_options_of(library: LibraryFile, item_id: int) -> list[TranscriptionOptions]:
    """The options of the jobs that made ``item_id`` (none for an imported file)."""
    with library.connect() as opened:
        jobs = opened.jobs.for_item(item_id)
    found: list[TranscriptionOptions] = []
    for job in jobs:
        try:
            found.append(job_options.decode(job.options))
        except (ValueError, TypeError):
            continue  # options of an older app: nothing to learn from them
    return found


def transcript_language(transcript: Transcript, options: Sequence[TranscriptionOptions]) -> str:
    """The language to check ``transcript`` in (see the module docstring)."""
    for chosen in options:
        if chosen.language:
            return chosen.language
        if chosen.language_hints:
            return chosen.language_hints[0]
    sentences = transcript.merged_sentences()[:_SAMPLE_SENTENCES]
    detected = Counter(s.language for s in sentences if s.language)
    if detected:
        return detected.most_common(1)[0][0]
    text = "".join(s.text for s in sentences)
    wide = sum(1 for ch in text if is_wide(ch))
    letters = sum(1 for ch in text if ch.isalpha())
    return "zh" if letters and wide * 2 > letters else "en"


def accepted_words(options: Sequence[TranscriptionOptions]) -> list[str]:
    """The terms the jobs told the recogniser about that the library knows word for word."""
    return [o.context_text for o in options if o.context_text]


def load_checker(library: LibraryFile, item_id: int, transcript: Transcript) -> SpellChecker:
    """The item's checker (run off the GUI thread); ``NotCheckedError`` says why none."""
    options = job_options_of(library, item_id)
    return SpellChecker.for_language(
        transcript_language(transcript, options),
        personal=PersonalWords(),
        vocabulary=accepted_words(options),
    )


def start_spelling(
    owner: QObject,
    library: LibraryFile,
    item_id: int,
    transcript: Callable[[], Transcript],
    use: Callable[[SpellChecker | None, str], None],
) -> None:
    """Load the item's checker once the window has painted; ``use(checker, reason)`` gets it,
    or ``None`` and the sentence saying why nothing is checked."""

    def failed(error: Exception) -> None:
        if not isinstance(error, NotCheckedError | OSError):
            report_unexpected(error)
        reason = QCoreApplication.translate("TranscriptSpelling", "No spell checking: {0}")
        use(None, reason.format(error))

    def start() -> None:
        snapshot = transcript()
        run_in_thread(
            owner,
            lambda: load_checker(library, item_id, snapshot),
            lambda checker: use(checker, ""),
            failed,
        )

    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.timeout.connect(start)
    timer.timeout.connect(timer.deleteLater)
    timer.start(SPELLING_DELAY_MS)
