"""A target's progress: judged only against comparable results, their comparator counted.

Comparable: the same indicator, place, level and unit, not a change figure (one with a
baseline year or a baseline period), up to the target's year.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Result, Target

MET, NOT_MET_YET, NO_DATA = "met", "not-met-yet", "no-data"


@dataclass(frozen=True, slots=True)
class Progress:
    status: str  # met | not-met-yet | no-data
    result: Result | None = None


def comparable_results(results: list[Result]) -> dict[tuple, list[Result]]:
    """Results that can judge a target, by (indicator, place, level, unit), oldest first."""
    comparable: dict[tuple, list[Result]] = {}
    for result in results:
        if result.indicator and not result.is_change:
            comparable.setdefault((result.indicator, result.place, result.level, result.unit), []).append(result)
    for group in comparable.values():
        group.sort(key=lambda r: (r.year, r.id))
    return comparable


def progress_against(target: Target, comparable: dict[tuple, list[Result]]) -> Progress:
    """A target's progress, from the latest comparable result up to the target's year.

    Comparable: same indicator, place, level and unit, not a change figure, year at most the
    target's. The result's comparator counts: a result says the actual figure lies in a range
    ("trên 65" is every value above 65), and the target is met only when every value in that
    range meets it. So "> 65" meets ">= 60" and "> 65", but against ">= 80" it cannot be shown
    met: not met yet. An exact result ("=") is compared as before.
    """
    group = comparable.get((target.indicator, target.place, target.level, target.unit), []) if target.indicator else []
    latest = next((r for r in reversed(group) if r.year <= target.year), None)
    if latest is None:
        return Progress(NO_DATA)
    met = meets(latest.comparator, latest.value, target.comparator, target.value)
    return Progress(MET if met else NOT_MET_YET, latest)


def context_results(results: list[Result], target: Target, limit: int = 3) -> list[Result]:
    """For a promise with no comparable result: up to `limit` results of its indicator (in the
    order given, changes left out) at another place or level, shown as context, never as progress."""
    return [r for r in results if not r.is_change and (r.place, r.level) != (target.place, target.level)][:limit]


def _range(comparator: str, value: Decimal) -> tuple[Decimal | None, bool, Decimal | None, bool]:
    """(low, low included, high, high included) of the values `comparator value` allows; None is unbounded."""
    return {
        "=": (value, True, value, True), ">=": (value, True, None, False), ">": (value, False, None, False),
        "<=": (None, False, value, True), "<": (None, False, value, False),
    }[comparator]


def meets(result_comparator: str, result_value: Decimal, target_comparator: str, target_value: Decimal) -> bool:
    """True when every value the result allows also meets the target (the result's range lies inside the target's)."""
    r_low, r_low_in, r_high, r_high_in = _range(result_comparator, result_value)
    t_low, t_low_in, t_high, t_high_in = _range(target_comparator, target_value)
    if t_low is not None:
        if r_low is None or r_low < t_low or (r_low == t_low and r_low_in and not t_low_in):
            return False
    if t_high is not None:
        if r_high is None or r_high > t_high or (r_high == t_high and r_high_in and not t_high_in):
            return False
    return True


def counted(progresses) -> dict[str, int]:
    """How many of `progresses` are met, not met yet, and without data."""
    statuses = Counter(progress.status for progress in progresses)
    return {status: statuses[status] for status in (MET, NOT_MET_YET, NO_DATA)}
