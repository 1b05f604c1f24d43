"""Synthetic code lists: a province → district → commune tree and a few hundred indicators.

Both are derived deterministically from one random generator; indicators are the real
project's indicators plus qualified variants of them ("… trong lĩnh vực đất đai"), so
every one is a plausible quantity with the real unit, area and direction.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from .vocab import FIRST_SYLLABLES, INDICATOR_QUALIFIERS, PROVINCES, SECOND_SYLLABLES

MAX_DISTRICTS, MAX_COMMUNES, MAX_VARIANTS = 8, 3, len(INDICATOR_QUALIFIERS)


def shape(documents: int) -> tuple[int, int, int]:
    """(districts per province, communes per district, variants per indicator) for a corpus
    size: a larger corpus covers more places and indicators (171 places and 94 indicators
    for 50 documents, 443 and 329 for 200, 1,123 and 329 from 600 on; plus the real
    project's own places), so a small corpus builds in seconds."""
    return (min(MAX_DISTRICTS, 2 + documents // 100), min(MAX_COMMUNES, 1 + documents // 200),
            min(MAX_VARIANTS, max(1, documents // 30)))


@dataclass(frozen=True)
class Place:
    id: str
    name: str  # with its prefix: "huyện Long Phú"
    name_en: str
    type: str  # quoc-gia | tinh | huyen | xa
    parent: str
    bare: str  # as running text names it: "Long Phú"


@dataclass(frozen=True)
class Indicator:
    id: str
    name_vi: str
    name_en: str
    area: str
    unit: str
    direction: str


def fold(text: str) -> str:
    """Vietnamese without diacritics (`Đồng Tháp` → `Dong Thap`), for ids and English names."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def make_places(rng: random.Random, districts: int = MAX_DISTRICTS, communes: int = MAX_COMMUNES) -> list[Place]:
    """The country, 34 provinces, `districts` districts each, `communes` communes per district."""
    used: set[str] = set()

    def unique(base: str) -> str:
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        return candidate

    country = Place(unique("viet-nam"), "Việt Nam", "Viet Nam", "quoc-gia", "", "Việt Nam")
    places = [country]
    for full, bare in PROVINCES:
        province = Place(unique(slug(bare)), full, f"{fold(bare)} province", "tinh", country.id, bare)
        places.append(province)
        for district_bare in _names(rng, districts):
            district = Place(unique(slug(district_bare)), f"huyện {district_bare}",
                             f"{fold(district_bare)} district", "huyen", province.id, district_bare)
            places.append(district)
            for commune_bare in _names(rng, communes):
                places.append(Place(unique(slug(commune_bare)), f"xã {commune_bare}",
                                    f"{fold(commune_bare)} commune", "xa", district.id, commune_bare))
    return places


def _names(rng: random.Random, count: int) -> list[str]:
    """`count` distinct two-syllable names (siblings never share a name)."""
    names: list[str] = []
    while len(names) < count:
        first, second = rng.choice(FIRST_SYLLABLES), rng.choice(SECOND_SYLLABLES)
        name = f"{first} {second}"
        if first != second and name not in names:
            names.append(name)
    return names


def make_indicators(real_rows: list[dict[str, str]], variants: int = MAX_VARIANTS) -> list[Indicator]:
    """The real indicators, each followed by `variants` qualified variants of it."""
    out: list[Indicator] = []
    for row in real_rows:
        base = Indicator(row["id"], row["name_vi"], row["name_en"], row["area"], row["unit"], row["direction"])
        out.append(base)
        for code, vi, en in INDICATOR_QUALIFIERS[:variants]:
            out.append(Indicator(f"{base.id}-{code}", f"{base.name_vi} {vi}", f"{base.name_en} ({en})",
                                 base.area, base.unit, base.direction))
    return out


def real_places(rows: list[dict[str, str]], taken: set[str]) -> list[Place]:
    """The real project's places the tree lacks (Sóc Trăng, Long Phú, …): the real code lists
    copied into the corpus (instruments by issuing place, …) keep their foreign keys valid."""
    return [Place(r["id"], r["name"], r.get("name_en", ""), r["type"], r.get("parent", ""),
                  re.sub(r"^(tỉnh|thành phố|huyện|xã)\s+", "", r["name"]))
            for r in rows if r["id"] not in taken]


def children_of(places: list[Place]) -> dict[str, list[Place]]:
    """place id → its direct children, in list order."""
    out: dict[str, list[Place]] = {}
    for place in places:
        if place.parent:
            out.setdefault(place.parent, []).append(place)
    return out
