"""Vietnamese text the way search sees it: one tone placement, `đ` folded, abbreviations expanded.

Pagefind already matches words with or without tone marks, but it keeps `đ` apart from `d`
and knows nothing of `hoá`/`hóa` or TTHC. So every record gets a few *extra terms* beside
its text: the other spellings of its words and the long forms (or abbreviations) it
contains. The search page's JS (templates/static/search.js) normalises the query the same
way, so both sides meet. The abbreviation list is one file maintainers extend:
content/search/abbreviations.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import Report
from .yamlfile import _Loader, read_text

ABBREVIATIONS = "content/search/abbreviations.yaml"
TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng (combining)
# New-style placement puts the tone on the second vowel of an open oa/oe/uy (hoá, thuỷ, uỷ);
# we keep the classic one (hóa, thủy, ủy). `qu` is a consonant, so quý stays as it is.
_TONE_PLACEMENT = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{TONES}])(?![\w{TONES}\u0302\u0306\u031b])")
_WORD = re.compile(r"\w+")
_ABBREVIATION = re.compile(r"[^\W\d_][^\W_]*")


def normalise_tones(text: str) -> str:
    """NFC with one tone placement: `hoá` → `hóa`, `Thuỷ` → `Thủy`, `uỷ` → `ủy` (quý untouched)."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _TONE_PLACEMENT.sub(r"\1\3\2", decomposed))


def fold_d(text: str) -> str:
    """`đ` → `d` and `Đ` → `D`, other marks kept: `Đăng ký` → `Dăng ký`."""
    return text.replace("đ", "d").replace("Đ", "D")


# Every precomposed Latin letter → its base letter (one str.translate, much faster than NFD).
_BASE = {code: unicodedata.normalize("NFD", chr(code))[0]
         for block in (range(0xC0, 0x250), range(0x1E00, 0x1F00))
         for code in block if unicodedata.normalize("NFD", chr(code))[0].isascii()}
_BASE.update({ord("đ"): "d", ord("Đ"): "D"})


def fold(text: str) -> str:
    """Lower case without any diacritics: `Đăng KÝ` → `dang ky` (how phrases are compared)."""
    text = text.translate(_BASE)
    if not text.isascii():  # combining marks (NFD input) or letters outside the table
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return text.lower()


def words(text: str) -> list[str]:
    """The folded words of a text, punctuation dropped: `cán bộ, công chức` → [can, bo, cong, chuc]."""
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class Abbreviation:
    """An abbreviation (TTHC) and the long forms it stands for (thủ tục hành chính)."""

    short: str
    long: tuple[str, ...]
    line: int


def extra_terms(text: str, abbreviations: list[Abbreviation]) -> str:
    """The spellings a text does not contain but should be found by, as one line of words.

    The other tone placement of each word, each `đ` word with `d`, and for every
    abbreviation present its long forms, for every long form present its abbreviation.
    """
    text = unicodedata.normalize("NFC", text)
    extra: set[str] = set()
    for word in _WORD.findall(text):
        extra.update(spellings(word))
    folded = f" {' '.join(words(text))} "
    for abbreviation in abbreviations:
        if any(form in folded for form in _folded_forms(abbreviation)):
            for form in (abbreviation.short, *abbreviation.long):
                for word in _WORD.findall(form):
                    extra.update(spellings(word) | {word.lower()})
    present = {w.lower() for w in _WORD.findall(text)}
    return " ".join(sorted(extra - present))


@lru_cache(maxsize=65536)
def spellings(word: str) -> frozenset[str]:
    """The other spellings of one word (lower case): classic tone placement, `đ` as `d`."""
    classic = normalise_tones(word).lower()
    return frozenset({classic, fold_d(classic)} - {word.lower()})


@lru_cache(maxsize=1024)
def _folded_forms(abbreviation: Abbreviation) -> tuple[str, ...]:
    return tuple(f" {' '.join(words(form))} " for form in (abbreviation.short, *abbreviation.long))


def load_abbreviations(root: Path, report: Report) -> list[Abbreviation]:
    """The abbreviation list, validated; every malformed entry is a problem at its line."""
    path = root / ABBREVIATIONS
    if not path.is_file():
        return []
    text = read_text(path, ABBREVIATIONS, report)
    if text is None:
        return []
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.add(ABBREVIATIONS, f"YAML syntax error: {getattr(exc, 'problem', None) or exc}", "yaml",
                   line=mark.line + 1 if mark else None)
        return []
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        report.add(ABBREVIATIONS, "expected a list of entries such as "
                   "- {short: TTHC, long: [thủ tục hành chính]}", "search", line=node.start_mark.line + 1)
        return []
    found: list[Abbreviation] = []
    seen: dict[str, int] = {}
    for item in node.value:
        abbreviation = _entry(item, report)
        if abbreviation is None:
            continue
        key = abbreviation.short.lower()
        if key in seen:
            report.add(ABBREVIATIONS, f'"{abbreviation.short}" is listed twice (first at line {seen[key]})',
                       "search", line=abbreviation.line, field="short",
                       hint="merge the long forms into one entry")
            continue
        seen[key] = abbreviation.line
        found.append(abbreviation)
    return found


def _entry(item: yaml.Node, report: Report) -> Abbreviation | None:
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        report.add(ABBREVIATIONS, "expected short and long, such as {short: TTHC, long: [thủ tục hành chính]}",
                   "search", line=line)
        return None
    values = {}
    ok = True
    for key_node, value_node in item.value:
        key = key_node.value
        if key not in ("short", "long"):
            report.add(ABBREVIATIONS, "unknown key (expected short and long)", "search",
                       line=key_node.start_mark.line + 1, field=str(key))
            ok = False
        values[key] = value_node
    for key in ("short", "long"):
        if key not in values:
            report.add(ABBREVIATIONS, "missing", "search", line=line, field=key)
            ok = False
    short = values.get("short")
    if short is not None and not (isinstance(short, yaml.ScalarNode) and _ABBREVIATION.fullmatch(short.value)):
        shown = short.value if isinstance(short, yaml.ScalarNode) else "a list"
        report.add(ABBREVIATIONS, f'"{shown}" is not an abbreviation (expected one word of letters '
                   'and digits, such as TTHC)', "search", line=short.start_mark.line + 1, field="short")
        ok = False
    long = values.get("long")
    if long is not None and not (isinstance(long, yaml.SequenceNode) and long.value and all(
            isinstance(v, yaml.ScalarNode) and v.value.strip() for v in long.value)):
        report.add(ABBREVIATIONS, "expected a list of long forms, such as [thủ tục hành chính]", "search",
                   line=long.start_mark.line + 1, field="long")
        ok = False
    if not ok:
        return None
    forms = tuple(unicodedata.normalize("NFC", " ".join(v.value.split())) for v in long.value)
    return Abbreviation(short.value, forms, line)
