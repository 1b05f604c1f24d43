"""The documents' texts during a build: on disk, in one unnamed file, not in memory."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile

from .incremental import cache
from .markup import Rendered


class Texts:
    """The documents' Markdown and rendered text, kept in an unnamed temporary file, not in memory.

    A document's Markdown, HTML and block text take about 60 KB held as Python objects (0.6 GB
    for 10,000 documents), yet each is read only by its own page, its search record and the
    checks of the quotes citing it. Here each is one pickle in a file; a document holds where.
    The file has no name, so it goes however the build ends (it is in `.cache/`, or the system's
    temporary folder when the build writes no cache); forked workers read it through the
    descriptor they inherit, with `os.pread` (no shared file offset to race on).
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(dir=cache.scratch())
        self._end = 0
        self._last: tuple[int, tuple[str, Rendered]] | None = None  # the text read last, read again next

    def put(self, body: str, rendered: Rendered) -> "StoredText":
        return self.put_pickled(*pickled(body, rendered))

    def put_pickled(self, data: bytes, digest: str) -> "StoredText":
        """Store a text `pickled` gave (as the build cache keeps it, so it is never unpickled to be stored)."""
        os.pwrite(self._file.fileno(), data, self._end)
        stored, self._end = StoredText(self, self._end, len(data), digest), self._end + len(data)
        return stored

    def get(self, offset: int, length: int) -> tuple[str, Rendered]:
        if self._last is None or self._last[0] != offset:
            self._last = (offset, pickle.loads(os.pread(self._file.fileno(), length, offset)))
        return self._last[1]


def pickled(body: str, rendered: Rendered) -> tuple[bytes, str]:
    """A document's text as `Texts` stores it, and the hash of its Markdown."""
    return (pickle.dumps((body, rendered), protocol=pickle.HIGHEST_PROTOCOL),
            hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest())


class Kept:
    """Stands in for `Texts` while a document is read for the build cache: keeps the text
    pickled, and the document holds no place in a store yet (`stored` is None)."""

    text: tuple[bytes, str] | None = None

    def put(self, body: str, rendered: Rendered) -> None:
        self.text = pickled(body, rendered)


class StoredText:
    """Where one document's text is in `Texts`; equal, and shown, as the hash of its Markdown
    (the rendered text follows from the Markdown and the code)."""

    __slots__ = ("store", "offset", "length", "digest")

    def __init__(self, store: Texts, offset: int, length: int, digest: str):
        self.store, self.offset, self.length, self.digest = store, offset, length, digest

    def load(self) -> tuple[str, Rendered]:
        return self.store.get(self.offset, self.length)

    @property
    def body(self) -> str:
        """The Markdown after the front matter."""
        return self.load()[0]

    @property
    def rendered(self) -> Rendered:
        """The Markdown rendered, with its blocks and headings."""
        return self.load()[1]

    def __repr__(self) -> str:
        return f"StoredText({self.digest})"

    def __eq__(self, other) -> bool:
        return isinstance(other, StoredText) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)
