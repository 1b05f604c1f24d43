"""One synthetic document: front matter, Markdown text and the rows that quote it.

The text is built like the curated plans: number and date lines, the "Căn cứ …" grounds,
a purpose section recombined from real paragraphs, numbered targets grouped by reform
area, reported results, then duties under each agency's heading and the signature.
"""

from __future__ import annotations

import copy
import json
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .codelists import Indicator, Place
from .figures import Figure, Subject, place_and_level, result_clause, target_clause, target_value
from .harvest import Source, plain
from .vocab import AGENCIES, FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES, ROMAN

TARGET_BYTES = 6000  # the size of a mid-sized curated plan's Markdown file
PERIODS = ((2021, 2025), (2021, 2030), (2022, 2025), (2023, 2023), (2024, 2024), (2022, 2023), (2025, 2030))
KINDS = (("plan", 0.5), ("decision", 0.2), ("press-report", 0.3))


@dataclass(frozen=True)
class Assignment:
    id: str
    document: str
    agency: str
    area: str
    task: str
    source_quote: str


@dataclass
class World:
    """Everything shared by all documents of one corpus."""

    source: Source
    places: list[Place]
    children: dict[str, list[Place]]
    indicators: list[Indicator]
    free: list[Subject]  # statements without an indicator (counts, mostly)
    tasks: list[tuple[str, str]]  # (task, area) from the real assignments
    areas: dict[str, str]  # area id → Vietnamese name
    seed: int
    indicator_by_id: dict[str, Indicator] = field(default_factory=dict)
    places_by_type: dict[str, list[Place]] = field(default_factory=dict)
    place_by_id: dict[str, Place] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.indicator_by_id = {i.id: i for i in self.indicators}
        self.place_by_id = {p.id: p for p in self.places}
        for place in self.places:
            self.places_by_type.setdefault(place.type, []).append(place)


@dataclass
class Generated:
    id: str
    place: Place
    text: str = ""
    targets: list[Figure] = field(default_factory=list)
    results: list[Figure] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)


def make_document(index: int, world: World) -> Generated:
    """Document number `index` of the corpus; the same (index, seed) always gives the same bytes."""
    rng = random.Random(f"{world.seed}:{index}")
    place = rng.choice(world.places_by_type[rng.choices(("tinh", "huyen", "xa"), weights=(35, 50, 15))[0]])
    doc = Generated(f"bench-{index:06d}", place)
    meta = _front_matter(doc, rng, world)
    start, end = meta["period_start"], meta["period_end"]
    vary = _Variation(start, end, _place_names(place, world))
    targets = _targets_section(doc, rng, world, start, end)
    results = _results_section(doc, rng, world, start, end)
    duties = _assignments_section(doc, rng, world, vary)
    closing = ["Nơi nhận:", "- Sở Nội vụ;\n- Lưu: VT."]
    if meta["signer"]:
        closing += ["**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**", meta["signer"]]
    head = _heading_block(meta, place, rng, world, vary)
    front = _yaml(meta)
    intro = [f"## {ROMAN[0]}. {rng.choice(world.source.headings2 or ['MỤC ĐÍCH, YÊU CẦU'])}"]
    size = len(front.encode()) + sum(len(b.encode()) + 2 for b in [*head, *targets, *results, *duties, *closing])
    while size < TARGET_BYTES or len(intro) < 2:  # real paragraphs, varied, until the file is ~6 KB
        block = vary.places(vary(_sentences(rng.choice(world.source.paragraphs), rng)), world.source.place_words)
        intro.append(block)
        size += len(block.encode()) + 2
    blocks = [*head, *intro, *targets, *results, *duties, *closing]
    doc.text = front + "\n\n".join(blocks) + "\n"
    return doc


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def _front_matter(doc: Generated, rng: random.Random, world: World) -> dict[str, Any]:
    """Values for the real documents' key set, in their order; unknown keys copy a real value."""
    kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
    start, end = rng.choice(PERIODS)
    year = start - rng.randint(0, 1)
    when = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    press = kind == "press-report"
    number = f"{rng.randint(1, 3000)}/{'QĐ' if kind == 'decision' else 'KH'}-UBND"
    where = doc.place.name
    span, span_en = (f"năm {end}", f"in {end}") if start == end else (f"giai đoạn {start} - {end}", f"{start}–{end}")
    titles = {
        "plan": (f"Kế hoạch cải cách hành chính {where} {span}",
                 f"Administrative reform plan of {doc.place.name_en}, {span_en}"),
        "decision": (f"Ban hành Kế hoạch thực hiện công tác cải cách hành chính {span} trên địa bàn {where}",
                     f"Issuing the plan for administrative reform in {doc.place.name_en}, {span_en}"),
        "press-report": (f"Kết quả cải cách hành chính {where} năm {end} (bài báo)",
                         f"Administrative reform results of {doc.place.name_en} in {end} (press report)"),
    }
    known = {
        "id": doc.id, "number": None if press and rng.random() < 0.6 else number, "type": kind,
        "title": titles[kind][0], "title_en": titles[kind][1],
        "issuer": None if press else f"Ủy ban nhân dân {where}", "place": doc.place.id,
        "date": None if press and rng.random() < 0.5 else when, "period_start": start, "period_end": end,
        "signer": None if press else _person(rng), "author": _person(rng) if press else None,
        "source_note": "Văn bản tổng hợp do bộ sinh dữ liệu kiểm thử hiệu năng tạo ra từ các mẫu câu của "
                       "văn bản thật; không phải văn bản thật.",
        "source_note_en": "Synthetic text made by the benchmark corpus generator from the sentence patterns "
                          "of real documents; not a real document.",
    }
    # What the generator cannot make up (references, and keys added to the contract later) is
    # copied from one real document, so the copied values stay consistent with each other.
    template = rng.choice(world.source.front_matter)
    real = [template, *world.source.front_matter]
    return {key: known[key] if key in known else copy.deepcopy(next(m[key] for m in real if key in m))
            for key in world.source.front_keys}


QUOTE_KEYS = ("quote", "source_quote")


def copied_quotes(meta: dict[str, Any]) -> list[str]:
    """Quotes inside copied front-matter values (a reference's `quote`): they must occur in
    the text, so they are written into it verbatim."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in QUOTE_KEYS and isinstance(item, str) and item.strip() and item not in found:
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(meta)
    return found


class _Variation:
    """Re-dates and re-places a real sentence for this document: years move with the
    document's period (order kept, never past its end); a real province, district or
    commune name becomes the document's own province, district or commune."""

    def __init__(self, start: int, end: int, names: dict[str, str]):
        self.shift, self.end, self.names = start - 2021, end, names  # the curated plans start in 2021

    def __call__(self, text: str) -> str:
        return re.sub(r"\b(199\d|20\d\d)\b", lambda m: str(min(int(m.group(0)) + self.shift, self.end)), text)

    def places(self, text: str, words: list[tuple[str, str]]) -> str:
        for word, kind in words:
            name = self.names.get(kind, self.names["tinh"])
            text = text.replace(word, name).replace(word.upper(), name.upper())
        return text


def _place_names(place: Place, world: World) -> dict[str, str]:
    """The bare names standing for a province, a district and a commune in this document."""
    names, current = {place.type: place.bare}, place
    while current.parent and current.parent in world.place_by_id:
        current = world.place_by_id[current.parent]
        names.setdefault(current.type, current.bare)
    current = place
    while world.children.get(current.id):
        current = world.children[current.id][0]
        names.setdefault(current.type, current.bare)
    return names


def _sentences(paragraph: str, rng: random.Random) -> str:
    """The first one or two sentences of a real paragraph (they run to 400+ characters)."""
    parts = re.split(r"(?<=[.;])\s+", paragraph)
    return " ".join(parts[: rng.randint(1, 2)])


def _heading_block(meta: dict, place: Place, rng: random.Random, world: World, vary: _Variation) -> list[str]:
    """Number, place and date, the kind of text, the bold title, the legal grounds."""
    blocks = []
    if meta["type"] == "press-report":
        return [f"({place.bare}) - {meta['title'].removesuffix(' (bài báo)')}.", *copied_quotes(meta)]
    blocks.append(f"Số: {meta['number']}")
    if meta["date"]:
        year, month, day = meta["date"].split("-")
        blocks.append(f"{place.bare}, ngày {int(day)} tháng {int(month)} năm {year}")
    blocks += ["QUYẾT ĐỊNH" if meta["type"] == "decision" else "KẾ HOẠCH", f"**{meta['title']}**"]
    for ground in rng.sample(world.source.grounds, min(rng.randint(1, 2), len(world.source.grounds))):
        blocks.append(vary.places(vary(ground), world.source.place_words))
    return blocks + copied_quotes(meta)


def _subject(rng: random.Random, world: World, indicator_share: float) -> Subject:
    if world.free and rng.random() >= indicator_share:
        return rng.choice(world.free)
    return Subject.of(rng.choice(world.indicators))


def _targets_section(doc: Generated, rng: random.Random, world: World, start: int, end: int) -> list[str]:
    """Numbered promises grouped under one heading per reform area (as the curated plans do)."""
    by_area: dict[str, list[Figure]] = {}
    for n in range(1, rng.randint(16, 24) + 1):
        subject = _subject(rng, world, 0.9)
        year = rng.choice((end, end, rng.randint(start, end)))
        value = target_value(subject.unit, rng)
        clause, comparator, reading = target_clause(subject, value, year, rng)
        place, level = place_and_level(doc.place, world.children.get(doc.place.id, []), rng)
        note = "plain figure read as a minimum" if comparator == ">=" and rng.random() < 0.1 else ""
        figure = Figure(f"{doc.id}-t{n:02d}", doc.id, place, subject.area, subject.indicator, level,
                        subject.statement, subject.statement_en, comparator, value, subject.unit,
                        year, source_quote=clause, note=note, quote_reading=reading)
        doc.targets.append(figure)
        by_area.setdefault(subject.area, []).append(figure)
    blocks = [f"## {ROMAN[1]}. {rng.choice(('CÁC CHỈ TIÊU CỤ THỂ', 'MỤC TIÊU CỤ THỂ'))}"]
    number = 0
    for k, (area, figures) in enumerate(by_area.items(), start=1):
        blocks.append(f"### {k}. {world.areas.get(area, area)}")
        items, i = [], 0
        while i < len(figures):
            number += 1
            if i + 1 < len(figures) and rng.random() < 0.3:  # "…; trong đó, …": two promises, one item
                second = figures[i + 1]
                second.source_quote = second.source_quote[:1].lower() + second.source_quote[1:]
                items.append(f"{number}. {figures[i].source_quote}; trong đó, {second.source_quote}.")
                i += 2
            else:
                items.append(f"{number}. {figures[i].source_quote}.")
                i += 1
        blocks.append("\n".join(items))
    return blocks


def _results_section(doc: Generated, rng: random.Random, world: World, start: int, end: int) -> list[str]:
    """Reported figures; half measure what a target of the document promised (so progress shows)."""
    lines = []
    for n in range(1, rng.randint(9, 15) + 1):
        year = rng.randint(start, end)
        promised = rng.choice(doc.targets) if doc.targets and rng.random() < 0.5 else None
        if promised and promised.indicator:
            subject = Subject.of(world.indicator_by_id[promised.indicator])
            place, level = promised.place, promised.level
            year = min(year, promised.year)
        else:
            subject = _subject(rng, world, 0.6)
            place, level = place_and_level(doc.place, world.children.get(doc.place.id, []), rng)
        figure = Figure(f"{doc.id}-r{n:02d}", doc.id, place, subject.area, subject.indicator, level,
                        subject.statement, subject.statement_en, "=", Decimal(0), subject.unit, year)
        figure.source_quote = result_clause(figure, subject, rng)
        doc.results.append(figure)
        lines.append(f"- {figure.source_quote}.")
    title = rng.choice(("KẾT QUẢ ĐẠT ĐƯỢC", "KẾT QUẢ THỰC HIỆN"))
    return [f"## {ROMAN[2]}. {title}", "\n".join(lines)]


def _assignments_section(doc: Generated, rng: random.Random, world: World, vary: _Variation) -> list[str]:
    """Duties under one heading per agency, each duty a paragraph that is its own quote."""
    agencies = AGENCIES.get(doc.place.type, AGENCIES["tinh"])
    chosen = rng.sample(agencies, min(len(agencies), rng.randint(4, 6)))
    blocks = [f"## {ROMAN[3]}. TỔ CHỨC THỰC HIỆN"]
    groups: dict[str, list[str]] = {}
    for n in range(1, rng.randint(12, 18) + 1):
        task, area = rng.choice(world.tasks)
        task = plain(vary.places(vary(task), world.source.place_words))
        agency = chosen[(n - 1) % len(chosen)]
        doc.assignments.append(Assignment(f"{doc.id}-a{n:02d}", doc.id, agency, area, task, task))
        groups.setdefault(agency, []).append(f"{task}.")
    for k, (agency, tasks) in enumerate(groups.items(), start=1):
        blocks += [f"### {k}. {agency}", *tasks]
    return blocks


def _yaml(meta: dict[str, Any]) -> str:
    """Front matter written like the curated files (double-quoted text, bare dates and ids)."""
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list) and value and all(isinstance(item, dict) and item for item in value):
            lines.append(f"{key}:")
            for item in value:
                pairs = [f"{k}: {_scalar(v)}" for k, v in item.items()]
                lines += [f"  - {pairs[0]}", *(f"    {p}" for p in pairs[1:])]
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(_scalar(item) for item in value)}]")
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n---\n\n"


_YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9-]*", value) and value not in _YAML_WORDS:
        return value  # ids and codes are written bare, as in the curated files
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, default=str)  # a nested value copied from a real document
