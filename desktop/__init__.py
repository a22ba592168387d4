"""Tingxie (听写): a desktop transcription workstation for DashScope recorded-file transcription."""

import time

# When the package was first imported: the start of the start-up the probe reports.
STARTED = time.perf_counter()

__version__ = "0.1.0"
APP_NAME = "Tingxie"
