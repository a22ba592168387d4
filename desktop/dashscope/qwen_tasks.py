"""Qwen3-ASR file transcription tasks: the submit body the service wants for them.

Qwen3-ASR takes one public URL per task as ``input.file_url`` (a string, not the
``file_urls`` list of the other families) and its options as the SDK's
``QwenTranscription.async_call`` sends them (qwen protocol doc §A.3-A.4). Its
query reply (``output.result``, ``usage.seconds``) is read by
:func:`desktop.dashscope.wire.decode_task` with the other shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.dashscope.errors import TooManyFilesError
from desktop.dashscope.options import TranscriptionOptions
from desktop.domain import catalog
from desktop.domain.catalog import RequestStyle


def takes_one_file_url(model: str) -> bool:
    """Whether ``model`` names its file as ``input.file_url`` (one file per task)."""
    try:
        return catalog.get(model).request_style is RequestStyle.FILE_URL
    except catalog.UnknownModelError:
        return False


def submit_body(
    model: str, file_urls: Sequence[str], options: TranscriptionOptions
) -> dict[str, Any]:
    """``{"model", "parameters", "input": {"file_url"}}`` in the SDK's key order."""
    if len(file_urls) != 1:
        raise TooManyFilesError(
            f"{model} transcribes one file per task, not {len(file_urls)}",
            code="TooManyFiles",
            advice="Submit the files one by one; the queue does this for you.",
        )
    return {
        "model": model,
        "parameters": options.to_parameters(model),
        "input": {"file_url": file_urls[0]},
    }
