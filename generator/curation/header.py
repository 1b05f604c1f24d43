"""Draft a document's front matter from its header block, and its references from its citations.

A Vietnamese administrative document opens with a fixed header (Decree 30/2020/NĐ-CP on
official documents): the issuer in capitals ("ỦY BAN NHÂN DÂN / TỈNH LÂM ĐỒNG"), the national
motto, "Số: 2260/QĐ-UBND", "Lâm Đồng, ngày 8 tháng 9 năm 2021", the kind ("QUYẾT ĐỊNH"), the
title, "Căn cứ …" lines; it ends with the signature block ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH /
name"). A press report has none of it: a byline, and maybe a lead announcing the document
("Ngày 23/12/2022, UBND tỉnh Hậu Giang ban hành Kế hoạch số 217/KH-UBND …").
Everything found here is a guess for a person to check: the importer marks it as a draft.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..markup import fold

KINDS = {"QUYẾT ĐỊNH": "decision", "KẾ HOẠCH": "plan"}
NUMBER_KINDS = {"QĐ": "decision", "KH": "plan"}
BODIES = {"ỦY BAN NHÂN DÂN": "Ủy ban nhân dân", "UỶ BAN NHÂN DÂN": "Ủy ban nhân dân", "UBND": "Ủy ban nhân dân",
          "HỘI ĐỒNG NHÂN DÂN": "Hội đồng nhân dân", "HĐND": "Hội đồng nhân dân"}
LEVELS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
_DATE_WORDS = r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
_DATE_SLASH = r"ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
_PLACE_DATE = re.compile(rf"^(?P<place>[^,\d]{{2,40}}),\s*{_DATE_WORDS}", re.I)
_NUMBER = re.compile(r"^Số\s*:\s*(\S+)")
_MOTTO = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|^-{3,}$|^_{3,}$", re.I)
_SIGN = re.compile(r"^\**(TM|KT|TL|TUQ|Q)\.\s")
_PERIOD = re.compile(r"giai đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", re.I)
_LEDE = re.compile(rf"(?:{_DATE_SLASH}|{_DATE_WORDS}),?\s+(?P<issuer>(?:UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân)"
                   rf"\s+(?:{'|'.join(LEVELS)})\s+[^,;.]+?)\s+(?:đã\s+)?ban hành\s+(?P<kind>Kế hoạch|Quyết định)"
                   r"\s+số\s+(?P<number>[\w/.-]+)(?P<rest>[^.]*)", re.I)


@dataclass
class Header:
    """What the header block says, each value None when it is not found."""

    number: str | None = None
    type: str | None = None
    title: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    signer: str | None = None
    author: str | None = None
    source_publisher: str | None = None
    notes: list[str] = field(default_factory=list)


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _clean(text: str) -> str:
    """A header line without emphasis marks and separator rules ("-------")."""
    text = re.sub(r"(?:^|\s)[-_=]{3,}(?=\s|$)", " ", text.replace("**", "").replace("*", ""))
    return re.sub(r"\s+", " ", text).strip()


def _is_name(text: str) -> bool:
    """A person's name: two to five words, each capitalised ("Huỳnh Đức", "Trần Văn Hiệp")."""
    words = text.split()
    return 2 <= len(words) <= 5 and len(text) <= 40 and all(
        word[:1].isupper() and (word[1:].islower() or len(word) == 1) and word.isalpha() for word in words)


def title_case(name: str) -> str:
    """`LONG PHÚ` → `Long Phú` (a place name: every syllable capitalised)."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in name.split())


def issuer_name(text: str) -> str | None:
    """`ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG` or `UBND tỉnh Lâm Đồng` → `Ủy ban nhân dân tỉnh Lâm Đồng`."""
    text = _clean(text)
    for body, written in BODIES.items():
        if text.upper().startswith(body):
            rest = text[len(body):].strip()
            for level in LEVELS:
                if rest.lower().startswith(level + " "):
                    return f"{written} {level} {title_case(rest[len(level):].strip())}"
            return f"{written} {rest}".strip() if rest else None
    return None


Places = dict[str, list[tuple[str, str, str]]]  # folded name → (id, valid_from, valid_until), oldest first


def load_places(root: Path) -> Places:
    """Place name as written ("huyện Long Phú", folded to ASCII lower case) → the places of that
    name with their validity (a province merged in 2025 and its successor share a name)."""
    path = root / "datasets/cchc/places.csv"
    places: Places = {}
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("name"):
                    places.setdefault(fold(row["name"]).lower(), []).append(
                        (row["id"], row.get("valid_from") or "", row.get("valid_until") or ""))
    return places


def _resolve(places: Places, key: str | None, when: str | None) -> str | None:
    """The id of the place named `key` as it was on `when` (YYYY-MM-DD), the oldest when unknown."""
    if key is None:
        return None
    candidates = sorted(places.get(key, []), key=lambda c: c[1])  # oldest first, whatever the file's order
    for place, start, end in candidates:
        if when and (not start or start <= when) and (not end or when <= end):
            return place
    return candidates[0][0] if candidates else None


def _place_of(name: str, places: Places) -> str | None:
    """The place an issuer or place line names (its folded name): `… huyện Long Phú` or `Long Phú`."""
    key = fold(name).lower()
    levels = {fold(level) for level in LEVELS}
    for written in sorted(places, key=len, reverse=True):
        bare = written.split(" ", 1)[-1] if written.split(" ", 1)[0] in levels else written
        if key.endswith(written) or key == bare or key.endswith(" " + written):
            return written
    for written in places:
        bare = written.split(" ", 1)[-1]
        if key.endswith(bare) and len(bare) > 3:
            return written
    return None


def _most_named_place(text: str, places: Places) -> str | None:
    """The place whose name the text uses most (a press report names the place it is about)."""
    folded = fold(text).lower()
    counts = {written: len(re.findall(rf"\b{re.escape(written.split(' ', 1)[-1])}\b", folded))
              for written, candidates in places.items() if candidates[0][0] != "viet-nam"}
    best = max(counts.items(), key=lambda item: item[1], default=(None, 0))
    return best[0] if best[1] else None


def parse_header(paragraphs: list[str], places: Places) -> Header:
    """The header facts of a document given as its paragraphs (plain text, lines split by "\n": a
    header set out in a table keeps the issuer, the number and the date in one cell)."""
    header = Header()
    head = paragraphs[:25]
    official = any(_NUMBER.match(_clean(line)) or _MOTTO.search(line) for p in head for line in p.split("\n"))
    issuer_lines: list[str] = []
    for i, text in enumerate(head):
        whole = _clean(text)
        if header.type is None and whole.upper() == whole and whole in KINDS:
            header.type = KINDS[whole]
            header.title = _title_after(head[i + 1:])
            continue
        for line in text.split("\n"):
            plain = _clean(line)
            if header.number is None and (found := _NUMBER.match(plain)):
                header.number = found.group(1).rstrip(".,;")
            elif header.date is None and (found := _PLACE_DATE.match(plain)):
                header.date = _iso(found.group(2), found.group(3), found.group(4))
                header.place = header.place or _place_of(found.group("place").strip(), places)
            elif official and header.number is None and plain.isupper() and not _MOTTO.search(plain) and i < 4:
                issuer_lines.append(plain)
    if issuer_lines:
        header.issuer = issuer_name(" ".join(issuer_lines))
    if header.issuer is None:  # "Ủy ban nhân dân huyện Long Phú ban hành Kế hoạch …", or the line after the title
        for text in head:
            found = re.match(rf"^((?:{'|'.join(BODIES)})\s+(?:{'|'.join(LEVELS)})\s+.+?)(?:\s+ban hành\b|$)",
                             _clean(text), re.I)
            if found and len(found.group(1)) < 80:
                header.issuer = issuer_name(found.group(1))
                break
    if official and header.type is None and header.number:
        code = re.search(r"/([A-ZĐ]+)-", header.number)
        header.type = NUMBER_KINDS.get(code.group(1)) if code else None
    if not official:
        _press_report(header, paragraphs, places)
    else:
        header.signer = _signer(paragraphs)
    if header.issuer and header.place is None:
        header.place = _place_of(header.issuer, places)
    named_most = header.place is None
    if named_most:
        header.place = _most_named_place(" ".join(paragraphs), places)
    years = re.findall(r"\b(?:19|20)\d\d\b", " ".join(paragraphs[:3] + [header.title or ""]))
    when = header.date or (f"{max(years)}-12-31" if years else None)  # the place as it was then
    header.place = _resolve(places, header.place, when)
    if named_most and header.place:
        header.notes.append(f"place: {header.place} is the place the text names most; check it")
    if header.title and (period := _PERIOD.search(header.title)):
        header.period_start, header.period_end = int(period.group(1)), int(period.group(2))
    elif header.title and len(stated := set(re.findall(r"(?<!đến )\bnăm (\d{4})\b", header.title))) == 1:
        header.period_start = header.period_end = int(stated.pop())  # "… năm 2026 của tỉnh Cà Mau"
    return header


def _title_after(paragraphs: list[str]) -> str | None:
    """The title: the paragraphs after the kind ("QUYẾT ĐỊNH") up to the issuer line or the first
    "Căn cứ"; written in capitals in the source, it is given in sentence case (check the names)."""
    parts = []
    for text in paragraphs:
        plain = _clean(text)
        authority = plain.isupper() and any(body in plain for body in BODIES)  # "CHỦ TỊCH ỦY BAN NHÂN DÂN …"
        if re.match(r"^(Căn cứ|Xét|Thực hiện|Theo|I\.|1\.)", plain) or parts and authority or plain.startswith("("):
            break
        parts.append(plain)
        if len(parts) == 2:
            break
    title = " ".join(parts).strip()
    if not title:
        return None
    if title.isupper():
        title = title[:1] + title[1:].lower()
        for level in LEVELS:  # place names keep their capitals: "tỉnh lâm đồng" → "tỉnh Lâm Đồng"
            title = re.sub(rf"\b{level} ((?:\w+ ?){{1,3}}?)(?=$| (?:giai|đến|năm|về|trên|theo)\b)",
                           lambda m: f"{level} {title_case(m.group(1))}", title)
    return title


def _signer(paragraphs: list[str]) -> str | None:
    """The name after the first signature block ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / name")."""
    lines = [_clean(line) for text in paragraphs for line in text.split("\n") if _clean(line)]
    for i, line in enumerate(lines):
        if _SIGN.match(line):
            for after in lines[i + 1:i + 5]:
                if _is_name(after):
                    return after
    return None


def _press_report(header: Header, paragraphs: list[str], places: Places) -> None:
    header.type = "press-report"
    ends = [_clean(p) for p in (paragraphs[:1] + paragraphs[-1:])]  # a byline opens or closes the report
    bare_places = {written.split(" ", 1)[-1] for written in places}  # "Cà Mau" opening a report is no byline
    header.author = next((name for name in ends if _is_name(name) and fold(name).lower() not in bare_places), None)
    for text in paragraphs[:3]:
        found = _LEDE.search(_clean(text))
        if found:
            day, month, year = (found.group(1), found.group(2), found.group(3)) if found.group(1) else \
                (found.group(4), found.group(5), found.group(6))
            header.date = _iso(day, month, year)
            header.issuer = issuer_name(found.group("issuer"))
            header.number = found.group("number").rstrip(".,;")
            header.title = f"{found.group('kind')} số {header.number}{found.group('rest')}".strip()
            header.notes.append("number, date, issuer and title come from the report's lead sentence: "
                                "check that the report is about this document")
            break
