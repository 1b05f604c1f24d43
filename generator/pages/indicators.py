"""Indicators: the list (`indicators/`) and one page per indicator (`indicators/<id>/`): one
promise compared across places, with its chart of targets against results."""

from __future__ import annotations

from typing import Iterator

from ..charts import CHART_TOOLS, chart_series
from .spec import Lazy, OwnRows, PageSpec, PageType, SearchEntry
from .urls import indicator_path


def specs(site) -> Iterator[PageSpec]:
    yield PageSpec("indicators.html", "indicators/")
    for indicator in site.catalogue.indicators.values():
        yield PageSpec("indicator.html", indicator_path(indicator.id), values=indicator_values(indicator))


def search(cat) -> Iterator[SearchEntry]:
    for key in cat.indicators:
        yield SearchEntry(indicator_path(key), "indicator", "indicators", key)


def indicator_values(indicator) -> dict:
    """What an indicator page shows beside its tables: `chart_data`, its series and how many there are."""
    return {"indicator": indicator, "chart_data": Lazy(chart_series, (indicator,)), **CHART_TOOLS}


def rows(cat, key: str) -> tuple[list, list]:
    """The rows an indicator page shows: its targets and results."""
    return cat.targets_of_indicator(key), cat.results_of_indicator(key)


PAGE = PageType("indicators", specs, search, OwnRows("by-indicator", "indicators", "indicator",
                                                     ("targets", "results"), rows), nav="indicators")
