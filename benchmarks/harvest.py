"""Read what the synthetic corpus is modelled on from the project being benchmarked.

Everything that can change while the data contract evolves (CSV headers, the list of
resources and their schemas, the front-matter key set) is read here at run time, never
hard-coded, so the generator keeps producing a corpus the current build accepts.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
_HEADING = re.compile(r"^(#{2,3})\s+(.*)$")
_LIST_ITEM = re.compile(r"^(?:\d+\.|-)\s+(.*)$")
_NUMBERING = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))\s+")
# Characters Markdown would turn into markup; harvested text must stay plain so quotes match.
_MARKUP = re.compile(r"[*_`<>\[\]&|\\#]")


class _TextDates(yaml.SafeLoader):
    """Leave dates as text, as the build's own loader does (so they are written back unchanged)."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Resource:
    """One resource of the real data package: its descriptor, header and rows."""

    name: str
    descriptor: dict[str, Any]
    header: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def path(self) -> str | None:
        return self.descriptor.get("path")

    @property
    def generated(self) -> bool:
        """True for resources the build derives from content (no CSV file to write)."""
        return "x-generated-from" in self.descriptor

    def spec(self, column: str) -> dict[str, Any]:
        return next((f for f in self.descriptor["schema"]["fields"] if f["name"] == column), {})


@dataclass
class Source:
    """The real project, harvested: contract, sentences to recombine, code lists."""

    root: Path
    package: dict[str, Any]
    resources: dict[str, Resource]
    front_matter: list[dict[str, Any]]  # the real documents' front matter, in file order
    front_keys: list[str]  # union of their keys, in first-seen order
    headings2: list[str]
    headings3: list[str]
    paragraphs: list[str]
    list_items: list[str]
    grounds: list[str]  # "Căn cứ …" paragraphs
    place_words: list[tuple[str, str]]  # (real place name, its type), replaced by the document's places

    def rows(self, name: str) -> list[dict[str, str]]:
        return self.resources[name].rows if name in self.resources else []


def read_source(root: Path) -> Source:
    """Harvest the project at `root` (its datasets/cchc package and content/documents)."""
    package = yaml.load((root / "datasets/cchc/datapackage.yaml").read_text("utf-8"), Loader=_TextDates)
    resources = {r["name"]: _resource(root / "datasets/cchc", r) for r in package["resources"]}
    metas, bodies = [], []
    for path in sorted((root / "content/documents").glob("*.md")):
        meta, body = _split(path.read_text("utf-8"))
        metas.append(meta)
        bodies.append(body)
    keys: list[str] = []
    for meta in metas:
        keys += [k for k in meta if k not in keys]
    places = {(_bare(r["name"]), r["type"]) for r in resources["places"].rows} if "places" in resources else set()
    source = Source(root, package, resources, metas, keys, [], [], [], [], [],
                    sorted((p for p in places if p[1] in ("tinh", "huyen", "xa")), key=lambda p: (-len(p[0]), p)))
    for body in bodies:
        _harvest_body(body, source)
    return source


def _resource(folder: Path, descriptor: dict[str, Any]) -> Resource:
    names = [f["name"] for f in descriptor["schema"]["fields"]]
    path = folder / descriptor["path"] if descriptor.get("path") else None
    if path is None or not path.exists():
        return Resource(descriptor["name"], descriptor, names)
    reader = csv.reader(io.StringIO(path.read_text("utf-8-sig")))
    header = next(reader, names)
    rows = [dict(zip(header, row)) for row in reader if row]
    return Resource(descriptor["name"], descriptor, header, rows)


def _split(text: str) -> tuple[dict[str, Any], str]:
    text = unicodedata.normalize("NFC", text)
    match = _FRONT.match(text)
    if not match:
        return {}, text
    return yaml.load(match.group(1) or "", Loader=_TextDates) or {}, text[match.end():]


def _bare(name: str) -> str:
    """`tỉnh Lâm Đồng` → `Lâm Đồng` (the part that appears inside running text)."""
    return re.sub(r"^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+", "", name.strip())


def plain(text: str) -> str:
    """Text without Markdown markup characters, white space squashed."""
    return re.sub(r"\s+", " ", _MARKUP.sub("", text)).strip()


def _harvest_body(body: str, source: Source) -> None:
    """Sort the lines of one real document into headings, list items and paragraphs."""
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith((">", "|", "**", "---")):
            continue
        heading = _HEADING.match(line)
        if heading:
            title = plain(_NUMBERING.sub("", heading.group(2)))
            if 3 <= len(title) <= 90:
                (source.headings2 if len(heading.group(1)) == 2 else source.headings3).append(title)
            continue
        item = _LIST_ITEM.match(line)
        text = plain(item.group(1) if item else line)
        if item and len(text) >= 40:
            source.list_items.append(text)
        elif not item and text.startswith("Căn cứ") and 40 <= len(text) <= 250:
            source.grounds.append(text)
        elif not item and len(text) >= 80:
            source.paragraphs.append(text)
