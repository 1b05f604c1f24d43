"""Every quote occurs in its document's text: each CSV row's source_quote and each
front-matter reference's quote (NFC, white space squashed), checked on the raw rows so
that they are reported whatever else is wrong with the data."""

from __future__ import annotations

import difflib
from functools import partial
from typing import TYPE_CHECKING

from .content import Content, Document, Reference
from .incremental import cache
from .errors import Report
from .markup import Rendered, squash

if TYPE_CHECKING:
    from .tables import Table


def check_quotes(tables: list[Table], content: Content, report: Report) -> None:
    """Every quote must occur in its document's text (NFC, white space squashed): each CSV
    row's source_quote and each front-matter reference's quote. A document's text is read
    once for every row and reference citing it (it is kept on disk, see `texts.Texts`), and not
    at all when neither it nor what cites it changed (the build cache keeps the outcome)."""
    citing: dict[str, list[tuple[Table, int, str]]] = {document.id: [] for document in content.documents}
    for table in tables:
        if "source_quote" not in table.header or "document" not in table.header:
            continue
        at_document, at_quote = table.header.index("document"), table.header.index("source_quote")
        for i, row in enumerate(table.raw):
            if len(row) == len(table.header) and row[at_document] in citing:
                citing[row[at_document]].append((table, i, row[at_quote]))
            # else frictionless reports the ragged row or the unknown document
    for document in content.documents:
        if citing[document.id] or document.references:
            quotes = [(table.file, table.lines[i], quote) for table, i, quote in citing[document.id]]
            report.problems.extend(cache.memo("quotes", [document.whole(), quotes],
                                              partial(_problems, document, quotes)))


def _problems(document: Document, quotes: list[tuple[str, int, str]]) -> list:
    """The problems of the quotes citing `document` (rows: file, line, quote; and its references)."""
    report = Report()
    rendered = document.stored.rendered
    for file, line, quote in quotes:
        if quote.strip() and not rendered.find(quote):
            report.add(file, f"not found in the text of {document.source}", "quote-not-found",
                       line=line, field="source_quote", hint=closest_passage(quote, [b.text for b in rendered.blocks]))
    for i, reference in enumerate(document.references):
        _check_reference(document, rendered, i, reference, report)
    return report.problems


def _check_reference(document: Document, rendered: Rendered, i: int, reference: Reference,
                     report: Report) -> None:
    """A reference's quote occurs in the document's text, and its wording in the quote."""
    entry = f"references[{i}]"
    if not rendered.find(reference.quote):
        report.add(document.source, f"not found in the text of {document.source}", "quote-not-found",
                   line=document.line_of(f"{entry}.quote"), field=f"{entry}.quote",
                   hint=closest_passage(reference.quote, [b.text for b in rendered.blocks]))
    elif squash(reference.wording) not in squash(reference.quote):
        report.add(document.source, "not found in its quote", "quote-not-found",
                   line=document.line_of(f"{entry}.wording"), field=f"{entry}.wording",
                   hint="copy the instrument's name from the quote exactly, as the text writes it")


def closest_passage(quote: str, blocks: list[str]) -> str:
    """Point at the passage a wrong quote most resembles, so the typo is easy to spot."""
    quote = squash(quote)
    best, best_ratio = "", 0.0
    for text in blocks:
        step = max(1, len(quote) // 4)
        for start in range(0, max(1, len(text) - len(quote) + 1), step):
            window = text[start:start + len(quote)]
            ratio = difflib.SequenceMatcher(None, quote, window, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
    if best_ratio < 0.6:
        return "copy the sentence from the document exactly"
    return f'the closest passage is "{best}"'
