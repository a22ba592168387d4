"""The command line's connection to the service: which endpoint, which key.

``--endpoint`` beats ``TINGXIE_ENDPOINT`` beats the region chosen in Settings; the key comes from
``DASHSCOPE_API_KEY`` when set (as with the official SDK), else the keyring.
"""

from __future__ import annotations

import argparse
import os

from desktop.cli.errors import CliError
from desktop.dashscope import credentials
from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.endpoints import Endpoint
from desktop.settings import load_settings

ENDPOINT_VAR = "TINGXIE_ENDPOINT"


def add_endpoint_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--endpoint",
        help="beijing (default), singapore, or a base URL such as a proxy's;"
        f" default from {ENDPOINT_VAR}",
    )


def endpoint(args: argparse.Namespace) -> Endpoint:
    choice = getattr(args, "endpoint", None) or os.environ.get(ENDPOINT_VAR)
    try:
        if choice is None:
            return Endpoint.named(load_settings().endpoint_url())
        return Endpoint.named(choice)
    except ValueError as error:
        raise CliError(str(error)) from None


def client(args: argparse.Namespace) -> DashScopeClient:
    """A client for the chosen endpoint with the user's key, or a clear error without one."""
    key = credentials.load_api_key()
    if not key:
        raise CliError(
            "no API key: run 'tingxie key set' (stored in the OS keyring) or set"
            f" {credentials.ENV_VAR} for this shell"
        )
    return DashScopeClient(endpoint(args), key)
