"""The search page (`search/`): Pagefind's box and results, loading every part of the index
(the folders come from the search stage: `site.search_bundles()`)."""

from __future__ import annotations

from typing import Iterator

from .spec import PageSpec, PageType


def specs(site) -> Iterator[PageSpec]:
    yield PageSpec("search.html", "search/", values={"bundles": site.search_bundles()})


PAGE = PageType("search", specs, nav="search")
