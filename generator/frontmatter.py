"""The curated documents' front matter: each key's check and what it expects (the contract the
README's "Add a document" describes), and the `references:` entries with their relations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .errors import Report
from .yamlfile import line_of

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DOCUMENT_TYPES = ("decision", "plan", "press-report")


def _id(v):
    return v if isinstance(v, str) and SLUG.match(v) else None


def nonblank(v):
    """`v` stripped when it is text with something in it, else None."""
    return v.strip() if isinstance(v, str) and v.strip() else None


def _year(v):
    return v if isinstance(v, int) and not isinstance(v, bool) and 1900 <= v <= 2100 else None


def _date(v):
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return None
    try:
        return date.fromisoformat(v)
    except ValueError:
        return None


def _kind(v):
    return v if v in DOCUMENT_TYPES else None


def _url(v):
    return v.strip() if isinstance(v, str) and re.fullmatch(r"https?://\S+", v.strip()) else None


def _ids(v):
    if isinstance(v, list) and all(_id(item) for item in v) and len(set(v)) == len(v):
        return tuple(v)
    return None


# key: (check, required, may be null, what is expected)
DOCUMENT_FIELDS: dict[str, tuple[Any, bool, bool, str]] = {
    "id": (_id, True, False, "an id of lower-case letters, digits and hyphens (it becomes the URL)"),
    "number": (nonblank, True, True, "the document number as text, e.g. \"2260/QĐ-UBND\", or null"),
    "type": (_kind, True, False, f"one of {', '.join(DOCUMENT_TYPES)}"),
    "title": (nonblank, True, False, "the Vietnamese title"),
    "title_en": (nonblank, True, False, "the English title"),
    "issuer": (nonblank, True, True, "who issued it, or null"),
    "place": (_id, True, False, "a place id from datasets/cchc/places.csv"),
    "date": (_date, True, True, "a real date written YYYY-MM-DD, or null"),
    "period_start": (_year, True, False, "a year such as 2021"),
    "period_end": (_year, True, False, "a year such as 2025"),
    "signer": (nonblank, True, True, "the signer's name, or null"),
    "author": (nonblank, True, True, "the press report's author, or null"),
    "source_note": (nonblank, True, False, "a Vietnamese note on what this text is"),
    "source_note_en": (nonblank, True, False, "an English note on what this text is"),
    "references": (lambda v: v if isinstance(v, list) else None, False, False,
                   "a list of cited instruments, each {legal, date, wording, quote}"),
    "implements": (_ids, False, True, "a list of legal_documents ids this document implements"),
    "reports_on": (_ids, False, True, "a list of legal_documents ids this document reports results of"),
    "source_url": (_url, False, True, "the http(s) address the text was taken from, or null"),
    "source_publisher": (nonblank, False, True, "the gazette, legal database or newspaper that published the text, "
                                             "or null"),
    "source_published": (_date, False, True, "the date it was published there, written YYYY-MM-DD, or null"),
    "retrieved": (_date, False, True, "the date the text was copied, written YYYY-MM-DD, or null"),
}
REFERENCE_FIELDS = ("legal", "date", "wording", "quote")
IMPLEMENTS, REPORTS_ON, CITES = "implements", "reports-on", "cites"


@dataclass(frozen=True)
class Reference:
    """One instrument a document cites, as its text gives it; `relation` comes from
    `implements:` / `reports_on:` (else it only cites it); `instrument` is attached by the model."""

    legal: str  # a legal_documents id
    relation: str  # implements | reports-on | cites
    date: date | None  # as the citing text gives it (null when it gives none)
    wording: str  # how the citing text names the instrument, exactly
    quote: str  # the passage of the text that cites it, exactly
    instrument: Any = None  # model.LegalDocument, or None before the catalogue is built

    @property
    def number(self) -> str | None:
        return self.instrument.number if self.instrument else None

    @property
    def issuer(self) -> str | None:
        return self.instrument.issuer if self.instrument else None

    @property
    def title(self) -> str | None:
        return self.instrument.title if self.instrument else None

    @property
    def date_check(self) -> str:
        """'disagrees' when the text's date is not the instrument's own, 'ok' when it is, '' when one is missing."""
        own = self.instrument.date if self.instrument else None
        if own is None or self.date is None:
            return ""
        return "ok" if own == self.date else "disagrees"


def parse_references(items: list, values: dict, lines: dict[str, int], text: str, rel: str,
                report: Report) -> tuple[Reference, ...] | None:
    """The `references:` entries, each with its relation from `implements:` / `reports_on:`."""
    out: list[Reference] = []
    first: dict[str, int] = {}
    ok = True

    def problem(field: str, message: str, hint: str | None = None) -> None:
        nonlocal ok
        ok = False
        report.add(rel, message, "front-matter", field=field, hint=hint,
                   line=lines.get(field) or lines.get(field.rsplit(".", 1)[0]) or line_of(text, field.split("[")[0]))

    for i, item in enumerate(items):
        field = f"references[{i}]"
        if not isinstance(item, dict) or set(item) - set(REFERENCE_FIELDS) or not _id(item.get("legal")) \
                or not nonblank(item.get("wording")) or not nonblank(item.get("quote")):
            problem(field, "expected legal (a legal_documents id), date, wording and quote",
                    "write - {legal: nd-61-2018, date: 2018-04-23, wording: \"…as the text names it…\", "
                    "quote: \"…the passage that cites it…\"}")
            continue
        when = item.get("date")
        if when is not None and _date(when) is None:
            problem(f"{field}.date", f"{shown(when)} is not valid (expected a real date written YYYY-MM-DD, or null)")
            continue
        legal = item["legal"]
        if legal in first:
            problem(f"{field}.legal", f'"{legal}" is already cited in references[{first[legal]}]',
                    "one entry per instrument: quote the passage that cites it first")
            continue
        first[legal] = i
        relation = IMPLEMENTS if legal in values["implements"] else \
            REPORTS_ON if legal in values["reports_on"] else CITES
        out.append(Reference(legal, relation, _date(when) if when else None, nonblank(item["wording"]),
                             nonblank(item["quote"])))
    for key in ("implements", "reports_on"):
        for i, legal in enumerate(values[key]):
            if key == "reports_on" and legal in values["implements"]:
                problem(f"{key}[{i}]", f'"{legal}" is also in implements',
                        "a document implements an instrument or reports on it, not both")
            elif legal not in first and ok:
                problem(f"{key}[{i}]", f'"{legal}" has no entry in references',
                        "add a references entry with the wording and quote that name it")
    return tuple(out) if ok else None


def shown(value) -> str:
    """A front-matter value as an error message quotes it: text in quotes, anything else as Python shows it."""
    return f'"{value}"' if isinstance(value, str) else repr(value)
