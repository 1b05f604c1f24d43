"""The generator's own identity for the build cache: its sources, Python's version and the
versions of the libraries that reach the output bytes. Any change to them, and every cache
entry (whose key includes `code_hash`) is a miss: the next build is cold."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable


@dataclass(frozen=True)
class Library:
    """A library whose version reaches the output bytes: a new version, a cold build.

    `version` says how to ask it (default: the installed distribution's version), for a
    library that is no Python distribution (the SQLite behind `sqlite3`, zlib)."""

    name: str
    version: Callable[[], str] | None = None

    def installed(self) -> str:
        if self.version is not None:
            return self.version()
        try:
            return metadata.version(self.name)
        except metadata.PackageNotFoundError:
            return "-"


# What every stage reads with; each download format adds its own (downloads.formats.libraries()).
LIBRARIES = tuple(Library(name) for name in ("jinja2", "markupsafe", "markdown", "nh3", "babel", "frictionless",
                                             "pyyaml"))
_CODE = Path(__file__).resolve().parent.parent  # the generator package


# The maintainer's tools (import, draft, review) in generator/curation/ never reach the site: a
# change to them keeps the cache. The build reads only these of them (the figure check reads
# quotes with the language rules); tests/test_cache_keys.py checks the build imports no other.
BUILD_READS_CURATION = ("__init__", "header_draft", "language", "language_levels")


def code_files() -> list[Path]:
    """The generator's sources that a build runs."""
    return sorted(path for path in _CODE.rglob("*.py")
                  if path.parent.name != "curation" or path.stem in BUILD_READS_CURATION)


def code_hash(libraries: Iterable[Library] = ()) -> str:
    """The sources a build runs, Python's version and the version of every library in
    LIBRARIES and `libraries`: any change, a cold build."""
    hasher = hashlib.sha256(sys.version.encode())
    for path in code_files():
        hasher.update(path.relative_to(_CODE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in sorted({*LIBRARIES, *libraries}, key=lambda library: library.name):
        hasher.update(f"{library.name}={library.installed()}\0".encode())
    return hasher.hexdigest()
