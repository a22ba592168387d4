"""Re-timing a sentence's words after its text was edited.

A person fixes a misheard word, adds a comma or deletes a filler; every word
they did not touch must keep the exact times the service measured, or the
corrected text would drift against the media in every export. Words are
matched character by character (``difflib``), not by splitting on spaces,
because Chinese has no spaces and the service's "words" there are runs of
characters ("阿里巴巴"). A new word survives an edit when its characters are
exactly one old word's characters, matched in order; every other new word gets
times interpolated, in proportion to its length, inside the gap its surviving
neighbours leave.
"""

from __future__ import annotations

import difflib
import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.domain.transcript import Word, is_wide

# Characters that stay inside a Latin word when letters follow them: "don't", "e-mail", "3.5".
_JOINERS = frozenset("'’-.")


@dataclass
class _Token:
    """One word of the new text while it is being built."""

    core: str  # the word's letters, what alignment compares
    start: int  # index of the core's first character in the new core stream
    wide: bool  # a single CJK character (grouped with its neighbours later)
    text_tail: str = ""  # spaces after the core (a Latin word carries them, "Hello ")
    punctuation: str = ""  # punctuation after the core, with any spaces after it
    prefix: str = ""  # what precedes the first word (an opening quote)
    old: set[int] = field(default_factory=set)  # old words its characters matched


def retime_words(
    old_words: Sequence[Word], new_text: str, begin_ms: int, end_ms: int
) -> tuple[Word, ...]:
    """The words of ``new_text``, timed from ``old_words`` inside ``[begin_ms, end_ms]``.

    The words' displays joined give ``new_text`` back exactly.
    """
    tokens = _tokenize(new_text)
    if not tokens:
        return ()
    old_cores = [word_core(w.text) for w in old_words]
    owner, place = _align(old_cores, "".join(t.core for t in tokens))
    tokens = _split_joined(tokens, owner, place, old_cores)
    for token in tokens:
        token.old = {owner[token.start + i] for i in range(len(token.core))}
    tokens = _group_wide(tokens)
    survivors = _survivors(tokens, old_cores)
    return _timed(tokens, survivors, old_words, begin_ms, end_ms)


def word_core(text: str) -> str:
    """A word without the spaces and punctuation around it: what alignment compares."""
    start, end = 0, len(text)
    while start < end and not is_letter(text[start]):
        start += 1
    while end > start and not is_letter(text[end - 1]):
        end -= 1
    return text[start:end]


def is_letter(char: str) -> bool:
    """Part of a word rather than punctuation or space."""
    return unicodedata.category(char)[0] in "LNM"


def _tokenize(text: str) -> list[_Token]:
    """Split text into words, each with the spaces and punctuation that follow it."""
    tokens: list[_Token] = []
    prefix: list[str] = []
    position = 0  # index in the stream of core characters
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if is_letter(char):
            if is_wide(char):
                core, i = char, i + 1
            else:
                j = i + 1
                while j < n and not is_wide(text[j]) and _continues_word(text, j):
                    j += 1
                core, i = text[i:j], j
            token = _Token(core=core, start=position, wide=len(core) == 1 and is_wide(core))
            if not tokens:
                token.prefix, prefix = "".join(prefix), []
            tokens.append(token)
            position += len(core)
        else:
            tail_start = i
            while i < n and not is_letter(text[i]):
                i += 1
            _attach(tokens, prefix, text[tail_start:i])
    return tokens


def _continues_word(text: str, j: int) -> bool:
    char = text[j]
    if is_letter(char):
        return True
    return char in _JOINERS and j + 1 < len(text) and is_letter(text[j + 1])


def _attach(tokens: list[_Token], prefix: list[str], gap: str) -> None:
    """Give the spaces and punctuation between two words to the word before them."""
    if not tokens:
        prefix.append(gap)
        return
    spaces = len(gap) - len(gap.lstrip())
    token = tokens[-1]
    if spaces == len(gap):
        token.text_tail += gap
    else:
        token.text_tail += gap[:spaces]
        token.punctuation += gap[spaces:]


def _align(old_cores: Sequence[str], new_stream: str) -> tuple[list[int], list[int]]:
    """For each character of the new text: the old word it matched (or -1), and which
    character of that word it is."""
    old_stream: list[str] = []
    old_owner: list[int] = []
    old_place: list[int] = []
    for index, core in enumerate(old_cores):
        old_stream.extend(core)
        old_owner.extend([index] * len(core))
        old_place.extend(range(len(core)))
    owner = [-1] * len(new_stream)
    place = [-1] * len(new_stream)
    matcher = difflib.SequenceMatcher(None, old_stream, list(new_stream), autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            owner[b + k] = old_owner[a + k]
            place[b + k] = old_place[a + k]
    return owner, place


def _split_joined(
    tokens: list[_Token], owner: list[int], place: list[int], old_cores: Sequence[str]
) -> list[_Token]:
    """Cut a Latin word where one old word ends and the next begins ("Helloworld").

    Deleting the space between two words should not cost both their times.
    """
    out: list[_Token] = []
    for token in tokens:
        cuts = [
            k
            for k in range(1, len(token.core))
            if _is_seam(token.start + k, owner, place, old_cores)
        ]
        if not cuts or token.wide:
            out.append(token)
            continue
        bounds = [0, *cuts, len(token.core)]
        for i, (a, b) in enumerate(itertools.pairwise(bounds)):
            last = i == len(bounds) - 2
            out.append(
                _Token(
                    core=token.core[a:b],
                    start=token.start + a,
                    wide=False,
                    text_tail=token.text_tail if last else "",
                    punctuation=token.punctuation if last else "",
                    prefix=token.prefix if i == 0 else "",
                )
            )
    return out


def _is_seam(at: int, owner: list[int], place: list[int], old_cores: Sequence[str]) -> bool:
    before, after = owner[at - 1], owner[at]
    return (
        before >= 0
        and after >= 0
        and before != after
        and place[at - 1] == len(old_cores[before]) - 1
        and place[at] == 0
    )


def _group_wide(tokens: list[_Token]) -> list[_Token]:
    """Join adjacent CJK characters that came from the same old word (or are all new)."""
    grouped: list[_Token] = []
    for token in tokens:
        last = grouped[-1] if grouped else None
        if (
            last is not None
            and token.wide
            and _is_wide_run(last)
            and not last.text_tail
            and not last.punctuation
            and token.old == last.old
            and len(token.old) == 1
        ):
            last.core += token.core
            last.text_tail, last.punctuation = token.text_tail, token.punctuation
        else:
            grouped.append(token)
    return grouped


def _is_wide_run(token: _Token) -> bool:
    return all(is_wide(c) for c in token.core)


def _survivors(tokens: Sequence[_Token], old_cores: Sequence[str]) -> dict[int, int]:
    """Token index → old word index, for tokens that are exactly one old word."""
    survivors: dict[int, int] = {}
    used: set[int] = set()
    for index, token in enumerate(tokens):
        if len(token.old) != 1:
            continue
        (old,) = token.old
        if old >= 0 and old not in used and old_cores[old] == token.core:
            survivors[index] = old
            used.add(old)
    return survivors


def _timed(
    tokens: Sequence[_Token],
    survivors: dict[int, int],
    old_words: Sequence[Word],
    begin_ms: int,
    end_ms: int,
) -> tuple[Word, ...]:
    times: list[tuple[int, int]] = [(0, 0)] * len(tokens)
    for index, old in survivors.items():
        times[index] = (old_words[old].begin_ms, old_words[old].end_ms)
    index = 0
    while index < len(tokens):
        if index in survivors:
            index += 1
            continue
        run_end = index
        while run_end < len(tokens) and run_end not in survivors:
            run_end += 1
        left = times[index - 1][1] if index > 0 else begin_ms
        right = times[run_end][0] if run_end < len(tokens) else end_ms
        spread = _spread([len(t.core) for t in tokens[index:run_end]], left, max(left, right))
        times[index:run_end] = spread
        index = run_end
    return tuple(
        Word(begin, end, t.prefix + t.core + t.text_tail, t.punctuation)
        for t, (begin, end) in zip(tokens, times, strict=True)
    )


def _spread(weights: Sequence[int], left: int, right: int) -> list[tuple[int, int]]:
    """Cut ``[left, right]`` into consecutive pieces proportional to ``weights``."""
    total = sum(weights) or 1
    span = right - left
    out: list[tuple[int, int]] = []
    done = 0
    for weight in weights:
        start = left + span * done // total
        done += weight
        out.append((start, left + span * done // total))
    return out
