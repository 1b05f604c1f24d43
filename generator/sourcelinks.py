"""Recorded source addresses: an instrument's `url` (with its `url_kind`) and a document's
`source_url`, each a well-formed http(s) address recorded once.

Warnings only, run when `site.yaml` sets `check_source_urls: true`. It is off by default, so
a plain build (and CI, which builds the project as it is) never stops on it; curators turn it
on while recording addresses. Nothing is fetched: whether a page still answers is not checked.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .errors import Report
from .model import Catalogue

CODE = "source-url"


def check_source_urls(catalogue: Catalogue, report: Report) -> None:
    """Warn about every recorded address that is malformed, recorded twice, or lacks (or has a
    stray) url_kind."""
    first: dict[str, str] = {}  # address → where it was first recorded
    table = catalogue.dataset.tables.get("legal_documents")
    for row, line in zip(table.rows, table.lines) if table else []:
        url, kind = row.get("url"), row.get("url_kind")
        where = {"file": table.file, "line": line}
        if url and not kind:
            report.warn(message=f"{row['id']} has a url but no url_kind", code=CODE, field="url_kind",
                        hint="official-gazette, legal-database, portal or press", **where)
        if kind and not url:
            report.warn(message=f"{row['id']} has a url_kind but no url", code=CODE, field="url_kind", **where)
        if url:
            _check_address(url, f"{table.file}:{line}, {row['id']}", first, report, field="url", **where)
    for document in catalogue.documents.values():
        if document.source_url:
            line = document.line_of("source_url")
            _check_address(document.source_url, f"{document.source}:{line}", first, report,
                           file=document.source, line=line, field="source_url")


def _check_address(url: str, here: str, first: dict[str, str], report: Report, **where) -> None:
    problem = malformed(url)
    if problem:
        report.warn(message=f'"{url}" is not a well-formed address: {problem}', code=CODE, **where)
    elif url in first:
        report.warn(message=f'"{url}" is recorded twice (also at {first[url]})', code=CODE,
                    hint="each source is recorded once: one of the two is probably wrong", **where)
    else:
        first[url] = here


def malformed(url: str) -> str | None:
    """What is wrong with `url` as the address of a public page, or None when nothing is."""
    if url != url.strip() or any(c.isspace() for c in url):
        return "it contains white space"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError as error:
        return str(error)
    if parts.scheme not in ("http", "https"):
        return "expected http:// or https://"
    host = parts.hostname or ""
    if "." not in host or host.startswith(".") or host.endswith("."):
        return "expected a host name such as example.org"
    return None
