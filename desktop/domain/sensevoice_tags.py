"""SenseVoice's inline ``<|…|>`` tags: split into labels and clean text, and back.

SenseVoice writes emotion and audio events into the sentence text, e.g.
``"<|Speech|> Senior staff, classmates. <|/Speech|> <|ANGRY|>"``. The editor,
search and every export want the words alone, while filters want the labels.
Tags the app does not know are kept as labels too, never silently dropped.
"""

from __future__ import annotations

import re

import msgspec

EMOTIONS = frozenset({"ANGRY", "HAPPY", "SAD", "NEUTRAL", "FEARFUL", "DISGUSTED", "SURPRISED"})
EVENTS = frozenset({"Speech", "BGM", "Applause", "Laughter", "Cry", "Sneeze", "Cough", "Breath"})
# Tokens that mean "no label": SenseVoice's placeholder for "no emotion detected".
NO_LABEL = frozenset({"SPECIAL_TOKEN_1", "EMO_UNKNOWN", "Event_UNK"})

_TAG = re.compile(r"<\|\s*(/?)\s*([^<>|]{1,64}?)\s*\|>")
_SPACES = re.compile(r"[ \t\u3000]{2,}")


class TaggedText(msgspec.Struct, frozen=True):
    """Text with its tags taken out."""

    text: str
    emotion: str | None = None
    events: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


def split_tags(raw: str) -> TaggedText:
    """Take the ``<|…|>`` tags out of ``raw``; text without tags comes back unchanged.

    Each tag is replaced by a space and runs of spaces are collapsed, so
    ``"<|Speech|> hi <|/Speech|>"`` reads ``"hi"`` rather than ``"  hi  "``.
    """
    if "<|" not in raw:
        return TaggedText(raw)
    emotion: str | None = None
    events: list[str] = []
    tags: list[str] = []
    for match in _TAG.finditer(raw):
        name = match.group(2)
        if name in NO_LABEL:
            continue
        if name in EMOTIONS:
            emotion = name
        elif name in EVENTS:
            if name not in events:
                events.append(name)
        elif name not in tags:
            tags.append(name)
    clean = _SPACES.sub(" ", _TAG.sub(" ", raw)).strip()
    return TaggedText(clean, emotion, tuple(events), tuple(tags))


def join_tags(
    text: str, emotion: str | None, events: tuple[str, ...], tags: tuple[str, ...] = ()
) -> str:
    """Write labels back in SenseVoice's tagged form: other tags first, events wrap, emotion last.

    Used when an edited SenseVoice transcript is exported in the service's own
    schema, so tools that read SenseVoice results still find the labels.
    """
    out = text
    for event in reversed(events):
        out = f"<|{event}|> {out} <|/{event}|>"
    if emotion:
        out = f"{out} <|{emotion}|>"
    for tag in reversed(tags):
        out = f"<|{tag}|> {out}"
    return out
