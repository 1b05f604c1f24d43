"""The build cache in `.cache/`: stages ask "is this input unchanged? here is its result".

Every entry is keyed by a content hash of everything it depends on plus the hash of
the generator's own code and library versions (never a modification time), so a hit
is always the result the stage would compute. Entries are written atomically (a
temporary file, then `os.replace`) and carry a checksum: a corrupt or truncated
entry is discarded, counted, and recomputed; the build then says so in one warning
line. Deleting `.cache/` is always safe: the next build is simply cold.

    value = cache.memo("markdown", [body], lambda: render_markdown(body))

`memo` uses the cache `build()` opened (`with cache.using(Cache(root)):`); outside a
build it just computes. Pages have their own store (`pagestore.PageStore`), because they are
reused by hard-linking their bytes rather than by unpickling them.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import pickle
import shutil
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, TypeVar

from ..writer import link_or_copy
from .code import Library, code_hash

log = logging.getLogger(__name__)
T = TypeVar("T")

FOLDER = ".cache"
MAGIC = b"cchc-cache 1\n"
MISSING = object()  # what `lookup` gives for an input never computed


def digest(*parts: Any) -> str:
    """A stable hash of JSON-like parts (str, bytes, numbers, lists, dicts, dataclasses by repr)."""
    hasher = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            hasher.update(b"b%d:" % len(part) + part)
        else:
            text = json.dumps(part, ensure_ascii=False, default=_canonical, separators=(",", ":"))
            hasher.update(b"j%d:" % len(text) + text.encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    if isinstance(value, Path):
        return value.as_posix()
    return repr(value)


def settings(config) -> dict:
    """Every site.yaml setting (and command-line override), for a stage's key."""
    return {k: v for k, v in vars(config).items() if k != "root"}


def data_hash(datasets: list) -> str:
    """Every validated table, cell by cell (front matter included: documents and references are tables)."""
    return digest([(d.name, d.descriptor, [t.hash for t in d.tables.values()]) for d in datasets])


def folder_hash(folder: Path, skip: Iterable[Path] = ()) -> str:
    """Every file under `folder` (names and bytes), but those in `skip`."""
    hasher = hashlib.sha256()
    skip = set(skip)
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p not in skip):
        data = path.read_bytes()
        hasher.update(path.relative_to(folder).as_posix().encode() + b"\0%d\0" % len(data) + data)
    return hasher.hexdigest()


class Cache:
    """One project's `.cache/`: checksummed entries by stage and key.

    `enabled=False` (`--no-cache`) never reads and never writes; `readonly=True`
    (`validate`) reads but writes nothing.
    """

    def __init__(self, root: Path, enabled: bool = True, readonly: bool = False,
                 libraries: Iterable[Library] = ()):
        self.folder = root / FOLDER
        self.enabled, self.readonly = enabled, readonly
        self.code = code_hash(libraries)
        self.hits = self.misses = 0
        self.corrupt: list[str] = []
        self._used: dict[str, set[str]] = {}
        if enabled and not readonly:
            remove_stale(self.folder, ".tmp-", recursive=True)

    def entry(self, stage: str, key: str) -> Path:
        """Where the entry `key` of `stage` is kept."""
        return self.folder / stage / key[:2] / key

    def memo(self, stage: str, key_parts: Any, compute: Callable[[], T]) -> T:
        """The cached result for these inputs, or `compute()`'s, stored for next time."""
        if not self.enabled:
            return compute()
        key, value = self.lookup(stage, key_parts)
        if value is MISSING:
            value = compute()
            self.remember(stage, key, value)
        return value

    def lookup(self, stage: str, key_parts: Any) -> tuple[str, Any]:
        """`memo` in two steps, for results computed elsewhere (in worker processes): the
        entry's key and its result, or MISSING; give `remember` the result computed then."""
        key = digest(self.code, stage, key_parts)
        self._used.setdefault(stage, set()).add(key)
        path = self.entry(stage, key)
        data = self.read(path) if self.enabled else None
        if data is not None:
            try:
                value = pickle.loads(data)
            except Exception:  # checksummed, so only a foreign or half-upgraded file gets here
                self.discard(path)
            else:
                self.hits += 1
                return key, value
        self.misses += 1
        return key, MISSING

    def remember(self, stage: str, key: str, value: Any) -> None:
        self.dump(self.entry(stage, key), value)

    def tree(self, stage: str, key_parts: Any, writer, produce: Callable[[], T]) -> T:
        """A stage's output files from the cache when its inputs are unchanged, else `produce()`'s.

        `produce()` writes through `writer` (every file: a recycled output folder keeps only
        what the writer wrote). Its files are hard-linked into `.cache/<stage>/…/<key>/files/`
        beside a checksummed manifest (path, size, time) and its pickled result; a hit links them
        back into the output. A file changed since (e.g. edited in `_site/`) discards the entry.
        Nothing is stored when the stage reported an error.
        """
        if not self.enabled:
            return produce()
        key = digest(self.code, stage, key_parts)
        self._used.setdefault(stage, set()).add(key)
        entry = self.entry(stage, key)
        found = self._tree(entry)
        if found is not None:
            manifest, value = found
            for path, _size, _time in manifest:
                writer.link(path, entry / "files" / path, source=f".cache/{stage}")
            self.hits += 1
            return value
        self.misses += 1
        before, errors = set(writer.written), len(writer.report.errors)
        value = produce()
        if self.readonly or len(writer.report.errors) > errors:
            return value
        paths = set(writer.written) - before
        temporary = entry.with_name(f".tmp-{os.getpid()}-{key}")  # a killed build's is removed (remove_stale)
        shutil.rmtree(temporary, ignore_errors=True)
        manifest = []
        for path in sorted(paths):
            stored = temporary / "files" / path
            stored.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(writer.root / path, stored)
            status = stored.stat()
            manifest.append((path, status.st_size, status.st_mtime_ns))
        self.dump(temporary / "entry", (manifest, value))
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(temporary, entry)
        return value

    def _tree(self, entry: Path) -> tuple[list, Any] | None:
        """A stored tree's (manifest, result) when every file is still as stored; else None."""
        if not entry.is_dir():
            return None
        data = self.read(entry / "entry")
        try:
            manifest, value = pickle.loads(data) if data is not None else (None, None)
        except Exception:
            manifest = None
        if manifest is not None and all(_unchanged(entry / "files" / path, size, time) for path, size, time in manifest):
            return manifest, value
        self.corrupt.append(entry.relative_to(self.folder.parent).as_posix())
        shutil.rmtree(entry, ignore_errors=True)
        return None

    def read(self, path: Path) -> bytes | None:
        """An entry's payload, or None when it is missing or corrupt (corrupt ones are removed)."""
        try:
            with path.open("rb") as handle:
                magic, checksum, length, blank = [handle.readline() for _ in range(4)]
                payload = handle.read()  # read once, after the header: never the whole file and a copy of its end
        except OSError:
            return None
        if magic == MAGIC and blank == b"\n" and length[:-1].isdigit() and len(payload) == int(length) \
                and hashlib.sha256(payload).hexdigest().encode() + b"\n" == checksum:
            return payload
        self.discard(path)
        return None

    def write(self, path: Path, payload: bytes) -> None:
        """Store an entry atomically: a reader sees the old entry, the new one, or none."""
        if self.enabled and not self.readonly:
            header = _header(hashlib.sha256(payload).hexdigest(), len(payload))
            atomic_write(path, lambda out: (out.write(header), out.write(payload)))

    def dump(self, path: Path, *values: Any) -> None:
        """Store `values` pickled, one pickle after another (read them back with `loads`), as
        `write` would, but pickled straight into the file. A pickler remembers every object it
        wrote until it is done: a national corpus' page index (millions of lookups) held ~100 MB
        of that memory at the build's very end, so a long list is best given in slices."""
        if not self.enabled or self.readonly:
            return

        def fill(out) -> None:
            out.write(_header("0" * 64, 0))  # the same width as the real one, written once the pickles are
            hashing = _Hashing(out)
            pickler = pickle.Pickler(hashing, protocol=pickle.HIGHEST_PROTOCOL)
            for value in values:
                pickler.dump(value)
                pickler.clear_memo()
            out.seek(0)
            out.write(_header(hashing.sha.hexdigest(), hashing.size))
        atomic_write(path, fill)

    def discard(self, path: Path) -> None:
        """Drop a corrupt or changed entry, noting it for the one warning line."""
        self.corrupt.append(path.relative_to(self.folder.parent).as_posix())
        with contextlib.suppress(OSError):
            path.unlink()

    def close(self, sweep: bool) -> None:
        """After a successful build, drop entries this build did not use; report corrupt ones."""
        if sweep and self.enabled and not self.readonly:
            for stage, keys in self._used.items():
                for path in (self.folder / stage).glob("*/*"):
                    if path.name not in keys and not path.name.startswith(".tmp-"):
                        if path.is_dir():  # a stored tree
                            shutil.rmtree(path, ignore_errors=True)
                        with contextlib.suppress(OSError):
                            path.unlink()
        if self.corrupt:
            log.warning("warning: %s: %d corrupt cache entr%s discarded and rebuilt (e.g. %s)",
                        FOLDER, len(self.corrupt), "y" if len(self.corrupt) == 1 else "ies", self.corrupt[0])


def loads(payload: bytes) -> Iterator[Any]:
    """The values `Cache.dump` stored in one entry, in order."""
    stream = io.BytesIO(payload)
    while stream.tell() < len(payload):
        yield pickle.load(stream)


def _header(checksum: str, size: int) -> bytes:
    """An entry's first lines: what it is, the SHA-256 of its payload, the payload's length (of fixed width)."""
    return MAGIC + checksum.encode() + b"\n%020d\n\n" % size


class _Hashing:
    """A file being written, and the SHA-256 and length of what is written through it."""

    def __init__(self, out):
        self.out, self.sha, self.size = out, hashlib.sha256(), 0

    def write(self, data) -> int:
        self.sha.update(data)
        self.size += memoryview(data).nbytes
        return self.out.write(data)


def atomic_write(path: Path, fill: Callable[[BinaryIO], Any]) -> None:
    """Write a file at `path` with `fill(file)`, through a temporary file and `os.replace`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    with temporary.open("wb") as handle:
        fill(handle)
    os.replace(temporary, path)


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(folder: Path, prefix: str, recursive: bool = False) -> list[Path]:
    """Remove what killed builds left in `folder`: names `<prefix><pid>-…` whose process is dead."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in (folder.rglob if recursive else folder.glob)(prefix + "*"):
        pid = path.name[len(prefix):].split("-", 1)[0]
        if not pid.isdigit() or pid_alive(int(pid)):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
        removed.append(path)
    return removed


_active: Cache | None = None


@contextlib.contextmanager
def using(cache: Cache) -> Iterator[Cache]:
    """Make `cache` the one `memo` asks during a build."""
    global _active
    previous, _active = _active, cache
    try:
        yield cache
    except BaseException:
        cache.close(sweep=False)
        raise
    else:
        cache.close(sweep=True)
    finally:
        _active = previous


def _unchanged(path: Path, size: int, time: int) -> bool:
    try:
        status = path.stat()
    except OSError:
        return False
    return (status.st_size, status.st_mtime_ns) == (size, time)


def tree(stage: str, key_parts: Any, writer, produce: Callable[[], T]) -> T:
    """`produce()`'s output files and result, from the build's cache when it has them (see `Cache.tree`)."""
    if _active is None:
        return produce()
    return _active.tree(stage, key_parts, writer, produce)


def scratch() -> Path | None:
    """Where the build keeps unnamed scratch files: `.cache/` when it writes there (the project's
    own disk: the system's temporary folder may be memory, a tmpfs), else None, the system's."""
    if _active is None or not _active.enabled or _active.readonly:
        return None
    _active.folder.mkdir(parents=True, exist_ok=True)
    return _active.folder


def memo(stage: str, key_parts: Any, compute: Callable[[], T]) -> T:
    """`compute()`'s result for these inputs, from the build's cache when it has it."""
    if _active is None:
        return compute()
    return _active.memo(stage, key_parts, compute)


def lookup(stage: str, key_parts: Any) -> tuple[str | None, Any]:
    """`Cache.lookup` on the build's cache: (its key, the stored result or MISSING)."""
    if _active is None or not _active.enabled:
        return None, MISSING
    return _active.lookup(stage, key_parts)


def remember(stage: str, key: str | None, value: Any) -> None:
    """Store a result `lookup` said was missing."""
    if _active is not None and key is not None:
        _active.remember(stage, key, value)


@contextlib.contextmanager
def suspended() -> Iterator[None]:
    """No cache for what runs inside (a worker process's share of a `lookup`: the build's
    own process stores the result, and its own entries are all its build knows to keep)."""
    global _active
    previous, _active = _active, None
    try:
        yield
    finally:
        _active = previous
