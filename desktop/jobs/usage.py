"""Money and quota: a job's estimated cost before submit, and this month's usage.

Estimates use the probed duration × the model's price per second × the tracks
transcribed. Actual usage is what the service bills per task (``usage.duration``),
recorded once per task; the free quota is per model family.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from desktop.domain import catalog
from desktop.domain.catalog import Family
from desktop.store.jobs import JobStore


def estimate_cost(model: str, duration_ms: int | None, channels: int = 1) -> Decimal | None:
    """CNY for transcribing ``duration_ms`` of audio, or ``None`` when the length is unknown."""
    if duration_ms is None:
        return None
    return catalog.get(model).estimate_cost(duration_ms / 1000, channels)


@dataclass(frozen=True)
class FamilyUsage:
    """One model family's billed seconds this month against its free quota."""

    family: Family
    seconds: float
    free_seconds: int
    cost_beyond_quota: Decimal

    @property
    def free_left_seconds(self) -> float:
        return max(0.0, self.free_seconds - self.seconds)


def monthly_usage(jobs: JobStore, month: str | None = None) -> list[FamilyUsage]:
    """Usage per model family for ``month`` (``"2026-11"``; default: this UTC month)."""
    month = month or datetime.now(UTC).strftime("%Y-%m")
    by_family: dict[Family, float] = {}
    for model, seconds in jobs.usage_by_model(month).items():
        family = _family(model)
        if family is not None:
            by_family[family] = by_family.get(family, 0.0) + seconds
    usages = []
    for family, seconds in sorted(by_family.items()):
        quota = catalog.FREE_QUOTA[family]
        beyond = Decimal(str(max(0.0, seconds - quota.seconds)))
        cost = (beyond * catalog.PRICE_PER_SECOND[family]).quantize(Decimal("0.01"))
        usages.append(FamilyUsage(family, seconds, quota.seconds, cost))
    return usages


def _family(model: str) -> Family | None:
    try:
        return catalog.get(model).family
    except catalog.UnknownModelError:
        return None
