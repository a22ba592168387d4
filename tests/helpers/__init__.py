"""What tests share, imported from here and never from a conftest file (fixtures live there).

- ``clients``: the one fast client of the emulator, fast engine and emulator settings.
- ``media``: the one speech maker (espeak-ng) and video maker, format conversion.
- ``speech_media``: a spoken track with every word's true time, and adding it to a library.
- ``queue_media``: folders of spoken files in every accepted format, each its own length.
- ``waiting``: the one polling loop (async ``until``, blocking ``wait_until``); it fails
  naming what never came.
- ``raw_api``: plain HTTP requests to the emulator, for the emulator's own tests.
- ``subtitle_readers``: other programs' readers of what we export.
- ``results``, ``long_transcript``: result fixtures and long generated transcripts.
- ``instances``, ``cli``, ``*_driver``: the app and the CLI in processes of their own.
"""
