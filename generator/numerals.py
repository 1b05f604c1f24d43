"""How a number is written in each language: Babel's locale data, each text made once (Babel
is slow, and pages and charts repeat the same figures and axis ticks)."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal

_NUMBERS: dict[tuple, str] = {}


def format_number(value, lang: str) -> str:
    """99.79 → `99,79` in Vietnamese, `99.79` in English; thousands grouped."""
    if value is None:
        return ""
    key = (type(value), str(value), lang)
    text = _NUMBERS.get(key)
    if text is None:
        text = _NUMBERS[key] = format_decimal(Decimal(value), locale=lang, decimal_quantization=False)
    return text


SIZE_UNITS = (("GB", 2**30), ("MB", 2**20), ("kB", 2**10))


def readable_size(count: int, units=SIZE_UNITS[1:]) -> tuple[Decimal, str]:
    """A number of bytes as people read it: (number, unit), e.g. (Decimal("12.3"), "MB"), in
    the largest of `units` it reaches (the dataset page's files go up to MB; a whole site, GB)."""
    for unit, scale in units:
        if count >= scale:
            return (Decimal(count) / scale).quantize(Decimal("0.1")), unit
    return Decimal(count), "B"
