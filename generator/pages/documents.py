"""Documents: the paged list (`documents/`) and one page per curated document
(`documents/<id>/`), its text with every cited quote marked and linked to its row."""

from __future__ import annotations

from typing import Iterator

from ..markup import Mark, place_marks, render_markdown
from ..paging import paged
from .spec import Lazy, OwnRows, PageSpec, PageType, SearchEntry
from .urls import document_path


def specs(site) -> Iterator[PageSpec]:
    cat = site.catalogue
    for chunk, pager in paged(list(cat.documents.values()), "documents/", site.config.page_size):
        yield PageSpec("documents.html", pager.path(pager.number), values={"documents": chunk, "pager": pager})
    for document in cat.documents.values():
        yield PageSpec("document.html", document_path(document.id), document.source,
                       {"document": document, "body": Lazy(document_body, (document,))})


def search(cat) -> Iterator[SearchEntry]:
    for key in cat.documents:
        yield SearchEntry(document_path(key), "document", "documents", key)


def document_body(catalogue, document) -> str:
    """A document's text as HTML, each cited quote marked with a link back to its row.

    The marks are placed in the HTML rendered once by `content`; only when that cannot be
    done exactly (rare markup around a quote) is the Markdown rendered again with them.
    """
    marks = document_marks(catalogue, document.id)
    text = catalogue.text_of(document.id)
    html = place_marks(text.rendered, marks)
    return html if html is not None else render_markdown(text.body, marks).html


def document_marks(catalogue, document_id: str) -> list[Mark]:
    """Every cited quote in a document, each linking back to its row on the page."""
    marks = []
    rows = [*catalogue.targets_of(document_id), *catalogue.results_of(document_id),
            *catalogue.assignments_of(document_id)]
    for number, row in enumerate(rows, start=1):
        marks.append(Mark(row.source_quote, f"q-{row.id}", f"#{row.id}", f"[{number}]"))
    return marks


def rows(cat, key: str) -> tuple[list, list, list]:
    """The rows a document page shows: its targets, results and assignments."""
    return cat.targets_of(key), cat.results_of(key), cat.assignments_of(key)


PAGE = PageType("documents", specs, search, OwnRows("by-document", "documents", "document",
                                                    ("targets", "results", "assignments"), rows), nav="documents")
