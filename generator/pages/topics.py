"""Topics: the list (`topics/`) and one page per topic (`topics/<id>/`): every promise and
result on one subject (online payment, digitised records, …) across places, levels, years and
reform areas, with a chart per indicator (the compare chart)."""

from __future__ import annotations

from typing import Iterator

from ..charts import CHART_TOOLS, chart_series
from .spec import Lazy, PageSpec, PageType
from .urls import topic_path


def specs(site) -> Iterator[PageSpec]:
    yield PageSpec("topics.html", topic_path())
    for topic in site.catalogue.topics.values():
        yield PageSpec("topic.html", topic_path(topic.id),
                       values={"topic": topic, "charts": Lazy(topic_charts, (topic,)), **CHART_TOOLS})


def topic_charts(catalogue, topic) -> list:
    """(indicator, its series, how many series in all) of each indicator of `topic` with figures to draw."""
    charts = []
    for indicator in catalogue.indicators_of_topic(topic.id):
        series, total = chart_series(catalogue, indicator)
        if series:
            charts.append((indicator, series, total))
    return charts


def topic_rows(catalogue, topic) -> tuple[list, list]:
    """Every target and every result on `topic`, through its indicators."""
    indicators = catalogue.indicators_of_topic(topic.id)
    targets = [t for i in indicators for t in catalogue.targets_of_indicator(i.id)]
    results = [r for i in indicators for r in catalogue.results_of_indicator(i.id)]
    return targets, results


PAGE = PageType("topics", specs, nav="topics")
