"""Draft `references:` from the instruments a text cites ("Căn cứ Nghị quyết số 76/NQ-CP ngày 15
tháng 7 năm 2021 của Chính phủ …"), matched against `datasets/cchc/legal_documents.csv`.

An instrument is matched by its number (spaces and case aside); one cited without its year
("107/NĐ-CP") by its serial, its code and the date; a law cited by name ("Luật Tổ chức chính quyền
địa phương ngày 19 tháng 6 năm 2015") by its title and date. Instruments not in the file are
returned apart, with a proposed id, for the maintainer to add.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..markup import fold

KIND_WORDS = {"Luật": "luat", "Bộ luật": "bl", "Pháp lệnh": "pl", "Nghị quyết": "nq", "Nghị định": "nd",
              "Quyết định": "qd", "Thông tư liên tịch": "ttlt", "Thông tư": "tt", "Chỉ thị": "ct",
              "Kế hoạch": "kh", "Chương trình": "ctr", "Công văn": "cv", "Hướng dẫn": "hd",
              "Kết luận": "kl", "Thông báo": "tb", "Quy định": "qdi", "Đề án": "da"}
_KIND = "|".join(sorted(KIND_WORDS, key=len, reverse=True))
_DATE = (r"ngày\s+(?:(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
         r"|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))")
_NUMBERED = (rf"(?P<kind>{_KIND})\s+(?:số\s+)?(?P<number>\d+(?:\s?/\s?\d{{4}})?\s?[/-][\w./-]*?[A-ZĐ][\w./-]*\w)"
             rf"(?:,?\s*(?P<date1>{_DATE}))?")
_DATE_AFTER = re.compile(rf",?\s+({_DATE})")
# Words an issuer's name is made of: capitalised words, and these ("UBND tỉnh Sóc Trăng", "Ban Chấp
# hành Trung ương Đảng khóa XII"); the first other word ("về", "đúng", "ban hành") ends the name.
_ISSUER_WORDS = {"tỉnh", "huyện", "xã", "quận", "phường", "thị", "trấn", "thành", "phố", "nhân", "dân",
                 "hành", "đảng", "bộ", "khóa", "khoá", "trung", "ương", "ủy", "uỷ", "chính", "phủ", "tướng", "trị",
                 "đồng", "quốc", "hội", "thường", "vụ", "chấp"}
_NAMED = rf"(?P<law>Luật|Bộ luật|Pháp lệnh)\s+(?P<name>[A-ZĐÀ-Ỹ][^;.]{{2,150}}?)\s+(?P<date3>{_DATE})"
CITATION = re.compile(rf"{_NUMBERED}|{_NAMED}")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-ZĐÀ-Ỹ\"“(])")


@dataclass(frozen=True)
class Citation:
    """One instrument as the text cites it; `legal` is its legal_documents id, or None if unknown."""

    legal: str | None
    kind: str
    number: str | None
    date: str | None  # as the text gives it, YYYY-MM-DD
    wording: str
    quote: str
    proposed_id: str | None = None

    def entry(self) -> dict:
        """The front matter's `references:` entry (or `draft_unknown:` entry when unknown)."""
        if self.legal:
            return {"legal": self.legal, "date": self.date, "wording": self.wording, "quote": self.quote}
        return {"proposed_id": self.proposed_id, "number": self.number, "date": self.date,
                "wording": self.wording, "quote": self.quote}


def _key(number: str) -> str:
    return fold(re.sub(r"\s+", "", number)).upper()


def _iso(groups: tuple) -> str | None:
    day, month, year = groups[:3] if groups[0] else groups[3:6]
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


class LegalIndex:
    """legal_documents.csv by number, by (serial, code) and by folded title."""

    def __init__(self, root: Path):
        self.rows: list[dict] = []
        path = root / "datasets/cchc/legal_documents.csv"
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                self.rows = list(csv.DictReader(handle))
        self.by_number = {_key(row["number"]): row["id"] for row in self.rows if row.get("number")}

    def match(self, kind: str, number: str | None, when: str | None, name: str | None) -> str | None:
        if number:
            found = self.by_number.get(_key(number))
            if found:
                return found
            serial, code = re.match(r"\d+", number).group(0), _key(number).rsplit("/", 1)[-1]
            for row in self.rows:  # cited without the year: "107/NĐ-CP" for 107/2021/NĐ-CP
                if row.get("number") and when and row.get("date") == when \
                        and re.match(r"\d+", row["number"]).group(0) == serial \
                        and _key(row["number"]).rsplit("/", 1)[-1] == code:
                    return row["id"]
            return None
        wanted = fold(f"{kind} {name}").lower()
        for row in self.rows:
            title = fold(row.get("title") or "").lower()
            if title and (title == wanted or f"{fold(kind).lower()} {title}" == wanted) \
                    and (not when or not row.get("date") or row["date"] == when):
                return row["id"]
        return None


def _quote(paragraph: str, start: int) -> str:
    """The sentence of `paragraph` that holds the citation at `start` (the whole paragraph when short)."""
    if len(paragraph) <= 400:
        return paragraph
    offset = 0
    for sentence in _SENTENCE.split(paragraph):
        position = paragraph.find(sentence, offset)
        if position <= start < position + len(sentence):
            return sentence
        offset = position + len(sentence)
    return paragraph


def _proposed_id(kind: str, number: str | None, when: str | None) -> str:
    prefix = KIND_WORDS.get(kind, "vb")
    if not number:
        return f"{prefix}-{(when or '')[:4]}".strip("-")
    serial = re.match(r"\d+", number).group(0)
    year = re.search(r"/(\d{4})/", number)
    code = re.sub(r"[^a-z0-9]+", "-", fold(number.rsplit("/", 1)[-1]).lower()).strip("-")
    code = code.removeprefix(prefix + "-")  # "QĐ-TTg" of a decision: qd-240-2025-ttg, as the file's ids
    return "-".join(filter(None, (prefix, serial, year.group(1) if year else (when or "")[:4], code)))


def _date_of(found: re.Match, group: str) -> str | None:
    if not found.group(group):
        return None
    first = found.re.groupindex[group]  # the date's own six groups follow it
    return _iso(found.groups()[first:first + 6])


def _issuer_end(paragraph: str, end: int) -> int:
    """Where "của <issuer>" after a citation ends (at `end` when there is none)."""
    tail = re.match(r"\s+của\s+", paragraph[end:])
    if not tail:
        return end
    position, words = end + tail.end(), 0
    for word in re.finditer(r"[^\s;,.()]+", paragraph[end + tail.end():]):
        start = end + tail.end() + word.start()
        if paragraph[position:start].strip() or words >= 12:
            break  # punctuation between words ends the name
        text = word.group(0)
        if not (text[:1].isupper() or text.lower() in _ISSUER_WORDS):
            break
        position, words = start + len(text), words + 1
    return position if words else end


def find_citations(paragraphs: list[str], index: LegalIndex, own: str | None = None
                   ) -> tuple[list[Citation], list[Citation]]:
    """(known, unknown): every instrument the text cites with a number or a date (but its own
    number, `own`), once each, quoted at its first passage, "Căn cứ" lines first."""
    known: list[Citation] = []
    unknown: list[Citation] = []
    seen: set[str] = set()
    grounds = [p for p in paragraphs if p.startswith("Căn cứ")]
    for paragraph in grounds + [p for p in paragraphs if not p.startswith("Căn cứ")]:
        for found in CITATION.finditer(paragraph):
            end = found.end()
            if found.group("number"):
                kind, number, name = found.group("kind"), found.group("number"), None
                when = _date_of(found, "date1")
                if own and _key(number) == _key(own):
                    continue  # the document naming itself
                end = _issuer_end(paragraph, end)
                if when is None and (after := _DATE_AFTER.match(paragraph, end)):
                    when, end = _iso(after.groups()[1:7]), after.end()
            else:
                kind, number, name = found.group("law"), None, found.group("name")
                when = _date_of(found, "date3")
            wording = paragraph[found.start():end].strip().rstrip(",;")
            legal = index.match(kind, number, when, name)
            identity = legal or (_key(number) if number else fold(wording).lower())
            if identity in seen:
                continue
            seen.add(identity)
            citation = Citation(legal, kind, number and re.sub(r"\s+", "", number), when, wording,
                                _quote(paragraph, found.start()),
                                None if legal else _proposed_id(kind, number, when))
            (known if legal else unknown).append(citation)
    return known, unknown
