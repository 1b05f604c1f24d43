"""Pages for finding and comparing promises: the targets explorer, its facet pages, and a
compare page per reform area.

- `targets/`: every target in one table (JavaScript adds filters and sorting, see
  templates/static/explorer.js); without JavaScript the per-facet pages do the filtering:
  `targets/place/<id>/` (the place and every place below it), `targets/area/<id>/`,
  `targets/year/<year>/`, and one place in one year: `targets/place/<id>/year/<year>/`.
- `compare/<area>/`: the indicators of one reform area, grouped by unit, each as a chart of
  targets against results per place with the table of its numbers.

The explorer is the one page that lists every target (that is its purpose); facet pages use
the catalogue's lookups, so their cost grows with what they show, not with the corpus.
"""

from __future__ import annotations

from typing import Iterator

from .charts import chart_svg, indicator_series, legend_marker

CHART_TOOLS = {"chart": chart_svg, "legend_marker": legend_marker}


def _ordered(catalogue, targets: list) -> list:
    """Targets by place (in the places' order), year, indicator and id."""
    order = {p: i for i, p in enumerate(catalogue.places)}
    return sorted(targets, key=lambda t: (order.get(t.place, len(order)), t.year, t.indicator or "", t.id))


def place_tree(catalogue) -> list[tuple[int, object]]:
    """Every place as (depth, place), each directly followed by the places below it."""
    tree = []
    for root in catalogue.roots():
        tree.append((0, root))
        ancestors = 1
        for place in catalogue.descendants_of(root.id):
            ancestors = len(catalogue.ancestors_of(place.id))
            tree.append((ancestors, place))
    return tree


def explorer_values(catalogue, rows: list, facet) -> dict:
    """The rows of one explorer page, in order, with what its filters offer and its counts."""
    rows = _ordered(catalogue, rows)
    statuses: dict[str, int] = {"met": 0, "not-met-yet": 0, "no-data": 0}
    indicators: dict[str, object] = {}
    places = set()
    for row in rows:
        statuses[catalogue.progress_of(row).status] += 1
        if row.indicator and row.indicator in catalogue.indicators:
            indicators[row.indicator] = catalogue.indicators[row.indicator]
        places.add(row.place)
    scopes = {}  # place → the place and every place above it (a filter on a place keeps those below)
    for place in sorted(places):
        scopes[place] = " ".join([p.id for p in catalogue.ancestors_of(place)] + [place])
    years = sorted({row.year for row in rows})
    areas = [a for a in catalogue.areas.values() if any(row.area == a.id for row in rows)]
    return {"rows": rows, "facet": facet, "statuses": statuses, "scopes": scopes, "tree": place_tree(catalogue),
            "options": {"indicators": sorted(indicators.values(), key=lambda i: (i.area, i.id)),
                        "years": years, "areas": areas}}


def explorer_specs(catalogue, page_spec) -> Iterator:
    """PageSpecs of the targets explorer and its facet pages."""
    yield page_spec("targets.html", "targets/", values=explorer_values(catalogue, catalogue.targets, None))
    for place in catalogue.places.values():
        ids = [place.id] + [p.id for p in catalogue.descendants_of(place.id)]
        rows = [t for pid in ids for t in catalogue.targets_of_place(pid)]
        yield page_spec("targets.html", f"targets/place/{place.id}/",
                        values=explorer_values(catalogue, rows, ("place", place.id)))
        for year in sorted({row.year for row in rows}):  # one place and one year, without JavaScript
            yield page_spec("targets.html", f"targets/place/{place.id}/year/{year}/",
                            values=explorer_values(catalogue, [r for r in rows if r.year == year],
                                                   ("place", place.id, year)))
    for area in catalogue.areas.values():
        yield page_spec("targets.html", f"targets/area/{area.id}/",
                        values=explorer_values(catalogue, catalogue.rows_of_area(area.id)[0], ("area", area.id)))
    for year in catalogue.target_years():
        yield page_spec("targets.html", f"targets/year/{year}/",
                        values=explorer_values(catalogue, catalogue.targets_of_year(year), ("year", year)))


def compare_specs(catalogue, page_spec) -> Iterator:
    """One compare page per reform area that has indicators."""
    for area in catalogue.areas.values():
        indicators = catalogue.indicators_of_area(area.id)
        if not indicators:
            continue
        groups: dict[str, list] = {}
        for indicator in indicators:
            series = indicator_series(catalogue, indicator)
            if series:
                groups.setdefault(indicator.unit, []).append((indicator, series))
        yield page_spec("compare.html", f"compare/{area.id}/",
                        values={"area": area, "groups": groups, **CHART_TOOLS})


def indicator_values(catalogue, indicator) -> dict:
    """What an indicator page shows beside its tables: the series for its chart."""
    return {"indicator": indicator, "series": indicator_series(catalogue, indicator), **CHART_TOOLS}


def place_values(catalogue, place) -> dict:
    """A place page: per indicator with results here, its series (for a chart per indicator)."""
    charts = []
    seen = set()
    for result in catalogue.results_of_place(place.id):
        if result.indicator and result.indicator not in seen and result.indicator in catalogue.indicators:
            seen.add(result.indicator)
            indicator = catalogue.indicators[result.indicator]
            series = indicator_series(catalogue, indicator, place=place.id)
            if any(s.results for s in series):
                charts.append((indicator, series))
    return {"place": place, "charts": charts, **CHART_TOOLS}
