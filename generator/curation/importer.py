"""`python build.py import FILE`: a document file → `content/documents/<id>.md`, its text verbatim
in the project's Markdown and its front matter drafted from the header block.

`import_file` does the work and writes nothing (the benchmark calls it); `write_document` writes.
Every key the importer guessed, or left for a person to write, is listed in the front matter's
`draft:` list, and instruments the text cites that `legal_documents.csv` lacks in `draft_unknown:`;
the build refuses the document until both are gone (`header_draft.check_draft`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from ..frontmatter import SLUG
from ..markup import slugify
from . import legacy
from .blocks import SENTENCE_END, Block, ImportProblem, Source
from .formats import read
from .header import Header, load_places, parse_header
from .header_references import LegalIndex, find_citations

__all__ = ["ImportProblem", "import_file", "write_document", "document_markdown"]

# Labels a legal database prints above the text ("Hệ thống pháp luật"): the publisher, not the text.
PUBLISHER_LABELS = {"hệ thống pháp luật": "Hệ thống pháp luật", "thư viện pháp luật": "Thư viện pháp luật",
                    "cơ sở dữ liệu quốc gia về văn bản pháp luật": "Cơ sở dữ liệu quốc gia về văn bản pháp luật"}
STATUS_BOX = "HIỆU LỰC VĂN BẢN"  # the box a legal database prints after the text (number, dates, status)
DRAFT_KEYS = ("number", "type", "title", "title_en", "issuer", "place", "date", "period_start", "period_end",
              "signer", "author", "source_note", "source_note_en", "references", "implements", "reports_on")
_KIND_TITLES = ("QUYẾT ĐỊNH", "KẾ HOẠCH", "CHỈ THỊ", "NGHỊ QUYẾT", "CHƯƠNG TRÌNH", "BÁO CÁO", "THÔNG BÁO",
                "QUY CHẾ", "QUY ĐỊNH", "ĐỀ ÁN", "HƯỚNG DẪN")
_HEADINGS = (  # (pattern, level): how the house style writes a numbered title
    (re.compile(r"^(?:Chương|CHƯƠNG)\s+[IVXLC\d]+\b"), 2),
    (re.compile(r"^(?:Mục|MỤC)\s+\d+\b"), 3),
    (re.compile(r"^Điều\s+\d+[a-z]?\.\s"), 3),
    (re.compile(r"^[IVXLC]+\.\s"), 2),
    (re.compile(r"^\d+\.\d+\.\d+\.?\s"), 5),
    (re.compile(r"^\d+\.\d+\.?\s"), 4),
    (re.compile(r"^\d+\.\s"), 3),
)


def import_file(path: Path, root: Path) -> tuple[dict, str, list[str]]:
    """(front matter, Markdown body, notes) for the file at `path`; writes nothing.

    Raises ImportProblem (a one-line message) for a file that is missing, unsupported or unreadable.
    """
    source = read(Path(path))
    notes = list(source.notes)
    blocks = _clean(source, notes)
    if not blocks:
        raise ImportProblem(f"{path}: no text found")
    publisher = None
    first = blocks[0].text.strip().lower() if not blocks[0].rows else ""
    if first in PUBLISHER_LABELS:
        publisher = PUBLISHER_LABELS[first]
        blocks = blocks[1:]
        notes.append(f'dropped the site label "{publisher}" above the text (kept as source_publisher)')
    box = next((i for i, block in enumerate(blocks) if i >= len(blocks) - 40 and block.rows is None
                and block.text.strip().upper() == STATUS_BOX), None)
    if box is not None and any("Số hiệu" in block.text for block in blocks[box:box + 6]):
        facts = [re.sub(r"^[•\s]+", "", line) for block in blocks[box:] for line in block.lines if ":" in line]
        notes.append(f'dropped the legal database\'s "{STATUS_BOX}" box after the text; it says: ' + "; ".join(facts))
        blocks = blocks[:box]
    paragraphs = [_plain(block) for block in blocks if not block.rows]
    header = parse_header([_plain(block, "\n") for block in blocks if not block.rows], load_places(root))
    header.source_publisher = publisher
    notes.extend(header.notes)
    known, unknown = find_citations(paragraphs, LegalIndex(root), own=header.number)
    front = _front_matter(header, known, unknown, Path(path))
    body = document_markdown(blocks, emphasis=Path(path).suffix.lower() == ".txt")
    notes.append(f"found: {_found(front)}")
    if unknown:
        notes.append(f"{len(unknown)} cited instrument(s) not in datasets/cchc/legal_documents.csv (see draft_unknown:):")
        notes.extend(f"  - {c.wording} (proposed id {c.proposed_id})" for c in unknown)
    return front, body, notes


def write_document(path: Path, root: Path, document_id: str | None = None, force: bool = False
                   ) -> tuple[Path, dict, list[str]]:
    """Import `path` into `root/content/documents/<id>.md`; refuses to overwrite unless `force`."""
    if document_id is not None and not SLUG.match(document_id):
        raise ImportProblem(f"--id {document_id!r}: expected lower-case letters, digits and hyphens", usage=True)
    front, body, notes = import_file(path, root)
    if document_id:
        front["id"] = document_id
    target = root / "content/documents" / f"{front['id']}.md"
    if target.exists() and not force:
        raise ImportProblem(f"{target.relative_to(root)} already exists (hint: --force replaces it, "
                            "--id NAME writes another file)", usage=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.importing")
    partial.write_text(f"---\n{front_matter_yaml(front, Path(path).name)}---\n\n{body}", encoding="utf-8")
    partial.replace(target)
    return target, front, notes


# ---- text -------------------------------------------------------------------------------------

def _clean(source: Source, notes: list[str]) -> list[Block]:
    """NFC, legacy encodings converted, empty paragraphs dropped, paragraphs split by a page break joined."""
    text = "\n".join(line for block in source.blocks for line in _block_lines(block))
    encoding = legacy.detect(text)
    if encoding != legacy.UNICODE:
        notes.append(f"converted from the legacy {encoding.upper()} encoding: check the text")
    def convert(text: str) -> str:
        return unicodedata.normalize("NFC", legacy.decode(text, encoding)).replace("\u00a0", " ").strip()

    blocks: list[Block] = []
    for block in source.blocks:
        if block.rows is not None:
            rows = [[convert(cell) for cell in row] for row in block.rows]
            if any(any(row) for row in rows):
                blocks.append(Block(rows=rows))
            continue
        lines = [line for line in map(convert, block.lines) if line]
        if not lines:
            continue
        previous = blocks[-1] if blocks else None
        if source.paged and previous and previous.rows is None and not previous.heading and not block.heading \
                and not SENTENCE_END.search(previous.lines[-1]) and lines[0][:1].islower() \
                and not _ITEM.match(lines[0]) and not _heading_level(previous.text, 0):
            previous.lines[-1] += " " + lines[0]  # a paragraph split by a page break
            previous.lines.extend(lines[1:])
            continue
        blocks.append(Block(lines, heading=block.heading))
    return blocks


_ITEM = re.compile(r"^(?:[a-zđ]{1,2}[).]\s|[-+•]\s)")  # "a) …", "- …": a list item starts a paragraph


def _block_lines(block: Block) -> list[str]:
    return [cell for row in block.rows for cell in row] if block.rows is not None else block.lines


_LIST_ITEM = re.compile(r"^[-•]\s+")


def _plain(block: Block, between: str = " ") -> str:
    """A paragraph's text as the page shows it (list items without their markers), its lines
    joined by `between`."""
    return between.join(_LIST_ITEM.sub("", line.strip()) for line in block.lines if line.strip())


_EMPHASIS = re.compile(r"(\*\*?)(?=\S)(.+?)(?<=\S)\1", re.S)


def _emphasis(text: str) -> bool:
    """A plain-text export that marks bold and italics with asterisks, in pairs (`**Triển khai …**`)."""
    return "*" in text and "*" not in _EMPHASIS.sub("", text)


def _escape(text: str, line_start: bool = True, emphasis: bool = False) -> str:
    """Text that Markdown shows as written, escaping only what Markdown would take as markup (a
    backslash escape shows right on the page but not in the text quotes are checked against, so
    as few as possible). `line_start`: it begins a line; `emphasis`: its asterisks are a text
    file's own bold and italic marks, kept. Numbered paragraphs stay "1. …" like the house style."""
    text = re.sub(r"\\(?=[!-/:-@\[-`{-~])", r"\\\\", text)  # a backslash the source itself wrote
    for char in ("*", "_", "`"):
        if text.count(char) >= 2 and not (char == "*" and emphasis):
            text = text.replace(char, "\\" + char)
    text = re.sub(r"\[(?=[^\]]*\][(\[:])", r"\\[", text)  # a link or reference, not plain brackets
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)  # a tag would be dropped by the sanitiser
    if line_start:
        text = re.sub(r"^(#|>|=+$)", r"\\\1", text)
    return text


_RULE = re.compile(r"^[-_=*]{3,}$")  # a decorative rule under the header ("-------"): a Markdown rule


def _heading_level(text: str, declared: int) -> int:
    """The heading level of a paragraph, 0 for running text: a numbered title ("II.", "1.", "Điều 3.")
    is short and not a sentence, and takes its level from its numbering, like the house style; a
    heading the source declares (Word's "Heading 2", <h2>) without numbering keeps its own, below the
    page's title."""
    text = text.strip()
    if text.upper() == text and text in _KIND_TITLES:
        return 2
    short = len(text) <= 150 and not re.search(r"[.;,:]$", text)
    for pattern, level in _HEADINGS:
        if found := pattern.match(text):
            return level if short and not re.search(r"[.;!?]\s", text[found.end():]) else 0
    return min(declared + 1, 6) if declared and short else 0


def document_markdown(blocks: list[Block], emphasis: bool = False) -> str:
    """The blocks in the house Markdown: headings for numbered titles, lists, tables, the rest verbatim."""
    out = []
    for block in blocks:
        if block.rows is not None:
            width = max(len(row) for row in block.rows)
            rows = [row + [""] * (width - len(row)) for row in block.rows]
            lines = ["| " + " | ".join(_escape(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
            lines.insert(1, "|" + "---|" * width)
            out.append("\n".join(lines))
            continue
        level = _heading_level(block.text, block.heading)
        if level:
            out.append("#" * level + " " + _escape(block.text, line_start=False))
        elif _LIST_ITEM.match(block.lines[0]):
            out.append("\n".join("- " + _escape(_LIST_ITEM.sub("", line), line_start=False) if _LIST_ITEM.match(line)
                                  else "  " + _escape(line) for line in block.lines))
        else:
            marks = emphasis and _emphasis("\n".join(block.lines))
            chunks: list[list[str]] = [[]]
            for line in block.lines:  # a rule inside a paragraph would make it a heading: set it apart
                if _RULE.match(line):
                    chunks += [[line], []]
                else:
                    chunks[-1].append(_escape(line, emphasis=marks))
            out.extend("\n".join(chunk) for chunk in chunks if chunk)
    return "\n\n".join(out) + "\n"


# ---- front matter ----------------------------------------------------------------------------

def _front_matter(header: Header, known, unknown, path: Path) -> dict:
    front = {
        "id": _document_id(header, path), "number": header.number, "type": header.type, "title": header.title,
        "title_en": None, "issuer": header.issuer, "place": header.place, "date": header.date,
        "period_start": header.period_start, "period_end": header.period_end, "signer": header.signer,
        "author": header.author, "source_note": None, "source_note_en": None,
        "references": [c.entry() for c in known], "implements": [], "reports_on": [],
        "source_url": None, "source_publisher": header.source_publisher, "source_published": None,
        "retrieved": None,
        "draft": list(DRAFT_KEYS) + (["source_publisher"] if header.source_publisher else []),
    }
    if unknown:
        front["draft_unknown"] = [c.entry() for c in unknown]
    return front


def _document_id(header: Header, path: Path) -> str:
    serial = re.match(r"\d+", header.number or "")
    year = (header.date or "")[:4] or (str(header.period_start) if header.period_start else "")
    if header.place and serial and year:
        return f"{header.place}-{serial.group(0)}-{year}"
    return slugify(path.stem)


def _found(front: dict) -> str:
    keys = ("number", "type", "date", "issuer", "place", "signer", "author")
    found = [f"{key} {front[key]}" for key in keys if front.get(key) is not None]
    if front.get("period_start"):
        found.append(f"period {front['period_start']} - {front['period_end']}")
    found.append(f"{len(front['references'])} reference(s)")
    return "; ".join(found)


_PLAIN = re.compile(r"^[a-z][a-z0-9_-]*$")


def _scalar(value) -> str:
    if isinstance(value, str) and _PLAIN.match(value) and value not in ("null", "true", "false", "yes", "no",
                                                                        "on", "off", "y", "n"):
        return value  # an id or a key name, written bare like the hand-written files
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) or isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def front_matter_yaml(front: dict, source_name: str) -> str:
    """The front matter as YAML in the house layout; `draft:` comes right after `id:`, with a
    comment on how to review it, and `draft_unknown:` last."""
    order = ["id", "draft"] + [key for key in front if key not in ("id", "draft", "draft_unknown")]
    lines = []
    for key in order + (["draft_unknown"] if "draft_unknown" in front else []):
        value = front[key]
        if isinstance(value, list) and value and isinstance(value[0], dict):
            if key == "draft_unknown":
                lines += ["# Instruments the text cites that datasets/cchc/legal_documents.csv lacks: add each",
                          "# there, move its entry to references: (legal: its id), then delete draft_unknown:."]
            lines.append(f"{key}:")
            for item in value:
                for i, (sub_key, sub_value) in enumerate(item.items()):
                    lines.append(f"  {'- ' if i == 0 else '  '}{sub_key}: {_scalar(sub_value)}")
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            lines.append(f"{key}: {_scalar(value)}")
        if key == "draft":
            lines += [f"# Drafted by `python build.py import` from {source_name}: each key in draft: is a guess",
                      "# or a blank to fill. Check it against the text, then remove it from draft:; the build",
                      "# refuses this document until draft: is empty (and draft_unknown:, if any, is gone)."]
    return "\n".join(lines) + "\n"
