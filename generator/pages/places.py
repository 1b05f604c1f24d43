"""Places: the tree (`places/`) and one page per place (`places/<id>/`): its documents,
targets and results, and a chart per indicator it reports on."""

from __future__ import annotations

from typing import Iterator

from ..charts import CHART_TOOLS, chart_series
from .spec import Lazy, OwnRows, PageSpec, PageType, SearchEntry
from .urls import place_path


def specs(site) -> Iterator[PageSpec]:
    yield PageSpec("places.html", "places/")
    for place in site.catalogue.places.values():
        yield PageSpec("place.html", place_path(place.id), values=place_values(place))


def search(cat) -> Iterator[SearchEntry]:
    for key in cat.places:
        yield SearchEntry(place_path(key), "place", "places", key)


def place_values(place) -> dict:
    """A place page: `charts`, per indicator with results here, its series."""
    return {"place": place, "charts": Lazy(place_charts, (place,)), **CHART_TOOLS}


def place_charts(catalogue, place) -> list:
    charts = []
    seen = set()
    for result in catalogue.results_of_place(place.id):
        if result.indicator and result.indicator not in seen and result.indicator in catalogue.indicators:
            seen.add(result.indicator)
            indicator = catalogue.indicators[result.indicator]
            series, _ = chart_series(catalogue, indicator, place=place.id)
            if any(s.results for s in series):
                charts.append((indicator, series))
    return charts


def rows(cat, key: str) -> tuple[list, list]:
    """The rows a place page shows: the targets and results about the place."""
    return cat.targets_of_place(key), cat.results_of_place(key)


PAGE = PageType("places", specs, search, OwnRows("by-place", "places", "place", ("targets", "results"), rows),
                nav="places")
