"""Duties given to agencies in the "Tổ chức thực hiện" part: one proposed assignment a
sentence, the agency from the heading it sits under ("2. Phòng Nội vụ") or the paragraph's own
opening ("Sở Nội vụ: Chủ trì …"), the area from the
words of the sentence (a duty naming no area is about directing the reform itself:
`chi-dao-dieu-hanh`, said so in `why`)."""

from __future__ import annotations

import re

from .clauses import sentences
from .sections import Document, area_named

DEFAULT_AREA = "chi-dao-dieu-hanh"
AGENCY_AREAS = [(re.compile(r"\btư pháp\b", re.I), "the-che"),
                (re.compile(r"\btài chính\b", re.I), "tai-chinh-cong"),
                (re.compile(r"\bthông tin\b", re.I), "chinh-quyen-so"),
                (re.compile(r"^văn phòng\b", re.I), "thu-tuc-hanh-chinh")]
_MIN_WORDS = 4                     # a "sentence" shorter than this is a fragment, not a duty
_GROUNDS = re.compile(r"^căn cứ\b", re.I)
_LEAD = re.compile(r"^((?:đề nghị\s+)?[^:;.]{3,120}?):\s+", re.I)
# The words an agency's name starts with (Vietnamese administration): a paragraph opening
# "<agency>: …" in the implementation part gives its duties to that agency.
_AGENCY = re.compile(r"^(?:đề nghị\s+)?(?:các\s+|thủ trưởng\s+|chủ tịch\s+|giám đốc\s+)?(?:sở|phòng|ban|ủy ban|uỷ ban|"
                     r"ubnd|hđnd|văn phòng|thanh tra|công an|đài|báo|trung tâm|kho bạc|cục|chi cục|bộ|"
                     r"mặt trận|liên đoàn|hội|đoàn|cơ quan|đơn vị|huyện|xã|thành phố|thị xã)\b", re.I)


def duties_in(document: Document) -> list[dict]:
    rows = []
    for paragraph in document.paragraphs:
        if paragraph.is_heading or not paragraph.implementation:
            continue
        text, agency, why = paragraph.text, paragraph.agency, f'agency: heading "{paragraph.agency}"'
        lead = _LEAD.match(text)
        if lead and _AGENCY.match(lead.group(1)):   # "Sở Nội vụ: Chủ trì …" names its own agency
            agency, why = lead.group(1).strip(), f'agency: "{lead.group(1).strip()}:" opening the paragraph'
        if not agency:
            continue
        for span in sentences(text):
            if lead and span.end <= lead.end(1) + 1:
                continue
            start = max(span.start, lead.end()) if lead else span.start
            sentence = paragraph.quotable(start, span.end)
            if _GROUNDS.match(sentence):
                continue  # "Căn cứ …": what the duty rests on, not a duty
            if len(sentence.split()) < _MIN_WORDS:
                continue
            area, area_why = _area(sentence, agency)
            rows.append({
                "document": document.id, "agency": agency, "area": area,
                "task": sentence.rstrip(". "), "source_quote": sentence, "why": f"{why}; {area_why}",
            })
    return rows


def _area(sentence: str, agency: str) -> tuple[str, str]:
    """The area the duty names; else the one its agency leads in every province's reform plan
    (justice: institutions; finance: public finance; information: digital government; the
    People's Committee's office: administrative procedures); else directing the reform."""
    named = area_named(sentence)
    if named:
        return named[0], f'area: "{named[1]}"'
    for words, area in AGENCY_AREAS:
        if words.search(agency):
            return area, f'area: none named; "{agency}" leads {area}'
    return DEFAULT_AREA, "area: none named (directing the reform)"
