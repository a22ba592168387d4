"""A job's model and submit options as stored in its row, and the key that batches jobs.

Jobs may share one service task only when everything they send is identical:
same model, same parameters. The options travel through SQLite as canonical
JSON, so the batch key is simply the model plus that JSON.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping

from desktop.dashscope.options import SpecialWordFilter, TranscriptionOptions


def encode(options: TranscriptionOptions) -> str:
    """Canonical JSON of the options that are set (sorted keys, no spaces)."""
    values: dict[str, object] = {}
    for option in dataclasses.fields(options):
        value = getattr(options, option.name)
        if value is None or (option.name == "extra" and not value):
            continue
        if isinstance(value, SpecialWordFilter):
            value = value.to_wire()  # the service's own JSON text; the options accept it as is
        elif isinstance(value, str | int | float | bool):
            pass
        elif isinstance(value, Mapping):
            value = dict(value)
        else:
            value = list(value)
        values[option.name] = value
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def decode(text: str) -> TranscriptionOptions:
    values = json.loads(text)
    field_types = {f.name: f for f in dataclasses.fields(TranscriptionOptions)}
    known = {name: value for name, value in values.items() if name in field_types}
    for name, value in known.items():
        if isinstance(value, list):
            known[name] = tuple(value)
    return TranscriptionOptions(**known)


def batch_key(model: str, options_json: str) -> str:
    return f"{model} {options_json}"


def channel_count(options: TranscriptionOptions) -> int:
    """How many audio tracks the service transcribes (and bills) per file."""
    channels = getattr(options, "channel_id", None)
    return len(channels) if channels else 1
