"""`compare/<area>/`: the indicators of one reform area, grouped by unit, each as a chart of
targets against results per place with the table of its numbers."""

from __future__ import annotations

from typing import Iterator

from ..charts import CHART_TOOLS, chart_series
from .spec import Lazy, PageSpec, PageType
from .urls import compare_path


def specs(site) -> Iterator[PageSpec]:
    """One compare page per reform area that has indicators (its charts are drawn where it renders)."""
    catalogue = site.catalogue
    for area in catalogue.areas.values():
        if catalogue.indicators_of_area(area.id):
            yield PageSpec("compare.html", compare_path(area.id),
                           values={"area": area, "groups": Lazy(compare_groups, (area,)), **CHART_TOOLS})


def compare_groups(catalogue, area) -> dict[str, list]:
    """unit → (indicator, its series, how many series in all) of each indicator of `area` with figures."""
    groups: dict[str, list] = {}
    for indicator in catalogue.indicators_of_area(area.id):
        series, total = chart_series(catalogue, indicator)
        if series:
            groups.setdefault(indicator.unit, []).append((indicator, series, total))
    return groups


PAGE = PageType("compare", specs)
