"""The reform areas (`areas/`), each linking its indicators, explorer list and compare page."""

from __future__ import annotations

from typing import Iterator

from .spec import PageSpec, PageType


def specs(site) -> Iterator[PageSpec]:
    yield PageSpec("areas.html", "areas/")


PAGE = PageType("areas", specs, nav="areas")
