"""`language.py`'s readings of a paragraph, each made once: the draft asks for the figures,
years and levels of the same paragraph for every figure in it."""

from __future__ import annotations

import functools

from . import language


@functools.lru_cache(maxsize=1024)
def figures(text: str) -> tuple:
    return tuple(language.find_figures(text))


@functools.lru_cache(maxsize=1024)
def years(text: str) -> tuple:
    return tuple(language.find_years(text))


@functools.lru_cache(maxsize=1024)
def levels(text: str) -> tuple:
    return tuple(language.find_level(text))


def clear() -> None:
    """Forget every reading (the benchmark times a draft from nothing)."""
    from .clauses import clauses
    for cached in (figures, years, levels, clauses):
        cached.cache_clear()
