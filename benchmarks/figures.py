"""Figures (targets and results) and the sentences that state them, written the way the
curated plans write them: "Đến năm 2025, … đạt tối thiểu 80%", "… đạt 26,21% (41/103)".

Each figure is generated together with its clause; the clause goes into the text and is
the figure's `source_quote`, so every quote is an exact excerpt by construction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .codelists import Indicator, Place

CENT = Decimal("0.01")


@dataclass
class Figure:
    """One target or result row, with every column the generator knows how to fill."""

    id: str
    document: str
    place: str
    area: str
    indicator: str
    level: str
    statement: str
    statement_en: str
    comparator: str
    value: Decimal
    unit: str
    year: int
    baseline_year: int | None = None
    numerator: int | None = None
    denominator: int | None = None
    source_quote: str = ""
    note: str = ""
    quote_reading: str = ""  # "comparator": the clause states the figure with no comparator words


@dataclass
class Subject:
    """What a figure is about: an indicator, or a free statement with its own unit."""

    indicator: str
    area: str
    statement: str
    statement_en: str
    unit: str
    direction: str

    @classmethod
    def of(cls, indicator: Indicator) -> "Subject":
        return cls(indicator.id, indicator.area, indicator.name_vi, indicator.name_en, indicator.unit,
                   indicator.direction)


def vi_number(value: Decimal | int) -> str:
    """605859 → `605.859`, 99.79 → `99,79` (Vietnamese separators)."""
    value = Decimal(value)
    text = f"{value:,.2f}" if value != value.to_integral() else f"{int(value):,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def phrase(statement: str) -> str:
    """A name as it reads inside a sentence: first letter lower-cased unless an acronym."""
    first = statement.split(" ", 1)[0]
    if len(first) > 1 and first[1].isupper():
        return statement
    return statement[:1].lower() + statement[1:]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def target_value(unit: str, rng: random.Random) -> Decimal:
    """A promise of the kind plans make in this unit."""
    if unit == "percent":
        return Decimal(rng.choice((50, 60, 70, 75, 80, 85, 90, 95, 100, 100)))
    if unit == "rank":
        return Decimal(rng.randint(1, 20))
    if unit == "rank_change":
        return Decimal(rng.randint(1, 10))
    if unit == "times":
        return Decimal(rng.randint(11, 30)) / 10
    if unit == "vnd":
        return Decimal(rng.randint(10, 900) * 1_000_000)
    return Decimal(rng.randint(5, 5000))


def target_clause(subject: Subject, value: Decimal, year: int, rng: random.Random) -> tuple[str, str, str]:
    """(clause as written, comparator, quote_reading) for a promise: the reading is "comparator"
    where the clause gives no comparator words and the comparator is read ("Phấn đấu … đạt 80%")."""
    p, v = phrase(subject.statement), vi_number(value)
    if subject.unit == "percent" and subject.direction == "decrease":
        return f"Đến năm {year}, {p} không vượt quá {v}%", "<=", ""
    if subject.unit == "percent":
        return rng.choice((
            (f"Đến năm {year}, {p} đạt tối thiểu {v}%", ">=", ""),
            (f"{_capital(p)} đạt từ {v}% trở lên vào năm {year}", ">=", ""),
            (f"Phấn đấu đến năm {year}, {p} đạt {v}%", ">=", "comparator"),
            *([(f"Năm {year}, {p} đạt trên {v}%", ">", "")] if value < 100 else []),
        ))
    return {
        "rank": (f"Đến năm {year}, {p} thuộc nhóm {v} địa phương dẫn đầu cả nước", "<=", ""),
        "rank_change": (f"Đến năm {year}, {p} tăng ít nhất {v} bậc", ">=", ""),
        "times": (f"Đến năm {year}, {p} tăng gấp {v} lần", ">=", "comparator"),
        "vnd": (f"Đến năm {year}, {p} đạt {v} đồng", ">=", "comparator"),
    }.get(subject.unit, (f"Đến năm {year}, {p} đạt ít nhất {v}", ">=", ""))


def result_clause(figure: Figure, subject: Subject, rng: random.Random) -> str:
    """Fill a result's value (and parts or baseline) and return the clause stating it."""
    p, unit, year = phrase(subject.statement), subject.unit, figure.year
    roll = rng.random()
    if unit == "percent" and roll < 0.35:
        denominator = rng.randint(20, 2000)
        numerator = rng.randint(denominator // 3, denominator)
        value = (Decimal(numerator) * 100 / denominator).quantize(CENT, ROUND_HALF_UP)
        if rng.random() < 0.02:  # the curated data has stated ratios that disagree with their parts
            value = min(Decimal(100), value + rng.randint(1, 9))
        figure.value, figure.numerator, figure.denominator = value.normalize(), numerator, denominator
        return f"Năm {year}, {p} đạt {vi_number(value)}% ({numerator}/{denominator})"
    if unit == "percent" and roll < 0.5:
        figure.value, figure.baseline_year = Decimal(rng.randint(101, 4000)) / 100, year - 1
        return f"Năm {year}, {p} tăng {vi_number(figure.value)}% so với năm {year - 1}"
    if unit == "percent":
        figure.value = Decimal(rng.randint(3000, 10000)) / 100
        return f"Tính đến năm {year}, {p} đạt {vi_number(figure.value)}%"
    if unit in ("rank_change", "times"):
        figure.value, figure.baseline_year = target_value(unit, rng), year - 1
        word = "bậc" if unit == "rank_change" else "lần"
        return f"Năm {year}, {p} tăng {vi_number(figure.value)} {word} so với năm {year - 1}"
    figure.value = target_value(unit, rng)
    if unit == "rank":
        return f"Năm {year}, {p} xếp thứ {vi_number(figure.value)}"
    if unit == "vnd":
        return f"Năm {year}, {p} đạt {vi_number(figure.value)} đồng"
    if roll < 0.8:
        return f"Năm {year}, {p} là {vi_number(figure.value)}"
    figure.comparator = ">"
    return f"Năm {year}, {p} đạt trên {vi_number(figure.value)}"


def place_and_level(place: Place, children: list[Place], rng: random.Random) -> tuple[str, str]:
    """(place, level) of a figure in a document about `place`: mostly the whole place,
    sometimes one level of it (a provincial plan's commune target), sometimes a child."""
    roll = rng.random()
    lower = {"tinh": ("tinh", "huyen", "xa"), "huyen": ("huyen", "xa"), "xa": ("xa",)}.get(place.type, ())
    if roll < 0.6 or not lower:
        return place.id, "toan-dia-ban"
    if roll < 0.9 or not children:
        return place.id, rng.choice(lower)
    child = rng.choice(children)
    return child.id, "toan-dia-ban" if child.type == "quoc-gia" else child.type
