"""The home page (`/`, `/en/`): the newest documents and the ways into the site."""

from __future__ import annotations

from typing import Iterator

from .spec import PageSpec, PageType

HOME_DOCUMENTS = 12  # the newest documents, on the home page


def specs(site) -> Iterator[PageSpec]:
    documents = site.catalogue.documents.values()
    newest = sorted(documents, key=lambda d: (d.date is None, -(d.date.toordinal() if d.date else 0), d.id))
    yield PageSpec("home.html", "", values={"documents": newest[:HOME_DOCUMENTS]})


PAGE = PageType("home", specs)
