"""Which endpoint is in force and why: --endpoint, then TINGXIE_ENDPOINT, then Settings."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop.connection import ENDPOINT_VAR, EndpointChoiceError, choose_endpoint, models_region
from desktop.dashscope.endpoints import BEIJING, SINGAPORE
from desktop.domain.catalog import Region
from desktop.settings import Settings, save_settings


@pytest.fixture(autouse=True)
def no_endpoint_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENDPOINT_VAR, raising=False)


def test_each_source_is_named_with_the_endpoint_it_gives(monkeypatch) -> None:
    save_settings(Settings(region="singapore"))
    chosen = choose_endpoint()
    assert (chosen.endpoint, chosen.source) == (SINGAPORE, "settings")
    monkeypatch.setenv(ENDPOINT_VAR, "http://127.0.0.1:9/api/v1")
    chosen = choose_endpoint()
    assert (chosen.endpoint.base_url, chosen.source) == ("http://127.0.0.1:9/api/v1", "environment")
    chosen = choose_endpoint("beijing")
    assert (chosen.endpoint, chosen.source) == (BEIJING, "option")


def test_a_bad_endpoint_names_the_variable_or_option_that_set_it(monkeypatch) -> None:
    monkeypatch.setenv(ENDPOINT_VAR, "http://10.0.0.5/api/v1")
    with pytest.raises(EndpointChoiceError, match=r"^TINGXIE_ENDPOINT: .*unencrypted"):
        choose_endpoint()
    with pytest.raises(EndpointChoiceError, match=r"^--endpoint: .*not a region name"):
        choose_endpoint("mars")


@pytest.mark.parametrize(
    ("modules", "must_not_load"),
    [
        ("desktop.settings", "desktop.dashscope"),
        ("desktop.dashscope.account, desktop.dashscope.client", "desktop.settings"),
        ("desktop.connection, desktop.crash, desktop.logs", "PySide6"),
    ],
)
def test_settings_and_the_client_do_not_import_each_other_and_the_trail_is_qt_free(
    modules: str, must_not_load: str
) -> None:
    check = (
        f"import sys, {modules}\n"
        f"loaded = [m for m in sys.modules if m.startswith({must_not_load!r})]\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_new_jobs_offer_the_models_of_the_endpoint_in_force(monkeypatch) -> None:
    """Settings say Beijing; TINGXIE_ENDPOINT says Singapore, where Paraformer is not offered."""
    save_settings(Settings(region="beijing"))
    assert models_region() is Region.BEIJING
    monkeypatch.setenv(ENDPOINT_VAR, "singapore")
    assert models_region() is Region.SINGAPORE
    monkeypatch.setenv(ENDPOINT_VAR, "http://127.0.0.1:9/api/v1")
    assert models_region() is None  # a proxy: its models are not checked
