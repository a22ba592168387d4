"""Edit operations on a transcript: each takes a transcript and returns a new one.

Transcripts are immutable, so an operation never changes its input: undo is
keeping the previous value, and the service's original stays untouched by
construction. A sentence is addressed by its channel and its index in that
channel (``SentenceRef``); operations that cannot be done raise ``EditError``
with a message a person can act on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from msgspec.structs import replace

from desktop.domain.alignment import is_letter, retime_words, word_core
from desktop.domain.text_cleaning import clean_line
from desktop.domain.transcript import (
    Sentence,
    SpeakerName,
    Transcript,
    Word,
    is_wide,
    join_texts,
)


class EditError(ValueError):
    """An edit that cannot be made; the message says why."""


class SentenceRef(NamedTuple):
    channel_id: int
    index: int


# -- addressing ------------------------------------------------------------------


def sentence_at(transcript: Transcript, ref: SentenceRef) -> Sentence:
    sentences = transcript.channel(ref.channel_id).sentences
    if not 0 <= ref.index < len(sentences):
        raise EditError(f"channel {ref.channel_id} has no sentence {ref.index}")
    return sentences[ref.index]


def ordered_refs(
    transcript: Transcript, channel_id: int | None = None
) -> list[tuple[SentenceRef, Sentence]]:
    """Sentences in reading order: one channel's, or every channel's merged by time."""
    if channel_id is not None:
        channel = transcript.channel(channel_id)
        return [(SentenceRef(channel_id, i), s) for i, s in enumerate(channel.sentences)]
    rows = [
        (SentenceRef(c.channel_id, i), s)
        for c in transcript.channels
        for i, s in enumerate(c.sentences)
    ]
    if len(transcript.channels) > 1:
        rows.sort(key=lambda row: (row[1].begin_ms, row[0].channel_id, row[1].end_ms))
    return rows


def _with_sentences(
    transcript: Transcript, channel_id: int, start: int, stop: int, new: Sequence[Sentence]
) -> Transcript:
    """``transcript`` with the channel's sentences ``[start:stop]`` replaced by ``new``."""
    channels = list(transcript.channels)
    for position, channel in enumerate(channels):
        if channel.channel_id == channel_id:
            sentences = channel.sentences[:start] + tuple(new) + channel.sentences[stop:]
            channels[position] = replace(channel, sentences=sentences)
            return replace(transcript, channels=tuple(channels))
    raise EditError(f"the transcript has no channel {channel_id}")


def _replace_one(transcript: Transcript, ref: SentenceRef, sentence: Sentence) -> Transcript:
    return _with_sentences(transcript, ref.channel_id, ref.index, ref.index + 1, (sentence,))


# -- text ------------------------------------------------------------------------


def edit_text(transcript: Transcript, ref: SentenceRef, text: str) -> Transcript:
    """Set a sentence's text; unchanged words keep their times, the rest are interpolated."""
    sentence = sentence_at(transcript, ref)
    text = clean_line(text)
    if text == sentence.text:
        return transcript
    return _replace_one(transcript, ref, _retext(sentence, text))


def _retext(sentence: Sentence, text: str) -> Sentence:
    words = (
        retime_words(sentence.words, text, sentence.begin_ms, sentence.end_ms)
        if sentence.words
        else ()
    )
    return replace(sentence, text=text, words=words)


def split_sentence(transcript: Transcript, ref: SentenceRef, offset: int) -> Transcript:
    """Cut a sentence in two before character ``offset`` of its text.

    Words before the cut stay in the first sentence, the rest go to the second;
    a word cut in the middle becomes two words sharing its time by length.
    """
    sentence = sentence_at(transcript, ref)
    text = sentence.text
    if not text[:offset].strip() or not text[offset:].strip():
        raise EditError("put the cursor between two words to split the sentence there")
    left_text, right_text = text[:offset].rstrip(), text[offset:].lstrip()
    if sentence.words:
        left_words, right_words = _split_words(sentence, offset)
        left_end = left_words[-1].end_ms if left_words else sentence.begin_ms
        right_begin = right_words[0].begin_ms if right_words else sentence.end_ms
    else:
        left_words = right_words = ()
        left_end = right_begin = sentence.begin_ms + sentence.duration_ms * offset // len(text)
    left = replace(
        sentence, end_ms=left_end, text=left_text, words=_trim_end(left_words), raw_text=None
    )
    right = replace(
        sentence,
        begin_ms=right_begin,
        text=right_text,
        words=_trim_start(right_words),
        raw_text=None,
        sentence_id=None,
    )
    return _with_sentences(transcript, ref.channel_id, ref.index, ref.index + 1, (left, right))


def split_before_word(transcript: Transcript, ref: SentenceRef, word_index: int) -> Transcript:
    """Cut a sentence so that its word ``word_index`` starts the second sentence."""
    sentence = sentence_at(transcript, ref)
    if not 0 < word_index < len(sentence.words):
        raise EditError("a sentence can be split only before one of its words after the first")
    offsets = word_offsets(sentence)
    return split_sentence(transcript, ref, offsets[word_index][0])


def word_offsets(sentence: Sentence) -> list[tuple[int, int]]:
    """Each word's ``(start, end)`` character span in the sentence text.

    Words are found in order; a word the text does not contain (the service's
    text and words can disagree) gets the span its share of the text would have.
    """
    text = sentence.text
    spans: list[tuple[int, int]] = []
    cursor = 0
    count = len(sentence.words)
    for index, word in enumerate(sentence.words):
        core = word_core(word.text) or word.text.strip()
        found = text.find(core, cursor) if core else -1
        if found < 0:
            start = max(cursor, len(text) * index // count)
            spans.append((start, max(start, len(text) * (index + 1) // count)))
        else:
            spans.append((found, found + len(core)))
        cursor = spans[-1][1]
    return spans


def _split_words(sentence: Sentence, offset: int) -> tuple[tuple[Word, ...], tuple[Word, ...]]:
    left: list[Word] = []
    right: list[Word] = []
    for word, (start, end) in zip(sentence.words, word_offsets(sentence), strict=True):
        if end <= offset:
            left.append(word)
        elif start >= offset:
            right.append(word)
        else:
            head, tail = _cut_word(word, offset - start)
            left.append(head)
            right.append(tail)
    return tuple(left), tuple(right)


def _cut_word(word: Word, at: int) -> tuple[Word, Word]:
    """Cut a word's core after ``at`` characters; the two halves share its time by length."""
    text = word.text
    core = word_core(text) or text
    start = max(0, text.find(core))
    at = min(max(at, 1), max(1, len(core) - 1))
    middle = word.begin_ms + (word.end_ms - word.begin_ms) * at // max(1, len(core))
    head = Word(word.begin_ms, middle, text[:start] + core[:at])
    tail = Word(middle, word.end_ms, core[at:] + text[start + len(core) :], word.punctuation)
    return head, tail


def _trim_end(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """The last word without trailing spaces: the sentence text was right-stripped too."""
    if not words:
        return words
    last = words[-1]
    if last.punctuation:
        last = replace(last, punctuation=last.punctuation.rstrip())
    else:
        last = replace(last, text=last.text.rstrip())
    return (*words[:-1], last)


def _trim_start(words: tuple[Word, ...]) -> tuple[Word, ...]:
    if not words:
        return words
    return (replace(words[0], text=words[0].text.lstrip()), *words[1:])


def merge_with_next(transcript: Transcript, ref: SentenceRef) -> Transcript:
    """Join a sentence with the next one of its channel."""
    sentences = transcript.channel(ref.channel_id).sentences
    if not 0 <= ref.index < len(sentences) - 1:
        raise EditError("the last sentence of a channel has no next sentence to merge with")
    first, second = sentences[ref.index], sentences[ref.index + 1]
    text = join_texts([first.text, second.text])
    words = first.words
    if words and len(text) > len(first.text) + len(second.text):  # join_texts added a space
        last = words[-1]
        if last.punctuation:
            last = replace(last, punctuation=last.punctuation + " ")
        else:
            last = replace(last, text=last.text + " ")
        words = (*words[:-1], last)
    merged = replace(
        first,
        begin_ms=min(first.begin_ms, second.begin_ms),
        end_ms=max(first.end_ms, second.end_ms),
        text=text,
        words=tuple(sorted(words + second.words, key=lambda w: w.begin_ms)),
        emotion=first.emotion or second.emotion,
        events=_union(first.events, second.events),
        tags=_union(first.tags, second.tags),
        raw_text=None,
        reviewed=first.reviewed and second.reviewed,
        language=first.language or second.language,
    )
    return _with_sentences(transcript, ref.channel_id, ref.index, ref.index + 2, (merged,))


def _union(a: Iterable[str], b: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*a, *b]))


# -- timing ----------------------------------------------------------------------


def set_times(transcript: Transcript, ref: SentenceRef, begin_ms: int, end_ms: int) -> Transcript:
    """Move a sentence's start and end; its words are kept inside the new span.

    The channel stays ordered by start time, so a sentence moved past its
    neighbour changes place.
    """
    if begin_ms < 0 or end_ms < begin_ms:
        raise EditError("a sentence must start at 0 or later and end after it starts")
    sentence = sentence_at(transcript, ref)
    if (begin_ms, end_ms) == (sentence.begin_ms, sentence.end_ms):
        return transcript
    words = tuple(
        replace(
            w,
            begin_ms=min(max(w.begin_ms, begin_ms), end_ms),
            end_ms=min(max(w.end_ms, begin_ms), end_ms),
        )
        for w in sentence.words
    )
    moved = replace(sentence, begin_ms=begin_ms, end_ms=end_ms, words=words)
    sentences = list(transcript.channel(ref.channel_id).sentences)
    sentences[ref.index] = moved
    sentences.sort(key=lambda s: (s.begin_ms, s.end_ms))  # stable: equal times keep order
    return _with_sentences(transcript, ref.channel_id, 0, len(sentences), sentences)


def nudge(
    transcript: Transcript, ref: SentenceRef, *, start_ms: int = 0, end_ms: int = 0
) -> Transcript:
    """Shift a sentence's start and/or end by a few milliseconds (keyboard nudges)."""
    sentence = sentence_at(transcript, ref)
    begin = max(0, sentence.begin_ms + start_ms)
    end = max(begin, sentence.end_ms + end_ms)
    return set_times(transcript, ref, begin, end)


# -- speakers --------------------------------------------------------------------


def speaker_ids(transcript: Transcript, channel_id: int) -> list[int]:
    """The diarized speakers of a channel, plus any the user named."""
    ids = {s.speaker_id for s in transcript.channel(channel_id).sentences}
    ids.update(n.speaker_id for n in transcript.speaker_names if n.channel_id == channel_id)
    return sorted(i for i in ids if i is not None)


def rename_speaker(
    transcript: Transcript, channel_id: int, speaker_id: int, name: str
) -> Transcript:
    """Give a speaker a name everywhere; an empty name goes back to "Speaker N"."""
    name = clean_line(name)
    key = (channel_id, speaker_id)
    kept = [n for n in transcript.speaker_names if (n.channel_id, n.speaker_id) != key]
    if name:
        kept.append(SpeakerName(channel_id, speaker_id, name))
    kept.sort(key=lambda n: (n.channel_id, n.speaker_id))
    return replace(transcript, speaker_names=tuple(kept))


def set_speaker(transcript: Transcript, ref: SentenceRef, speaker_id: int | None) -> Transcript:
    """Say who spoke one sentence."""
    sentence = sentence_at(transcript, ref)
    if sentence.speaker_id == speaker_id:
        return transcript
    return _replace_one(transcript, ref, replace(sentence, speaker_id=speaker_id))


# -- review ----------------------------------------------------------------------


def set_reviewed(transcript: Transcript, ref: SentenceRef, reviewed: bool) -> Transcript:
    sentence = sentence_at(transcript, ref)
    if sentence.reviewed == reviewed:
        return transcript
    return _replace_one(transcript, ref, replace(sentence, reviewed=reviewed))


def next_unreviewed(sentences: Sequence[Sentence], after: int) -> int | None:
    """The position of the first unreviewed sentence after ``after``, wrapping around."""
    count = len(sentences)
    for step in range(1, count + 1):
        position = (after + step) % count
        if not sentences[position].reviewed:
            return position
    return None


# -- find and replace ------------------------------------------------------------


@dataclass(frozen=True)
class TextQuery:
    """What to look for: literal text (default) or a regular expression."""

    pattern: str
    match_case: bool = False
    whole_word: bool = False
    regex: bool = False

    def compile(self) -> re.Pattern[str]:
        if not self.pattern:
            raise EditError("type the text to find")
        body = self.pattern if self.regex else re.escape(self.pattern)
        if self.whole_word:
            # Chinese has no spaces: a boundary is required only at a Latin edge.
            literal = self.pattern
            head = self.regex or (is_letter(literal[0]) and not is_wide(literal[0]))
            tail = self.regex or (is_letter(literal[-1]) and not is_wide(literal[-1]))
            body = ("(?<!\\w)" if head else "") + f"(?:{body})" + ("(?!\\w)" if tail else "")
        try:
            return re.compile(body, 0 if self.match_case else re.IGNORECASE)
        except re.error as error:
            raise EditError(f"the regular expression is not valid: {error}") from None


class TextMatch(NamedTuple):
    ref: SentenceRef
    start: int
    end: int


def find_all(
    transcript: Transcript, query: TextQuery, refs: Iterable[SentenceRef] | None = None
) -> list[TextMatch]:
    """Every match in the given sentences (default: all, in reading order)."""
    pattern = query.compile()
    if refs is None:
        refs = [ref for ref, _ in ordered_refs(transcript)]
    matches: list[TextMatch] = []
    for ref in refs:
        text = sentence_at(transcript, ref).text
        for found in pattern.finditer(text):
            if found.end() > found.start():  # an empty match (``^``) is nothing to show
                matches.append(TextMatch(ref, found.start(), found.end()))
    return matches


def replace_match(
    transcript: Transcript, match: TextMatch, query: TextQuery, replacement: str
) -> Transcript:
    """Replace one match found by ``find_all``."""
    pattern = query.compile()
    text = sentence_at(transcript, match.ref).text
    found = pattern.match(text, match.start)
    if found is None or found.end() != match.end:
        raise EditError("the text changed since it was found; search again")
    new = text[: match.start] + _expand(found, query, replacement) + text[match.end :]
    return edit_text(transcript, match.ref, new)


def replace_all(
    transcript: Transcript,
    query: TextQuery,
    replacement: str,
    refs: Iterable[SentenceRef] | None = None,
) -> tuple[Transcript, int]:
    """Replace every match; returns the new transcript and how many were replaced."""
    pattern = query.compile()
    if refs is None:
        refs = [ref for ref, _ in ordered_refs(transcript)]
    count = 0
    for ref in refs:
        text = sentence_at(transcript, ref).text
        new, replaced = pattern.subn(lambda m: _expand(m, query, replacement), text)
        if replaced and new != text:
            transcript = edit_text(transcript, ref, new)
            count += replaced
    return transcript, count


def _expand(match: re.Match[str], query: TextQuery, replacement: str) -> str:
    """Regex replacements may refer to groups (``\\1``); literal ones are taken as typed."""
    if not query.regex:
        return replacement
    try:
        return match.expand(replacement)
    except (re.error, IndexError) as error:
        raise EditError(f"the replacement is not valid: {error}") from None
