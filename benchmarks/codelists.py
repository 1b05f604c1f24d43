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

DISTRICTS_PER_PROVINCE = 8
COMMUNES_PER_DISTRICT = 3


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


def make_places(rng: random.Random) -> list[Place]:
    """The country, 34 provinces, 8 districts each, 3 communes per district (1,123 places)."""
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
        for district_bare in _names(rng, DISTRICTS_PER_PROVINCE):
            district = Place(unique(slug(district_bare)), f"huyện {district_bare}",
                             f"{fold(district_bare)} district", "huyen", province.id, district_bare)
            places.append(district)
            for commune_bare in _names(rng, COMMUNES_PER_DISTRICT):
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


def make_indicators(real_rows: list[dict[str, str]]) -> list[Indicator]:
    """The real indicators, each followed by its qualified variants (7 × the real count)."""
    out: list[Indicator] = []
    for row in real_rows:
        base = Indicator(row["id"], row["name_vi"], row["name_en"], row["area"], row["unit"], row["direction"])
        out.append(base)
        for code, vi, en in INDICATOR_QUALIFIERS:
            out.append(Indicator(f"{base.id}-{code}", f"{base.name_vi} {vi}", f"{base.name_en} ({en})",
                                 base.area, base.unit, base.direction))
    return out


def children_of(places: list[Place]) -> dict[str, list[Place]]:
    """place id → its direct children, in list order."""
    out: dict[str, list[Place]] = {}
    for place in places:
        if place.parent:
            out.setdefault(place.parent, []).append(place)
    return out
