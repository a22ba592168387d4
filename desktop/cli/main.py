"""The command line: argument parsing, dispatch, and the one-line error contract.

Every failure a user can cause prints ``error: <file or thing>: <problem>`` on
stderr and exits 1; usage mistakes exit 2 (argparse). No traceback reaches a
user for an expected failure.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from desktop import __version__
from desktop.cli import (
    editor_commands,
    job_commands,
    key_commands,
    library_commands,
    subtitle_commands,
    track_commands,
)
from desktop.cli.errors import EXPECTED_ERRORS

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tingxie",
        usage="%(prog)s [-h] [--version] [--startup-probe] [FILE ... | COMMAND ...]",
        description="Transcription workstation for DashScope. Without a command, opens the app;"
        " FILEs (result JSON, audio, video) are opened in it, or handed to the one already open.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--startup-probe",
        action="store_true",
        help="open the window, print the seconds to its first paint, and quit",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    library_commands.register(commands)
    key_commands.register(commands)
    subtitle_commands.register(commands)
    track_commands.register(commands)
    editor_commands.register(commands)
    job_commands.register(commands)
    return parser


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from desktop.app import run_gui  # Qt is imported only for the GUI

        return run_gui(startup_probe=args.startup_probe)
    try:
        return handler(args)
    except EXPECTED_ERRORS as error:
        return _fail(str(error))
    except BrokenPipeError:  # `tingxie export 1 | head`: the reader left, nothing to report
        sys.stderr.close()
        return 1
    except KeyboardInterrupt:
        return 130


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1
