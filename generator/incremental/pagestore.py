"""Rendered pages kept between builds, and the one decision whether a page can be reused.

A page (an HTML page or a search page) is stored with the lookups it made in the catalogue
(see deps.py); `PageStore.reuse` answers "is this page current?" for render and search alike.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from array import array
from dataclasses import dataclass, field
from itertools import compress
from pathlib import Path
from typing import Callable, Iterable

from ..writer import link_or_copy
from .cache import Cache, digest, loads

SLICE = 50_000  # lookups pickled together in the index (Cache.dump): what the pickler remembers at once


@dataclass(frozen=True)
class Inputs:
    """What the catalogue is made from, so that pages can be reused without asking their lookups.

    `base`: the hash of every input except what the `known` lookups read; `known`: lookups (as
    a page records them, see deps.call) with the hash of what each one reads (a document's
    text). While `base` is what the last build read, every lookup answers as it did then,
    except a `known` one whose hash changed: only the pages that made one of those are stale.
    """

    base: str = ""
    known: dict = field(default_factory=dict)

    def digest(self) -> str:
        """One hash of all of it (a stage's cache key)."""
        return digest(self.base, sorted(self.known.items(), key=repr))

    def changed(self, before: "Inputs | None") -> set | None:
        """The lookups whose answers may differ from `before`'s, or None when any may."""
        if not self.base or before is None or before.base != self.base:
            return None
        return {dep for dep in self.known.keys() | before.known.keys()
                if self.known.get(dep) != before.known.get(dep)}


@dataclass(slots=True)
class PageEntry:
    """What a rendered page depended on, and the size and time of its stored bytes.

    `deps` are positions in the store's table of lookups (a page makes ~100, and most are
    shared with other pages: each is stored and answered once), 4 bytes each. The bytes are shared with
    the published file (a hard link), so an edit of either is seen as a changed size or
    modification time, and the page is rendered again.
    """

    deps: array  # of "I"
    deps_digest: str
    size: int
    mtime_ns: int = 0
    content: str = ""  # the hash of its bytes, where the store's user asks for it (search pages)


class PageStore:
    """Rendered pages of one output folder: an index (page → dependencies) and the bytes.

    A page is reused when the global hash (code, templates, catalogues, settings) and the
    digest of everything it read from the catalogue are unchanged; its bytes are then
    hard-linked into the new site instead of being rendered again. When the catalogue's own
    inputs (`inputs`: every text and table, byte for byte) are those of the build that stored
    the pages, but for a few texts, every lookup gives the answer it gave then except those
    reading a changed text (see Inputs): no lookup is asked again, and only the pages that
    read a changed text are rendered again.
    """

    def __init__(self, cache: Cache, folder: Path, global_hash: str, inputs: Inputs = Inputs()):
        self.cache, self.folder, self.global_hash, self.inputs = cache, folder, global_hash, inputs
        self.stored_inputs: Inputs | None = None
        self.table: list[tuple] = []  # every lookup the entries made, each once
        self.entries: dict[str, PageEntry] = {}
        self.new: dict[str, PageEntry] = {}
        self.used = False  # a build whose stage was skipped (a cached tree) keeps the store as it is
        self._positions: dict[tuple, int] | None = None
        if cache.enabled:
            data = cache.read(folder / "index")
            if data is not None:
                try:
                    (stored_hash, entries, stored_inputs), *slices = loads(data)
                    table = [dep for part in slices for dep in part]
                except Exception:
                    stored_hash, table, entries, stored_inputs = None, [], {}, None
                if stored_hash == global_hash:
                    self.table, self.entries, self.stored_inputs = table, entries, stored_inputs

    def intern(self, deps: tuple) -> array:
        """A page's recorded lookups as positions in the table (new ones are added)."""
        if self._positions is None:
            self._positions = {dep: i for i, dep in enumerate(self.table)}
        positions = []
        for dep in deps:
            i = self._positions.get(dep)
            if i is None:
                i = self._positions[dep] = len(self.table)
                self.table.append(dep)
            positions.append(i)
        return array("I", positions)

    def answers(self, answer: Callable[[tuple], str]) -> Callable[[array], list[str]]:
        """`answer` of each lookup at a list of table positions, asked once per position."""
        known: list[str | None] = [None] * len(self.table)

        def of(positions: array) -> list[str]:
            found = list(map(known.__getitem__, positions))
            if None in found:
                for n, i in enumerate(positions):
                    if found[n] is None:
                        found[n] = known[i] = answer(self.table[i])
            return found
        return of

    def reuse(self, pages: Iterable[tuple[str, Callable[[], str]]],
              answer: Callable[[tuple], str]) -> dict[str, tuple[Path, PageEntry]]:
        """The one decision "is this page current?", for HTML and search pages alike: of
        `pages` (a page's key and how to hash its own values, asked only for a stored page),
        those whose own values and every lookup they made give the answers they gave, with
        their stored bytes and entry. Each lookup is answered once however many pages made it."""
        answers = self.answers(answer)
        changed = self.inputs.changed(self.stored_inputs)
        stale = None if changed is None else {i for i, dep in enumerate(self.table) if dep in changed}
        current = {}
        for page, own in pages:
            entry = self.entries.get(page)
            if entry is None:
                continue
            if stale is None:
                if deps_digest(own(), answers(entry.deps)) != entry.deps_digest:
                    continue
            elif not stale.isdisjoint(entry.deps):  # it read a changed text
                continue
            file = self.file(page)
            if file is not None:
                current[page] = (file, entry)
        return current

    def _file(self, page: str, entry: PageEntry) -> Path:
        # named by everything the bytes depend on, so a name never holds other bytes
        return self.folder / digest(self.global_hash, page, entry.deps_digest)[:32]

    def file(self, page: str) -> Path | None:
        """The stored bytes of `page` when their length is what was recorded, else None."""
        entry = self.entries.get(page)
        if entry is None:
            return None
        path = self._file(page, entry)
        try:
            stat = path.stat()
        except OSError:
            return None
        if (stat.st_size, stat.st_mtime_ns) != (entry.size, entry.mtime_ns):
            self.cache.discard(path)
            return None
        return path

    def keep(self, page: str, entry: PageEntry) -> None:
        self.new[page] = entry
        self.used = True

    def store(self, page: str, written: Path, deps: tuple, deps_hash: str, size: int, content: str = "") -> None:
        """Remember a freshly written page: its bytes by hard link (or a copy), its dependencies
        (the lookups it made) and their digest (see deps_digest), and the hash of its bytes if given."""
        entry = PageEntry(self.intern(deps), deps_hash, size, content=content)
        self.new[page] = entry
        self.used = True
        if not self.cache.enabled or self.cache.readonly:
            return
        target = self._file(page, entry)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".tmp-{os.getpid()}-{target.name}")
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        link_or_copy(written, temporary)
        os.replace(temporary, target)
        entry.mtime_ns = target.stat().st_mtime_ns

    def save(self) -> None:
        """Write the index of this build's pages, and drop the bytes of pages that are gone."""
        if not self.cache.enabled or self.cache.readonly or not self.used \
                or self.new == self.entries and self.inputs == self.stored_inputs:
            return  # nothing changed: the index on disk is this build's
        self.folder.mkdir(parents=True, exist_ok=True)
        used = bytearray(len(self.table))  # a byte a lookup, not an int object (millions at national scale)
        for entry in self.new.values():
            for i in entry.deps:
                used[i] = 1
        if used.count(1) < len(self.table):  # lookups no page makes any more: leave them out
            moved = array("I", bytes(4 * len(used)))  # old position → new
            kept = 0
            for i, flag in enumerate(used):
                if flag:
                    moved[i], kept = kept, kept + 1
            self.table = list(compress(self.table, used))
            for entry in self.new.values():
                entry.deps = array("I", [moved[i] for i in entry.deps])
            self._positions = None
        self.cache.dump(self.folder / "index", (self.global_hash, self.new, self.inputs),
                        *(self.table[start:start + SLICE] for start in range(0, len(self.table), SLICE)))
        keep = {self._file(page, entry).name for page, entry in self.new.items()} | {"index"}
        for path in self.folder.iterdir():
            if path.name not in keep and not path.name.startswith(".tmp-"):
                with contextlib.suppress(OSError):
                    path.unlink()


def deps_digest(own: str, answers: Iterable[str]) -> str:
    """A page's dependency digest: the hash of its own values and of the answers to the
    lookups it made, in the order they were recorded."""
    return hashlib.sha256("\0".join([own, *answers]).encode()).hexdigest()




def page_store(cache: Cache, output: Path, global_hash: str, inputs: Inputs, kind: str = "pages") -> PageStore:
    """The store of rendered pages (or of another `kind`: search pages) for one output
    folder (serve and build keep their own); `inputs`: what the catalogue is made from
    (see Inputs)."""
    output = output.resolve()
    where = output.relative_to(cache.folder.parent) if cache.folder.parent in output.parents else output
    name = hashlib.sha256(where.as_posix().encode()).hexdigest()[:16]
    return PageStore(cache, cache.folder / kind / name, digest(cache.code, global_hash), inputs)
