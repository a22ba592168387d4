"""A local emulator of the DashScope recorded-file transcription service, for tests.

Start one in-process with ``Emulator`` (or the ``dashscope_emulator`` pytest
fixture), or as a process with ``python -m tests.fake_dashscope`` /
``tests.fake_dashscope.process.EmulatorProcess``. Behaviour follows
``shared/docs/dashscope-protocol.md``; unconfirmed behaviour is switchable in
``EmulatorConfig``; ``emulator.faults`` injects failures.
"""

from tests.fake_dashscope.clock import Clock
from tests.fake_dashscope.config import (
    AllFailedShape,
    EmulatorConfig,
    InvalidOptionResponse,
    NoSpeechLevel,
    OssWithoutResolve,
    OverLimitResponse,
)
from tests.fake_dashscope.faults import Fault, FaultKind, Faults
from tests.fake_dashscope.server import Emulator, RecordedRequest

__all__ = [
    "AllFailedShape",
    "Clock",
    "Emulator",
    "EmulatorConfig",
    "Fault",
    "FaultKind",
    "Faults",
    "InvalidOptionResponse",
    "NoSpeechLevel",
    "OssWithoutResolve",
    "OverLimitResponse",
    "RecordedRequest",
]
