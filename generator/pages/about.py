"""Plain pages from `content/pages/` (`about/`, …), each in its own language, and `404.html`."""

from __future__ import annotations

from typing import Iterator

from .spec import PageSpec, PageType


def specs(site) -> Iterator[PageSpec]:
    for page in site.catalogue.pages:
        yield PageSpec("page.html", f"{page.name}/", page.source, {"page": page}, (page.lang,))
    yield PageSpec("404.html", "404.html")


PAGE = PageType("about", specs, nav="about")
