"""How transcripts are stored in ``transcript_versions.data``.

Format 1 is msgspec's MessagePack of ``domain.Transcript``: compact, and fast
to decode when a 12-hour transcript opens. A newer Tingxie that changes the
encoding writes a new format number, which this one refuses to guess at.
"""

from __future__ import annotations

import msgspec

from desktop.domain.transcript import Transcript

TRANSCRIPT_FORMAT = 1
_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(Transcript)


def encode(transcript: Transcript) -> bytes:
    return _encoder.encode(transcript)


def decode(data: bytes) -> Transcript:
    return _decoder.decode(data)
