"""``tingxie key set|status|clear``: the API key in the OS keyring, never on the command line."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from desktop.dashscope import credentials


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("key", help="store, check or remove the DashScope API key")
    actions = p.add_subparsers(dest="key_action", metavar="ACTION", required=True)
    setter = actions.add_parser(
        "set", help="store a key in the OS keyring (typed at a prompt, or piped on stdin)"
    )
    # Caught only to refuse it without echoing it back (argparse would print it).
    setter.add_argument("key_on_command_line", nargs="*", help=argparse.SUPPRESS)
    setter.set_defaults(handler=cmd_set)
    actions.add_parser("status", help="say where the key comes from").set_defaults(
        handler=cmd_status
    )
    actions.add_parser("clear", help="remove the stored key").set_defaults(handler=cmd_clear)


def cmd_set(args: argparse.Namespace) -> int:
    if args.key_on_command_line:
        print(
            "tingxie key set: the key is not taken from the command line, where it would stay"
            " in the shell history; run 'tingxie key set' and paste it at the prompt",
            file=sys.stderr,
        )
        return 2
    if sys.stdin.isatty():
        text = getpass.getpass("DashScope API key (input hidden): ")
    else:
        text = sys.stdin.readline()
    masked = credentials.store_api_key(text)
    print(f"Stored the API key {masked} in the keyring.")
    if os.environ.get(credentials.ENV_VAR, "").strip():
        print(
            f"Note: {credentials.ENV_VAR} is set in this shell and takes precedence.",
            file=sys.stderr,
        )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    status = credentials.key_status()
    if status.source == "environment":
        print(f"Using {status.masked} from the {credentials.ENV_VAR} environment variable.")
    elif status.source == "keyring":
        print(f"Using {status.masked} from the keyring ({status.keyring}).")
    else:
        print("No API key is set. Store one with 'tingxie key set'.")
        print(f"Keyring: {status.keyring}")
    return 0


def cmd_clear(args: argparse.Namespace) -> int:
    if credentials.clear_api_key():
        print("Removed the API key from the keyring.")
    else:
        print("No API key was stored in the keyring.")
    return 0
