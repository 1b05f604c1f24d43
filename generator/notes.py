"""Curators' notes as readers read them: the codes curators write for each other turned into words.

The data keeps the notes exactly as written (downloads are for people who work with the codes);
a page shows `reader_note(text, …)`: a comparator in brackets (`(>=)`) becomes its words, or goes
when the sentence already says it; a level code becomes the level's name; an indicator id its
name; a row id a link to that row; field names and "OCR" plain words.
"""

from __future__ import annotations

import re
from typing import Callable

from markupsafe import Markup, escape

COMPARATOR = re.compile(r"\s*\((?:comparator )?(>=|>|<=|<|=)\)")
SAID = {">=": ("tối thiểu", "minimum", "at least", "or more", "trở lên", "ít nhất"), ">": ("hơn", "above", "more than")}
LEVEL = re.compile(r"\((tinh|huyen|xa|toan-dia-ban)\)|\blevel (tinh|huyen|xa|toan-dia-ban)\b")
BASELINE = re.compile(r"\s*\(baseline_period_start \d{4}, baseline_period_end \d{4}\)")
CODE = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")
WORDS = {"vi": [("lỗi OCR", "lỗi nhận dạng chữ khi số hoá")],
         "en": [("OCR slip", "text-recognition slip")]}


def reader_note(text: str | None, lang: str, label: Callable[[str, str], str], catalogue, urls) -> Markup:
    """`text` (a note) for a page in `lang`, its codes as words, row ids as links; escaped."""
    if not text:
        return Markup("")

    def comparator(match: re.Match) -> str:
        before = text[max(0, match.start() - 40):match.start()].lower()
        if any(word in before for word in SAID.get(match.group(1), ())):
            return ""
        return f" ({label('comparator', match.group(1))})"

    def level(match: re.Match) -> str:
        name = label("level", match.group(1) or match.group(2)).lower()
        return f"({name})" if match.group(1) else name

    plain = BASELINE.sub("", LEVEL.sub(level, COMPARATOR.sub(comparator, text)))
    for code, words in WORDS.get(lang, []):
        plain = plain.replace(code, words)
    out, last = [], 0
    for match in CODE.finditer(plain):
        out.append(escape(plain[last:match.start()]))
        out.append(_code(match.group(0), lang, catalogue, urls))
        last = match.end()
    out.append(escape(plain[last:]))
    return Markup("").join(out)


def _code(code: str, lang: str, catalogue, urls) -> Markup:
    """An indicator id as “its name”, a row id as a link to the row; anything else as written."""
    indicator = catalogue.indicators.get(code)
    if indicator is not None:
        name = (indicator.name_en if lang == "en" and indicator.name_en else indicator.name_vi)
        return Markup('“<a href="{}">{}</a>”').format(urls.indicator(indicator.id), name)
    document = re.sub(r"-[tra]\d+$", "", code)
    if document != code and document in catalogue.documents:
        return Markup('<a href="{}#{}">{}</a>').format(urls.document(document), code, code.rsplit("-", 1)[1])
    return escape(code)
