"""Sentences made below ui/ that the UI can still say in the person's language.

The Qt-free layers must not import Qt, yet their refusals, advice, rule
summaries and model descriptions reach the user. A ``Message`` is the English
sentence (it *is* a ``str``, so logs, the command line and the database keep
working unchanged) that also remembers the literal template it came from and
the values filled in. The UI looks the template up in its translation catalogue
(desktop/ui/util/messages.py lists every template for lupdate) and fills the
same values into the translated template.

Texts already stored as plain strings (a job's error in the library) are
recognised again by matching them against the registered templates, so a
message written yesterday is translated today too.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

_TEMPLATES: dict[str, re.Pattern[str]] = {}


class Message(str):
    """English text built from ``template`` with ``args``; the UI may translate the template."""

    template: str
    args: Mapping[str, object]

    def __new__(cls, template: str, **args: object) -> Message:
        text = template.format(**args) if args else template
        made = super().__new__(cls, text)
        made.template = template
        made.args = args
        return made

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.template, dict(self.args)))


def _rebuild(template: str, args: dict[str, object]) -> Message:
    return Message(template, **args)


def template(text: str) -> str:
    """Mark ``text`` as a message template (registered so stored text can be recognised)."""
    if text not in _TEMPLATES:
        _TEMPLATES[text] = _pattern(text)
    return text


def say(text: str, **args: object) -> Message:
    """The message for the template ``text`` (registered) with ``args`` filled in."""
    return Message(template(text), **args)


def templates() -> list[str]:
    """Every template registered so far (the UI's catalogue must hold each)."""
    return list(_TEMPLATES)


def recognise(text: str) -> Message | None:
    """The message ``text`` was made from, if it matches a registered template."""
    if isinstance(text, Message):
        return text
    for source, pattern in _TEMPLATES.items():
        found = pattern.fullmatch(text)
        if found is not None:
            return Message(source, **found.groupdict())
    return None


def _pattern(text: str) -> re.Pattern[str]:
    parts: list[str] = []
    seen: set[str] = set()
    for literal, field, _spec, _conversion in string.Formatter().parse(text):
        parts.append(re.escape(literal))
        if field is None:
            continue
        if field in seen:
            parts.append(f"(?P={field})")
        else:
            seen.add(field)
            parts.append(f"(?P<{field}>.+?)")
    return re.compile("".join(parts), re.DOTALL)
