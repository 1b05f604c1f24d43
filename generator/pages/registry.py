"""PAGE_TYPES: the one list of the site's page types (Pelican's generator list, Sphinx's
html-collect-pages). Every other list of pages derives from it: the pages rendered, the
search index's entries, the per-page downloads and API objects, and the navigation items.

Adding a page type: one module with its `PAGE` (see spec.PageType), its templates, its
strings, and one line here.
"""

from __future__ import annotations

from typing import Iterator

from . import about, areas, compare, datasets, documents, home, indicators, legal, places, search, targets
from .spec import OwnRows, PageSpec, PageType, SearchEntry

PAGE_TYPES: list[PageType] = [home.PAGE, documents.PAGE, indicators.PAGE, places.PAGE, areas.PAGE, targets.PAGE,
                              compare.PAGE, legal.PAGE, datasets.PAGE, about.PAGE, search.PAGE]


def page_specs(site) -> Iterator[PageSpec]:
    """Every page of the site, one spec each, lazily (nothing is held for the whole corpus)."""
    for page_type in PAGE_TYPES:
        yield from page_type.specs(site)


def search_entries(catalogue) -> Iterator[SearchEntry]:
    """Every page the search index holds."""
    for page_type in PAGE_TYPES:
        if page_type.search is not None:
            yield from page_type.search(catalogue)


def own_rows() -> list[OwnRows]:
    """The page types whose pages offer their own rows (per-page downloads, API objects)."""
    return [page_type.own_rows for page_type in PAGE_TYPES if page_type.own_rows is not None]


def navigation() -> list[str]:
    """Every page type a `navigation` item of site.yaml can link, in the registry's order."""
    return [page_type.nav for page_type in PAGE_TYPES if page_type.nav is not None]
