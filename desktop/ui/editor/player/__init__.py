"""Playback: the libvlc wrapper (``media_player``) and its transport bar (``transport``)."""
