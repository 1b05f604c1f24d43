"""Read maintainers' text files: UTF-8 (BOM accepted), NFC-normalised, YAML with line numbers.

Spreadsheets and old editors save Vietnamese as Windows-1258 or UTF-16; we say which
encoding a file looks like instead of failing on a byte offset.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import yaml

from .incremental import cache
from .errors import Report
from .inputs import escapes, outside_problem

T = TypeVar("T")

# Letters only Vietnamese uses, as Windows-1258 encodes them (ă â đ ê ô ơ ư and capitals).
_CP1258_HINTS = set(b"\xe3\xc3\xf0\xd0\xf5\xd5\xfd\xdd")


def guess_encoding(data: bytes) -> str:
    """A human name for the encoding undecodable bytes most likely use."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data[:200].count(b"\x00") > 10:
        return "UTF-16"
    if _CP1258_HINTS & set(data):
        return "Windows-1258"
    return "Windows-1252"


def _opened(path: Path, rel: str, report: Report, open_it: Callable[[], T]) -> T | None:
    """`open_it()` (which reads or opens the file at `path`), or None and a problem when the
    file is (through a link) outside the project, missing or unreadable."""
    target = escapes(path, rel)
    if target is not None:
        outside_problem(rel, target, report)
        return None
    try:
        return open_it()
    except FileNotFoundError:
        report.add(rel, "file not found", "missing-file")
    except OSError as exc:
        report.add(rel, f"cannot read file: {exc.strerror}", "unreadable")
    return None


def read_text(path: Path, rel: str, report: Report) -> str | None:
    """The file as NFC text with a UTF-8 BOM removed; None (and a problem) if unreadable or
    (through a link) outside the project: `rel` is its path in the project."""
    data = _opened(path, rel, report, path.read_bytes)
    if data is None:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            line = None
        else:
            line = data[: exc.start].count(b"\n") + 1
        report.add(rel, f"not UTF-8 text (it looks like {guess_encoding(data)})", "encoding",
                   line=line, hint="save the file as UTF-8")
        return None
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def read_lines(path: Path, rel: str, report: Report) -> Iterator[str] | None:
    """The file's lines as `read_text` gives them (NFC, BOM removed, every line ending read as
    `\n`), decoded as they are iterated: a table of a national corpus is never held as one
    text (nor as the four bytes a character a StringIO over it keeps). None (and a problem)
    when it cannot be opened; a byte that is not UTF-8 raises UnicodeDecodeError when its
    line is reached, and `read_text` then says where and in which encoding it looks written."""
    file = _opened(path, rel, report, lambda: path.open(encoding="utf-8-sig"))  # \r\n and \r read as \n
    if file is None:
        return None

    def lines() -> Iterator[str]:
        with file:
            for line in file:
                yield unicodedata.normalize("NFC", line)
    return lines()


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so an impossible date is our error, not a crash.

    It reads a file only to say what is wrong with it: valid YAML is read by `FastLoader`.
    """


# The same loader on libyaml (C, several times faster), when PyYAML was built with it; also what
# reads a file's nodes with their lines (front matter, datapackage.yaml).
FastLoader = type("FastLoader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),), {})

for _cls in (_Loader, FastLoader):
    _cls.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def parse_yaml(text: str, rel: str, report: Report, first_line: int = 1):
    """Parse YAML text that starts at `first_line` of `rel`; None (and a problem) if invalid."""
    value, error = cache.memo("yaml", text, lambda: _parse(text))
    if error is None:
        return value
    line, problem, column = error
    report.add(rel, f"YAML syntax error: {problem}{column}", "yaml", line=None if line is None else line + first_line)
    return None


def _parse(text: str) -> tuple[object, tuple | None]:
    """(value, None), or (None, (line from 0, problem, column text)) when the YAML is invalid."""
    try:
        return yaml.load(text, Loader=FastLoader), None
    except yaml.YAMLError:
        pass
    try:  # the pure-Python reader words its problems the same way on every machine
        return yaml.load(text, Loader=_Loader), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        column = f" at column {mark.column + 1}" if mark else ""
        return None, (mark.line if mark else None, problem, column)


def load_yaml(path: Path, rel: str, report: Report):
    text = read_text(path, rel, report)
    return None if text is None else parse_yaml(text, rel, report)


def key_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """The line of every top-level `key:` (its first), in one pass: `line_of` for every key."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=first_line):
        key, colon, _ = line.partition(":")
        if colon:
            lines.setdefault(key, number)
    return lines


def line_of(text: str, key: str, first_line: int = 1) -> int | None:
    """The line where a top-level `key:` is written, for pointing at a front-matter value."""
    for number, line in enumerate(text.splitlines(), start=first_line):
        if line.startswith(f"{key}:"):
            return number
    return None
