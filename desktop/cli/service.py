"""The command line's connection to the service: which endpoint, which key.

``--endpoint`` beats ``TINGXIE_ENDPOINT`` beats the region chosen in the app's
Settings (Beijing by default); the key comes from ``DASHSCOPE_API_KEY`` when
set (as with the official SDK), else the keyring. The rule itself is
``desktop.connection``'s, shared with the app. The endpoint chosen so is
where *new* jobs go: a job already queued keeps the endpoint it was queued
for, since its upload and task exist only there.
"""

from __future__ import annotations

import argparse

from desktop.cli.errors import CliError
from desktop.connection import ENDPOINT_VAR, EndpointChoiceError, choose_endpoint
from desktop.dashscope import credentials
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.factory import ClientFactory, build_for_queue

__all__ = ["ENDPOINT_VAR", "add_endpoint_option", "clients", "endpoint"]


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


def clients(args: argparse.Namespace) -> ClientFactory:
    """Clients with the user's key: the chosen endpoint for new jobs, each job's own
    endpoint for the rest; or a clear error without a key."""
    key = credentials.load_api_key()
    if not key:
        raise CliError(
            "no API key: run 'tingxie key set' (stored in the OS keyring) or set"
            f" {credentials.ENV_VAR} for this shell"
        )
    return ClientFactory(key, endpoint(args), build=build_for_queue)
