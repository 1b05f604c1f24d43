"""Places: the tree (`places/`) and one page per place (`places/<id>/`): its documents,
targets and results, and a chart per indicator it reports on.

The tree shows the units that exist today, each with the units that ended and are part of it
today beneath it (marked as former); a unit that ended with no single successor stays beneath
its parent. Each place appears once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..charts import CHART_TOOLS, chart_series
from .spec import Lazy, OwnRows, PageSpec, PageType, SearchEntry
from .urls import place_path


def specs(site) -> Iterator[PageSpec]:
    yield PageSpec("places.html", "places/", values={"tree": Lazy(places_tree)})
    for place in site.catalogue.places.values():
        yield PageSpec("place.html", place_path(place.id), values=place_values(place))


def search(cat) -> Iterator[SearchEntry]:
    for key in cat.places:
        yield SearchEntry(place_path(key), "place", "places", key)


@dataclass(frozen=True)
class Branch:
    """One place in the places tree, and the places shown beneath it."""

    place: object  # model.Place
    former: bool  # it has ended (valid_until)
    below: tuple["Branch", ...] = ()


def places_tree(catalogue) -> list[Branch]:
    """The places tree: today's units from the top, each former unit beneath where it is today."""
    places = catalogue.places
    beneath: dict[str | None, list] = {}
    for place in places.values():
        beneath.setdefault(_shown_under(catalogue, place), []).append(place)

    def branches(key: str | None, seen: frozenset) -> tuple[Branch, ...]:
        # units that exist first, then former ones; each group in the places' order
        members = sorted(beneath.get(key, []), key=lambda p: (p.valid_until is not None, catalogue.place_order(p.id)))
        return tuple(Branch(p, p.valid_until is not None, branches(p.id, seen | {p.id}))
                     for p in members if p.id not in seen)

    return list(branches(None, frozenset()))


def _shown_under(catalogue, place) -> str | None:
    """Where the tree shows `place`: beneath its parent while it exists; once ended, beneath its
    former parent or the unit it became when those too are part of the same unit today, else
    beneath that unit itself (or its parent when it has no single unit today)."""
    parent = place.parent if place.parent in catalogue.places else None
    if place.valid_until is None:
        return parent
    today = catalogue.today_of(place.id)
    if today is None or today == place.id:
        return parent
    changes = catalogue.changes_from(place.id)
    for near in (parent, changes[0].target if len(changes) == 1 else None):
        if near and near != today and catalogue.today_of(near) == today and near in catalogue.places \
                and catalogue.places[near].valid_until is not None:
            return near
    return today


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
