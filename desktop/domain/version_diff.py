"""Word-level differences between two versions of a transcript, and taking one over.

Two versions are the text being edited (left) and another one (right): the
service's original result, an earlier saved version, or the same media run
with another model. Sentence boundaries differ between models, so the
comparison ignores them: each channel's text becomes one stream of tokens
(a Latin word, a number, one CJK character, or a punctuation mark) and
``difflib`` aligns the streams. A change (``Hunk``) is a run of left tokens
replaced by a run of right tokens.

Taking a change over rewrites only the left sentences that hold its tokens,
through ``editing.edit_text``, so the words that did not change keep their
times and the edit is as undoable as typing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from desktop.domain.editing import EditError, SentenceRef, edit_text, sentence_at
from desktop.domain.transcript import Transcript, is_wide

Side = Literal["left", "right"]
# One CJK character, a run of letters/digits (with inner apostrophes), or one mark.
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|[^\W_]+(?:['’][^\W_]+)*|[^\w\s]")


@dataclass(frozen=True)
class Token:
    ref: SentenceRef
    start: int  # character span in the sentence text
    end: int
    text: str

    @property
    def key(self) -> str:
        return self.text.casefold()


@dataclass(frozen=True)
class Hunk:
    """Left tokens ``[left_start, left_end)`` differ from right ``[right_start, right_end)``."""

    number: int
    channel_id: int
    kind: Literal["replace", "delete", "insert"]
    left_start: int
    left_end: int
    right_start: int
    right_end: int
    left_text: str
    right_text: str


@dataclass(frozen=True)
class ChannelDiff:
    channel_id: int
    left: list[Token]
    right: list[Token]
    equal: list[tuple[int, int, int]]  # (left start, right start, length) of matching runs
    hunks: list[Hunk]


@dataclass(frozen=True)
class VersionDiff:
    channels: list[ChannelDiff]

    @property
    def hunks(self) -> list[Hunk]:
        return [h for c in self.channels for h in c.hunks]

    def similarity(self) -> float:
        """Share of tokens that match, 0..1 (1: the same words)."""
        same = sum(n for c in self.channels for _a, _b, n in c.equal)
        total = sum(len(c.left) + len(c.right) for c in self.channels)
        return 1.0 if total == 0 else 2 * same / total


def tokens(transcript: Transcript, channel_id: int) -> list[Token]:
    found: list[Token] = []
    for index, sentence in enumerate(transcript.channel(channel_id).sentences):
        ref = SentenceRef(channel_id, index)
        for match in _TOKEN.finditer(sentence.text):
            found.append(Token(ref, match.start(), match.end(), match.group()))
    return found


def compare(left: Transcript, right: Transcript) -> VersionDiff:
    """The differences, channel by channel (a channel only one side has is all one change)."""
    ids = [c.channel_id for c in left.channels]
    ids += [c.channel_id for c in right.channels if c.channel_id not in ids]
    channels: list[ChannelDiff] = []
    number = 0
    for channel_id in ids:
        a = tokens(left, channel_id) if _has(left, channel_id) else []
        b = tokens(right, channel_id) if _has(right, channel_id) else []
        opcodes = windowed_opcodes([t.key for t in a], [t.key for t in b])
        hunks: list[Hunk] = []
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "equal":
                continue
            kind: Literal["replace", "delete", "insert"] = tag  # type: ignore[assignment]
            hunks.append(
                Hunk(number, channel_id, kind, i1, i2, j1, j2, spell(a[i1:i2]), spell(b[j1:j2]))
            )
            number += 1
        equal = [(i1, j1, i2 - i1) for tag, i1, i2, j1, _j2 in opcodes if tag == "equal"]
        channels.append(ChannelDiff(channel_id, a, b, equal, hunks))
    return VersionDiff(channels)


Opcode = tuple[str, int, int, int, int]
WINDOW = 1500  # tokens compared at once


def windowed_opcodes(a: list[str], b: list[str], window: int = WINDOW) -> list[Opcode]:
    """``SequenceMatcher`` opcodes, computed a window at a time.

    ``SequenceMatcher`` slows down faster than the text grows: a 12-hour
    transcript (~200 000 tokens) takes half a minute in one piece. Versions of
    one recording stay aligned, so it is compared a window at a time: each
    window's result is kept up to the end of its last match in the first
    three quarters, and the next window starts there, so a change is never
    cut by a window edge.
    """
    opcodes: list[Opcode] = []
    i = j = 0
    while i < len(a) or j < len(b):
        a_end = min(len(a), i + window)
        b_end = min(len(b), j + window + window // 4)
        last = a_end == len(a) and b_end == len(b)
        matcher = SequenceMatcher(None, a[i:a_end], b[j:b_end], autojunk=False)
        found = matcher.get_opcodes()
        if not last:
            ends = [i2 for tag, _i1, i2, _j1, _j2 in found if tag == "equal"]
            kept = [end for end in ends if end <= (a_end - i) * 3 // 4] or ends[:1]
            if kept:
                cut = kept[-1]
                found = [op for op in found if op[2] <= cut]
            else:  # nothing in common in a whole window: call it one change and move on
                found = [("replace", 0, a_end - i, 0, b_end - j)]
        for tag, i1, i2, j1, j2 in found:
            _append(opcodes, (tag, i1 + i, i2 + i, j1 + j, j2 + j))
        i, j = opcodes[-1][2], opcodes[-1][4]
    return opcodes


def _append(opcodes: list[Opcode], op: Opcode) -> None:
    """Add an opcode, joined to the previous one across a window edge (two changes: replace)."""
    if opcodes and (opcodes[-1][0] == op[0] or _both_changes(opcodes[-1][0], op[0])):
        previous = opcodes.pop()
        tag = op[0] if previous[0] == op[0] else "replace"
        op = (tag, previous[1], op[2], previous[3], op[4])
    opcodes.append(op)


def _both_changes(first: str, second: str) -> bool:
    return first != "equal" and second != "equal"


def _has(transcript: Transcript, channel_id: int) -> bool:
    return any(c.channel_id == channel_id for c in transcript.channels)


def spell(run: list[Token]) -> str:
    """Tokens as text: a space between two Latin words, none around CJK or before marks."""
    text = ""
    for token in run:
        if text and needs_space(text[-1], token.text[0]):
            text += " "
        text += token.text
    return text


def needs_space(before: str, after: str) -> bool:
    if is_wide(before) or is_wide(after):
        return False
    return (before.isalnum() or before in ".,;:!?") and (after.isalnum())


def take_right(left: Transcript, diff: VersionDiff, hunk: Hunk) -> Transcript:
    """``left`` with one change taken over from the right version."""
    channel = next(c for c in diff.channels if c.channel_id == hunk.channel_id)
    run = channel.left[hunk.left_start : hunk.left_end]
    if not run:  # an insertion: goes after the token before it (or before the first one)
        return _insert(left, channel.left, hunk)
    edits: dict[SentenceRef, list[tuple[int, int, str]]] = {}
    for position, ref in enumerate(dict.fromkeys(t.ref for t in run)):
        mine = [t for t in run if t.ref == ref]
        replacement = hunk.right_text if position == 0 else ""
        edits.setdefault(ref, []).append((mine[0].start, mine[-1].end, replacement))
    return _apply(left, edits)


def _insert(left: Transcript, stream: list[Token], hunk: Hunk) -> Transcript:
    if not stream:
        raise EditError("this text has no words in that channel to put the change next to")
    if hunk.left_start > 0:
        anchor = stream[hunk.left_start - 1]
        edit = (anchor.end, anchor.end, hunk.right_text)
    else:
        anchor = stream[0]
        edit = (anchor.start, anchor.start, hunk.right_text)
    return _apply(left, {anchor.ref: [edit]})


def _apply(left: Transcript, edits: dict[SentenceRef, list[tuple[int, int, str]]]) -> Transcript:
    for ref, spans in edits.items():
        text = sentence_at(left, ref).text
        for start, end, replacement in sorted(spans, reverse=True):
            head, tail = text[:start], text[end:]
            if replacement:
                if head and not head[-1].isspace() and needs_space(head[-1], replacement[0]):
                    replacement = " " + replacement
                if tail and not tail[0].isspace() and needs_space(replacement[-1], tail[0]):
                    replacement += " "
            text = head + replacement + tail
        left = edit_text(left, ref, text)
    return left


def take_all_right(left: Transcript, right: Transcript) -> Transcript:
    """Every change taken from the right, last first so earlier spans stay valid."""
    diff = compare(left, right)
    for hunk in reversed(diff.hunks):
        channel = next(c for c in diff.channels if c.channel_id == hunk.channel_id)
        if not channel.left:
            continue  # a channel the left does not have: nothing to write into
        left = take_right(left, diff, hunk)
    return left
