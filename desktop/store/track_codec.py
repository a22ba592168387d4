"""How cue tracks are stored in ``cue_track_versions.data``.

Format 1 is msgspec's MessagePack of ``domain.cue_track.CueTrack``, as for
transcripts (``transcript_codec``): a cue's words are the transcript's own
``Word`` arrays. A newer Tingxie that changes the encoding writes a new
format number, which this one refuses to guess at.
"""

from __future__ import annotations

import msgspec

from desktop.domain.cue_track import CueTrack

TRACK_FORMAT = 1
_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(CueTrack)


def encode(track: CueTrack) -> bytes:
    return _encoder.encode(track)


def decode(data: bytes) -> CueTrack:
    return _decoder.decode(data)
