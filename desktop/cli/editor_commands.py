"""``open``: a library item in the editor window (player + transcript)."""

from __future__ import annotations

import argparse

from desktop.store.library import Library


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("open", help="open a library item in the editor window")
    p.add_argument("item", type=int, metavar="ID", help="the item's id (see 'tingxie library')")
    p.set_defaults(handler=cmd_open)


def cmd_open(args: argparse.Namespace) -> int:
    with Library.open() as library:
        library.item(args.item)  # an unknown id fails here, as one line, before any window
    from desktop.app import run_editor  # Qt is imported only for the GUI

    return run_editor(args.item, debug=getattr(args, "debug", False))
