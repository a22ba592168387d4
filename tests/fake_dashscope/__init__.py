"""A local emulator of the DashScope recorded-file transcription service, for tests.

Start one in-process with ``Emulator`` (or the ``dashscope_emulator`` pytest
fixture), or as a process with ``python -m tests.fake_dashscope`` /
``tests.fake_dashscope.process.EmulatorProcess``. Behaviour follows
``shared/docs/dashscope-protocol.md``; unconfirmed behaviour is switchable in
``EmulatorConfig``; ``emulator.faults`` injects failures. The OpenAI-compatible
chat endpoint (Qwen-MT and chat models, ``chat``) lives at ``compatible_url``;
``emulator.chat.scripts`` makes its replies misbehave, ``emulator.chat.billed()``
lists the usage of every answered request.
"""

from tests.fake_dashscope.chat import ChatAction, ChatScript
from tests.fake_dashscope.clock import Clock
from tests.fake_dashscope.config import (
    AccountRefusal,
    AllFailedShape,
    EmulatorConfig,
    InvalidOptionResponse,
    NoSpeechLevel,
    OssWithoutResolve,
    OverLimitResponse,
)
from tests.fake_dashscope.exchange import RecordedRequest
from tests.fake_dashscope.faults import Fault, FaultKind, Faults
from tests.fake_dashscope.server import Emulator

__all__ = [
    "AccountRefusal",
    "AllFailedShape",
    "ChatAction",
    "ChatScript",
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
