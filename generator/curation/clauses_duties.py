"""Duties given to agencies in the "Tổ chức thực hiện" part: one proposed assignment a
sentence, the agency from the heading it sits under ("2. Phòng Nội vụ"), the area from the
words of the sentence (a duty naming no area is about directing the reform itself:
`chi-dao-dieu-hanh`, said so in `why`)."""

from __future__ import annotations

from .clauses import sentences
from .sections import Document, area_named

DEFAULT_AREA = "chi-dao-dieu-hanh"
_MIN_WORDS = 4                     # a "sentence" shorter than this is a fragment, not a duty


def duties_in(document: Document) -> list[dict]:
    rows = []
    for paragraph in document.paragraphs:
        if paragraph.is_heading or not paragraph.implementation or not paragraph.agency:
            continue
        text = paragraph.text
        for span in sentences(text):
            sentence = span.of(text)
            if len(sentence.split()) < _MIN_WORDS:
                continue
            named = area_named(sentence)
            area, area_why = (named[0], f'area: "{named[1]}"') if named else (
                DEFAULT_AREA, "area: none named (directing the reform)")
            rows.append({
                "document": document.id, "agency": paragraph.agency, "area": area,
                "task": sentence.rstrip(". "), "source_quote": sentence,
                "why": f'agency: heading "{paragraph.agency}"; {area_why}',
            })
    return rows
