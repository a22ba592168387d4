"""The command line's connection to the service: which endpoint, which key.

``--endpoint`` beats ``TINGXIE_ENDPOINT`` beats the region chosen in the app's
Settings (Beijing by default); the key comes from ``DASHSCOPE_API_KEY`` when
set (as with the official SDK), else the keyring. The rule itself is
``desktop.connection``'s, shared with the app.
"""

from __future__ import annotations

import argparse

from desktop.cli.errors import CliError
from desktop.connection import ENDPOINT_VAR, EndpointChoiceError, choose_endpoint
from desktop.dashscope import credentials
from desktop.dashscope.client import DashScopeClient
from desktop.dashscope.endpoints import Endpoint

__all__ = ["ENDPOINT_VAR", "add_endpoint_option", "client", "endpoint"]


def add_endpoint_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--endpoint",
        help="beijing (default), singapore, or a base URL such as a proxy's;"
        f" default from {ENDPOINT_VAR}",
    )


def endpoint(args: argparse.Namespace) -> Endpoint:
    try:
        return choose_endpoint(getattr(args, "endpoint", None)).endpoint
    except EndpointChoiceError as error:
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
