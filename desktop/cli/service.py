"""The command line's connection to the service: which endpoint, which key.

``--endpoint`` beats ``TINGXIE_ENDPOINT`` beats the region chosen in the app's
Settings (Beijing by default); the key comes from ``DASHSCOPE_API_KEY`` when
set (as with the official SDK), else the keyring. The endpoint chosen so is
where *new* jobs go: a job already queued keeps the endpoint it was queued
for, since its upload and task exist only there.
"""

from __future__ import annotations

import argparse
import os

from desktop.cli.errors import CliError
from desktop.dashscope import credentials
from desktop.dashscope.endpoints import Endpoint
from desktop.dashscope.factory import ClientFactory, build_for_queue
from desktop.settings import SettingsError, load_settings, settings_path

ENDPOINT_VAR = "TINGXIE_ENDPOINT"


def add_endpoint_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--endpoint",
        help="beijing (default), singapore, or a base URL such as a proxy's;"
        f" default from {ENDPOINT_VAR}",
    )


def endpoint(args: argparse.Namespace) -> Endpoint:
    choice = getattr(args, "endpoint", None) or os.environ.get(ENDPOINT_VAR)
    if not choice:  # the region chosen in the app's Settings (Beijing on a new install)
        try:
            choice = load_settings().endpoint_url()
        except SettingsError as error:
            raise CliError(f"{settings_path()}: {error}; fix it in Settings") from None
    try:
        return Endpoint.named(choice)
    except ValueError as error:
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
