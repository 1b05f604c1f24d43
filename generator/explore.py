"""Pages for finding and comparing promises: the targets explorer, its facet pages, and a
compare page per reform area.

- `targets/`: every target, as a paged table (JavaScript adds filters and sorting, see
  templates/static/explorer.js); without JavaScript the per-facet pages do the filtering:
  `targets/place/<id>/` (the place and every place below it), `targets/area/<id>/`,
  `targets/year/<year>/`, and one place in one year: `targets/place/<id>/year/<year>/`.
- `compare/<area>/`: the indicators of one reform area, grouped by unit, each as a chart of
  targets against results per place with the table of its numbers.

Every list is paged (`page_size` rows a page, see paging.py), and a page offers only the
places, indicators and browse links of what it shows, so no page grows with the corpus.
"""

from __future__ import annotations

from typing import Iterator

from .charts import chart_series, chart_svg, legend_marker
from .pages.spec import Lazy
from .paging import paged

CHART_TOOLS = {"chart": chart_svg, "legend_marker": legend_marker}


def _ordered(catalogue, targets: list) -> list:
    """Targets by place (in the places' order), year, indicator and id."""
    return sorted(targets, key=lambda t: (catalogue.place_order(t.place), t.year, t.indicator or "", t.id))


def _with_depths(catalogue, places) -> list[tuple[int, object]]:
    """(depth, place) for `places`, in the places' order."""
    ordered = sorted(places, key=lambda p: catalogue.place_order(p.id))
    return [(len(catalogue.ancestors_of(p.id)), p) for p in ordered]


def explorer_facet(catalogue, rows: list, facet) -> dict:
    """What every page of one explorer list shares: its counts per status, years and areas."""
    statuses: dict[str, int] = {"met": 0, "not-met-yet": 0, "no-data": 0}
    for row in rows:
        statuses[catalogue.progress_of(row).status] += 1
    areas = {row.area for row in rows}
    if facet and facet[0] == "place":  # browse down from this place
        browse = _with_depths(catalogue, catalogue.children_of(facet[1]))
    else:  # browse from the top two levels
        browse = _with_depths(catalogue, [p for root in catalogue.roots() for p in [root, *catalogue.children_of(root.id)]])
    return {"facet": facet, "total": len(rows), "statuses": statuses, "browse": browse,
            "years": sorted({row.year for row in rows}),
            "areas": [a for a in catalogue.areas.values() if a.id in areas]}


def explorer_page(catalogue, rows: list, shared: dict, pager) -> dict:
    """One page of an explorer list: its rows and what its filters offer (only what is on it)."""
    indicators = {row.indicator: catalogue.indicators[row.indicator] for row in rows
                  if row.indicator and row.indicator in catalogue.indicators}
    scopes, places = {}, {}  # place → the place and every place above it (a filter on a place keeps those below)
    for place in sorted({row.place for row in rows}):
        above = catalogue.ancestors_of(place)
        scopes[place] = " ".join([p.id for p in above] + [place])
        for p in [*above, *([catalogue.places[place]] if place in catalogue.places else [])]:
            places[p.id] = p
    return {**shared, "rows": rows, "scopes": scopes, "pager": pager, "tree": _with_depths(catalogue, places.values()),
            "options": {"indicators": sorted(indicators.values(), key=lambda i: (i.area, i.id)),
                        "years": shared["years"], "areas": shared["areas"]}}


def _explorer_list(catalogue, page_spec, base: str, rows: list, facet, size: int) -> Iterator:
    shared = explorer_facet(catalogue, rows, facet)
    for chunk, pager in paged(_ordered(catalogue, rows), base, size):
        yield page_spec("targets.html", pager.path(pager.number), values=explorer_page(catalogue, chunk, shared, pager))


def explorer_specs(catalogue, page_spec, size: int) -> Iterator:
    """PageSpecs of the targets explorer and its facet pages, each list paged by `size` rows."""
    yield from _explorer_list(catalogue, page_spec, "targets/", catalogue.targets, None, size)
    for place in catalogue.places.values():
        ids = [place.id] + [p.id for p in catalogue.descendants_of(place.id)]
        rows = [t for pid in ids for t in catalogue.targets_of_place(pid)]
        yield from _explorer_list(catalogue, page_spec, f"targets/place/{place.id}/", rows, ("place", place.id), size)
        for year in sorted({row.year for row in rows}):  # one place and one year, without JavaScript
            yield from _explorer_list(catalogue, page_spec, f"targets/place/{place.id}/year/{year}/",
                                      [r for r in rows if r.year == year], ("place", place.id, year), size)
    for area in catalogue.areas.values():
        yield from _explorer_list(catalogue, page_spec, f"targets/area/{area.id}/",
                                  catalogue.rows_of_area(area.id)[0], ("area", area.id), size)
    for year in catalogue.target_years():
        yield from _explorer_list(catalogue, page_spec, f"targets/year/{year}/",
                                  catalogue.targets_of_year(year), ("year", year), size)


def compare_specs(catalogue, page_spec) -> Iterator:
    """One compare page per reform area that has indicators (its charts are drawn where it renders)."""
    for area in catalogue.areas.values():
        if catalogue.indicators_of_area(area.id):
            yield page_spec("compare.html", f"compare/{area.id}/",
                            values={"area": area, "groups": Lazy(compare_groups, (area,)), **CHART_TOOLS})


def compare_groups(catalogue, area) -> dict[str, list]:
    """unit → (indicator, its series, how many series in all) of each indicator of `area` with figures."""
    groups: dict[str, list] = {}
    for indicator in catalogue.indicators_of_area(area.id):
        series, total = chart_series(catalogue, indicator)
        if series:
            groups.setdefault(indicator.unit, []).append((indicator, series, total))
    return groups


def indicator_values(indicator) -> dict:
    """What an indicator page shows beside its tables: `chart_data`, its series and how many there are."""
    return {"indicator": indicator, "chart_data": Lazy(chart_series, (indicator,)), **CHART_TOOLS}


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
