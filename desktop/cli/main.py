"""The command line: argument parsing, dispatch, and the one-line error contract.

Every failure a user can cause prints ``error: <file or thing>: <problem>`` on
stderr and exits 1; usage mistakes exit 2 (argparse). No traceback reaches a
user for an expected failure, nor for an unexpected one (a bug): that prints
``error: …`` and ``see the log: PATH``, and its traceback goes to ``tingxie.log``
(and to the terminal with ``--debug``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from desktop import __version__, paths
from desktop.cli import (
    editor_commands,
    job_commands,
    key_commands,
    library_commands,
    subtitle_commands,
    track_commands,
    translate_commands,
)
from desktop.cli.errors import EXPECTED_ERRORS
from desktop.crash import CrashReport, install_crash_handler, summary_of
from desktop.logs import FILE_ONLY, install_logging, remove_logging

Handler = Callable[[argparse.Namespace], int]
log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tingxie",
        usage="%(prog)s [-h] [--version] [--startup-probe] [--debug] [FILE ... | COMMAND ...]",
        description="Transcription workstation for DashScope. Without a command, opens the app;"
        " FILEs (result JSON, audio, video) are opened in it, or handed to the one already open.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--startup-probe",
        action="store_true",
        help="open the window, print the seconds to its first paint, and quit",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="log everything (DEBUG) to tingxie.log in the data folder, and show it here too",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    library_commands.register(commands)
    key_commands.register(commands)
    subtitle_commands.register(commands)
    track_commands.register(commands)
    translate_commands.register(commands)
    editor_commands.register(commands)
    job_commands.register(commands)
    return parser


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from desktop.app import run_gui  # Qt is imported only for the GUI

        return run_gui(startup_probe=args.startup_probe, debug=args.debug)
    log_file = install_logging(debug=args.debug, console=True)
    uninstall = install_crash_handler(_print_crash)  # worker threads and asyncio tasks
    log.info("tingxie %s %s", __version__, args.command)
    log.debug("data folder %s", paths.data_dir())
    try:
        return handler(args)
    except EXPECTED_ERRORS as error:
        return _fail(str(error))
    except BrokenPipeError:  # `tingxie export 1 | head`: the reader left, nothing to report
        sys.stderr.close()
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: one line here, the traceback in the log
        log.error("unexpected error in 'tingxie %s'", args.command, exc_info=error, extra=FILE_ONLY)
        return _fail_unexpected(error, log_file)
    finally:
        uninstall()
        remove_logging()


def _fail_unexpected(error: Exception, log_file: Path | None) -> int:
    print(
        f"error: Tingxie hit an unexpected error ({summary_of(error)}); please report it",
        file=sys.stderr,
    )
    if log_file is not None:
        print(f"see the log: {log_file}", file=sys.stderr)
    return 1


def _print_crash(report: CrashReport) -> None:
    """An error that escaped a worker thread or an asyncio task of a command."""
    print(f"error: Tingxie hit an unexpected error ({report.summary})", file=sys.stderr)
    if report.path is not None:
        print(f"see the report: {report.path}", file=sys.stderr)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1
