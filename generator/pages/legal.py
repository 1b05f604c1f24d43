"""Pages of the instruments the curated documents cite: `/legal/` and `/legal/<id>/`.

The list groups instruments by the level of their issuer (national, provincial, district),
from the place each instrument belongs to; citing documents are looked up per instrument
(`cat.citing`), never by scanning the corpus, and paged like every long list.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Catalogue, LegalDocument
from ..paging import paged
from .spec import PageSpec, PageType
from .urls import legal_path

LEVELS = ("quoc-gia", "tinh", "huyen", "xa")  # place types, from the top down; unknown last


def specs(site) -> Iterator[PageSpec]:
    """The list of cited instruments, then one page per instrument."""
    cat = site.catalogue
    yield PageSpec("legal.html", "legal/", values={"groups": legal_groups(cat)})
    for instrument in cat.legal_documents.values():
        for citations, pager in paged(cat.citing(instrument.id), legal_path(instrument.id), site.config.page_size):
            yield PageSpec("legal_document.html", pager.path(pager.number),
                           values={"instrument": instrument, "citations": citations, "pager": pager})


def legal_groups(cat: Catalogue) -> list[tuple[str, list[LegalDocument]]]:
    """(issuer level, instruments) from national down, each group newest first, undated last."""
    groups: dict[str, list[LegalDocument]] = {}
    for instrument in cat.legal_documents.values():
        groups.setdefault(issuer_level(cat, instrument), []).append(instrument)
    order = {level: i for i, level in enumerate(LEVELS)}
    return [(level, sorted(items, key=_newest_first))
            for level, items in sorted(groups.items(), key=lambda item: order.get(item[0], len(order)))]


def issuer_level(cat: Catalogue, instrument: LegalDocument) -> str:
    """The type of the instrument's place (quoc-gia, tinh, huyen, xa), or '' when unknown."""
    place = cat.places.get(instrument.place or "")
    return place.type if place else ""


def _newest_first(instrument: LegalDocument) -> tuple:
    return (instrument.date is None, -(instrument.date.toordinal() if instrument.date else 0), instrument.label)


PAGE = PageType("legal", specs, nav="legal")
