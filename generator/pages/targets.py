"""The targets explorer and its facet pages, for finding promises.

- `targets/`: every target, as a paged table (JavaScript adds filters and sorting, see
  templates/static/explorer.js); without JavaScript the per-facet pages do the filtering:
  `targets/area/<id>/`, `targets/year/<year>/` (no other page lists an area's or a year's
  promises).
- `targets/place/<id>/` repeated each place's page (and again for each of its years and
  page numbers); each is now one small page sending the reader to the place's page
  (targets_moved.html). Its year and page-number addresses are answered by cite.js on the 404 page.

Every list is paged (`page_size` rows a page, see paging.py), and a page offers only the
places, indicators and browse links of what it shows, so no page grows with the corpus.
"""

from __future__ import annotations

from typing import Iterator

from ..paging import paged
from ..progress import counted
from .spec import PageSpec, PageType
from .urls import place_path, targets_path


def _ordered(catalogue, targets: list) -> list:
    """Targets by place (in the places' order), year, indicator and id."""
    return sorted(targets, key=lambda t: (catalogue.place_order(t.place), t.year, t.indicator or "", t.id))


def _with_depths(catalogue, places) -> list[tuple[int, object]]:
    """(depth, place) for `places`, in the places' order."""
    ordered = sorted(places, key=lambda p: catalogue.place_order(p.id))
    return [(len(catalogue.ancestors_of(p.id)), p) for p in ordered]


def explorer_facet(catalogue, rows: list, facet) -> dict:
    """What every page of one explorer list shares: its counts per status, years and areas."""
    statuses = counted(map(catalogue.progress_of, rows))
    areas = {row.area for row in rows}
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


def _explorer_list(catalogue, base: str, rows: list, facet, size: int) -> Iterator[PageSpec]:
    shared = explorer_facet(catalogue, rows, facet)
    for chunk, pager in paged(_ordered(catalogue, rows), base, size):
        yield PageSpec("targets.html", pager.path(pager.number), values=explorer_page(catalogue, chunk, shared, pager))


def moved(path: str) -> bool:
    """Whether the page written at `path` only sends the reader on (kept out of the sitemap)."""
    return "/targets/place/" in "/" + path


def specs(site) -> Iterator[PageSpec]:
    """PageSpecs of the targets explorer and its facet pages, each list paged by `page_size` rows."""
    catalogue, size = site.catalogue, site.config.page_size
    yield from _explorer_list(catalogue, targets_path(), catalogue.targets, None, size)
    for place in catalogue.places.values():  # moved to the place's page: one page each, not one per year or page
        yield PageSpec("targets_moved.html", targets_path(place.id), values={"to": place_path(place.id), "place": place})
    for area in catalogue.areas.values():
        yield from _explorer_list(catalogue, targets_path(area=area.id),
                                  catalogue.rows_of_area(area.id)[0], ("area", area.id), size)
    for year in catalogue.target_years():
        yield from _explorer_list(catalogue, targets_path(year=year),
                                  catalogue.targets_of_year(year), ("year", year), size)


PAGE = PageType("targets", specs, nav="targets")
