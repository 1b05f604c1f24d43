"""Download files kept between builds: a file whose inputs are unchanged is linked from the
last build's, never encoded again. One edited cell rewrites the files that hold it (its
table in every format, the pages that list its row, the database and the zip), not all.

The files are kept in the page store of `incremental/` (the same reuse decision as HTML and
search pages), each under its site path with a key of what it is made from, given by the
code that knows its inputs: a table's resources (tables.sources), a page's rows (perpage).
"""

from __future__ import annotations

from pathlib import Path

from ..incremental.pagestore import PageEntry, PageStore, deps_digest
from ..writer import Writer


class Kept:
    """The download files of the last build, for one build's writer (`store` None: none kept)."""

    def __init__(self, store: PageStore | None, writer: Writer, source: str):
        self.store, self.writer, self.source = store, writer, source

    def current(self, files: list[tuple[str, str]]) -> dict[str, tuple[Path, PageEntry]]:
        """Of (site path, key) pairs, the files kept with that key: their stored file and entry."""
        if self.store is None:
            return {}
        return self.store.reuse(((path, lambda key=key: key) for path, key in files), _no_lookup)

    def link(self, path: str, found: tuple[Path, PageEntry]) -> PageEntry | None:
        """Publish a kept file (`current`'s) at `path`; its entry (size, content hash), None if refused."""
        file, entry = found
        if not self.writer.link(path, file, source=self.source):
            return None
        self.store.keep(path, entry)
        return entry

    def reused(self, path: str, key: str) -> PageEntry | None:
        """The file at `path` published from the last build when its key is `key`, else None."""
        found = self.current([(path, key)]).get(path)
        return self.link(path, found) if found is not None else None

    def add(self, path: str, key: str, written: Path | None, content: str = "") -> None:
        """Keep a file this build wrote (`written`, None if the writer refused it) under `key`."""
        if self.store is not None and written is not None:
            self.store.store(path, written, (), deps_digest(key, ()), written.stat().st_size, content)


def _no_lookup(dep: tuple) -> str:
    raise AssertionError(f"a download file records no lookup: {dep!r}")  # its key says everything
