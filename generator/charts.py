"""Charts drawn at build time as accessible SVG: targets against results over the years.

No chart library and no script: each chart is a `<svg role="img">` with a `<title>` and
a `<desc>` (its accessible name and description), scales with its box (viewBox, width
100%), and uses the Okabe–Ito colour-blind-safe palette AND a distinct marker shape per
series, so it reads in greyscale too. Results are filled markers joined by a solid line;
targets are hollow markers joined by a dashed line. Every chart is shown next to a table
of its numbers (`compare_table` in templates/_compare.html), built from the same series.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from .numerals import format_number


# Okabe & Ito (2008), without yellow (too pale on white); shapes cycle independently.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "cross")  # 6 × 7 colours: 42 distinct looks

WIDTH, HEIGHT = 400, 250
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 20, 30


@dataclass
class Series:
    """One place at one level: its targets and results for one indicator, by year."""

    place: str
    level: str
    targets: list = field(default_factory=list)  # Target rows, by year
    results: list = field(default_factory=list)  # Result rows, by year

    @property
    def key(self) -> str:
        return f"{self.place}/{self.level}"

    def years(self) -> list[int]:
        return sorted({row.year for row in self.targets} | {row.year for row in self.results})

    def targets_in(self, year: int) -> list:
        return [row for row in self.targets if row.year == year]

    def results_in(self, year: int) -> list:
        return [row for row in self.results if row.year == year]


def comparable(row, unit: str) -> bool:
    """A level in the indicator's unit (not a change against a baseline year or period): it can be drawn."""
    change = getattr(row, "is_change", row.baseline_year is not None)
    return row.unit == unit and not change


MAX_SERIES = 12  # series drawn in one chart (see chart_series)


def indicator_series(catalogue, indicator, place: str | None = None) -> list[Series]:
    """Series for one indicator (optionally one place), in the order places are listed."""
    groups: dict[tuple[str, str], Series] = {}
    for kind, rows in (("targets", catalogue.targets_of_indicator(indicator.id)),
                       ("results", catalogue.results_of_indicator(indicator.id))):
        for row in rows:
            if not comparable(row, indicator.unit) or (place and row.place != place):
                continue
            series = groups.setdefault((row.place, row.level), Series(row.place, row.level))
            getattr(series, kind).append(row)
    for series in groups.values():
        series.targets.sort(key=lambda r: (r.year, r.id))
        series.results.sort(key=lambda r: (r.year, r.id))
    return sorted(groups.values(), key=lambda s: (catalogue.place_order(s.place), s.level))


def chart_series(catalogue, indicator, place: str | None = None) -> tuple[list[Series], int]:
    """The series one chart draws, and how many there are in all.

    A chart stays legible, and its page bounded, with at most MAX_SERIES series: when there
    are more, the highest places (country, then provinces) and those with the most figures
    are drawn, in the places' order; the page's tables and downloads have every figure.
    """
    series = indicator_series(catalogue, indicator, place)
    if len(series) <= MAX_SERIES:
        return series, len(series)
    ranked = sorted(series, key=lambda s: (len(catalogue.ancestors_of(s.place)), -(len(s.targets) + len(s.results)),
                                           catalogue.place_order(s.place), s.level))
    kept = {id(s) for s in ranked[:MAX_SERIES]}
    return [s for s in series if id(s) in kept], len(series)


def all_years(series: list[Series]) -> list[int]:
    return sorted({year for s in series for year in s.years()})


def style(index: int) -> dict[str, str]:
    """Colour and shape of the index-th series."""
    return {"colour": PALETTE[index % len(PALETTE)], "shape": SHAPES[index % len(SHAPES)]}


def marker(shape: str, x: float, y: float, colour: str, filled: bool, size: float = 5.5) -> str:
    """An SVG marker of a given shape centred on (x, y)."""
    fill = colour if filled else "#ffffff"
    paint = f'fill="{fill}" stroke="{colour}" stroke-width="2"'
    s = size
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s:.1f}" {paint}/>'
    if shape == "square":
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {paint}/>'
    points = {
        "triangle": [(0, -1.2), (1.1, 0.9), (-1.1, 0.9)],
        "triangle-down": [(0, 1.2), (1.1, -0.9), (-1.1, -0.9)],
        "diamond": [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)],
        "cross": [(-.4, -1.2), (.4, -1.2), (.4, -.4), (1.2, -.4), (1.2, .4), (.4, .4), (.4, 1.2), (-.4, 1.2),
                  (-.4, .4), (-1.2, .4), (-1.2, -.4), (-.4, -.4)],
        "star": [(0, -1.3), (.38, -.4), (1.25, -.4), (.55, .15), (.8, 1.1), (0, .5), (-.8, 1.1), (-.55, .15),
                 (-1.25, -.4), (-.38, -.4)],
    }[shape]
    coords = " ".join(f"{x + dx * s:.1f},{y + dy * s:.1f}" for dx, dy in points)
    return f'<polygon points="{coords}" {paint}/>'


def legend_marker(index: int, filled: bool) -> str:
    """A small standalone SVG of a series' marker, for the HTML legend (decorative)."""
    look = style(index)
    return ('<svg class="legend-mark" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">'
            + marker(look["shape"], 8, 8, look["colour"], filled, 5) + "</svg>")


def _ticks(low: Decimal, high: Decimal) -> list[Decimal]:
    """About five round tick values covering [low, high]."""
    span = Decimal(high - low) or Decimal(1)
    raw = span / 5
    magnitude = Decimal(10) ** (raw.adjusted())
    step = next(m * magnitude for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
                if m * magnitude >= raw)
    start = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    ticks, value = [], start
    while value <= high + step / 1000:
        ticks.append(value)
        value += step
    return ticks


def chart_svg(series: list[Series], chart_id: str, title: str, description: str, lang: str,
              unit_symbol: str = "") -> str:
    """The SVG markup of one chart (safe to insert as-is: every text is escaped)."""
    years = all_years(series)
    values = [row.value for s in series for row in (*s.targets, *s.results)]
    if not years or not values:
        return ""
    low = min(Decimal(0), min(values))
    high = max(values)
    if unit_symbol == "%" and high <= 100 and low >= 0:
        high = Decimal(100)
    ticks = _ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])
    first, last = years[0], years[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    spread = min(8.0, 48.0 / len(series))  # series side by side within a year, so none hides another
    pad = 14 + spread * (len(series) - 1) / 2  # room for the outermost series at either end

    def x_of(year: int) -> float:
        if first == last:
            return LEFT + plot_w / 2
        return LEFT + pad + (year - first) * (plot_w - 2 * pad) / (last - first)

    def y_of(value: Decimal) -> float:
        return TOP + plot_h - float((value - low) / ((high - low) or 1)) * plot_h

    def fmt(value: Decimal) -> str:
        return format_number(value, lang) + unit_symbol

    out = [f'<svg class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" preserveAspectRatio="xMidYMid meet" '
           f'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
           '<g class="axes" font-size="13" fill="#454f5e">']
    for tick in ticks:
        y = y_of(tick)
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d9dee7" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(fmt(tick))}</text>')
    labelled, previous = [], None
    for year in years:  # every year with a figure, unless it would crowd the one before
        if previous is None or x_of(year) - x_of(previous) >= 40:
            labelled.append(year)
            previous = year
    for year in labelled:
        out.append(f'<text x="{x_of(year):.1f}" y="{HEIGHT - 8}" text-anchor="middle">{year}</text>')
    out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" stroke="#566072"/>')
    out.append("</g>")
    for index, s in enumerate(series):
        look = style(index)
        colour, shape = look["colour"], look["shape"]
        dodge = (index - (len(series) - 1) / 2) * spread

        def at(year: int, _dodge=dodge) -> float:
            return x_of(year) + _dodge

        out.append(f'<g class="series" data-series="{escape(s.key)}">')
        for rows, dash in ((s.results, ""), (s.targets, ' stroke-dasharray="5 4"')):
            if len(rows) > 1:
                points = " ".join(f"{at(r.year):.1f},{y_of(r.value):.1f}" for r in rows)
                out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for row in s.results:
            out.append(marker(shape, at(row.year), y_of(row.value), colour, True))
        for row in s.targets:
            out.append(marker(shape, at(row.year), y_of(row.value), colour, False))
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


CHART_TOOLS = {"chart": chart_svg, "legend_marker": legend_marker}  # what a page with charts gives its template
