"""Markdown to safe HTML, with a stable anchor on every heading and every block.

Headings get slugs that fold Vietnamese (`Mục tiêu cụ thể` → `muc-tieu-cu-the`);
paragraphs and list items get `p-` + a short hash of their text, so a link to a
sentence survives edits elsewhere in the document. Source quotes can be marked in
place, each with a link back to the row that cites it.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

BLOCK_TAGS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6")
_DANGEROUS = [
    (re.compile(r"<\s*(script|style|iframe|frame|frameset|object|embed|applet|form|meta|link|base|video|audio"
                r"|source|track|picture|svg|math|portal)\b", re.I),
     "raw <{0}> HTML is not allowed in content", "write Markdown; scripts and embeds are never published"),
    (re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I),
     "HTML event handler ({0}=…) is not allowed in content", "remove the attribute; pages run no inline scripts"),
    (re.compile(r"(?:\]\(|href\s*=\s*[\"']?)\s*(javascript|vbscript|data):", re.I),
     "{0}: links are not allowed in content", "link to an http(s) address or a page of the site"),
]
ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "img", "li", "mark", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "ul", "span", "div", "small",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "ol": {"start"},  # "3. …" after a paragraph is item 3, as the text numbers it
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


def fold(text: str) -> str:
    """Strip Vietnamese diacritics: `Đường Mục tiêu` → `Duong Muc tieu` (for slugs and search)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def slugify(value: str, separator: str = "-") -> str:
    """URL-safe ASCII slug: `Mục tiêu cụ thể` → `muc-tieu-cu-the`."""
    value = re.sub(r"[^a-z0-9]+", separator, fold(value).lower())
    return value.strip(separator) or "section"


_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """NFC with every run of white space turned into one space (how quotes are compared)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True, slots=True)
class Block:
    """One addressable block of a rendered text: its anchor and its plain text."""

    anchor: str
    text: str


@dataclass(frozen=True, slots=True)
class Mark:
    """A quote to highlight in the text, linking back to `href` (the row citing it)."""

    quote: str
    anchor: str
    href: str
    label: str


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    blocks: tuple[Block, ...]
    headings: tuple[tuple[int, str, str], ...]  # (level, anchor, text)
    remote: tuple[str, ...] = ()  # addresses of images on other hosts, dropped from `html` (content reports them)

    @property
    def text(self) -> str:
        """The blocks' text joined by spaces (not kept: every document's text is in its blocks)."""
        return " ".join(block.text for block in self.blocks)

    def find(self, quote: str) -> Block | None:
        """The block a quote starts in, or None when the quote is not in the text."""
        quote = squash(quote)
        if not quote:
            return None
        for block in self.blocks:
            if quote in block.text:
                return block
        text = self.text  # a quote across blocks
        position, offset = text.find(quote), 0
        if position < 0:
            return None
        for block in self.blocks:
            offset += len(block.text) + 1
            if position < offset:
                return block
        return None


def unsafe_html(source: str) -> list[tuple[int, str, str]]:
    """(line, message, hint) for every script, handler or script link written into content."""
    found = []
    for number, line in enumerate(source.splitlines(), start=1):
        for pattern, message, hint in _DANGEROUS:
            for match in pattern.finditer(line):
                found.append((number, message.format(match.group(1).lower()), hint))
    return found


class _Anchors(Treeprocessor):
    def __init__(self, md, marks: list[Mark]):
        super().__init__(md)
        self.marks = marks

    def run(self, root):
        blocks, elements, headings, used = [], [], [], set()
        for element in root.iter():
            if element.tag == "a" and re.match(r"https?://", element.get("href", "")):
                element.set("class", "external")
            if element.tag not in BLOCK_TAGS or (element.tag == "li" and element.find("p") is not None):
                continue
            text = squash("".join(element.itertext()))
            if not text:
                continue
            if element.tag.startswith("h"):
                anchor = element.get("id") or slugify(text)
                headings.append((int(element.tag[1]), anchor, text))
            else:
                anchor = "p-" + hashlib.sha1(text.encode()).hexdigest()[:7]
            anchor = _unique(anchor, used)
            element.set("id", anchor)
            blocks.append(Block(anchor, text))
            elements.append(element)
        for index, marks in enumerate(_marks_by_block([b.text for b in blocks], self.marks)):
            for mark, quote in marks:
                _mark(elements[index], mark, quote)
        self.md.blocks, self.md.headings = tuple(blocks), tuple(headings)


def _marks_by_block(texts: list[str], marks: list[Mark]) -> list[list[tuple[Mark, str]]]:
    """For each block, the marks whose quote it contains, in mark order.

    Each quote is squashed once and searched for in the document's text once (the
    blocks joined by a newline, which no squashed text contains), instead of testing
    every mark against every block.
    """
    found: list[list[tuple[Mark, str]]] = [[] for _ in texts]
    if not marks or not texts:
        return found
    joined = "\n".join(texts)
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    for mark in marks:
        quote = squash(mark.quote)
        if not quote:
            for marks_here in found:
                marks_here.append((mark, quote))
            continue
        position = joined.find(quote)
        while position != -1:
            index = bisect.bisect_right(starts, position) - 1
            found[index].append((mark, quote))
            position = joined.find(quote, starts[index + 1] if index + 1 < len(starts) else len(joined))
    return found


def _unique(anchor: str, used: set[str]) -> str:
    candidate, n = anchor, 1
    while candidate in used:
        n += 1
        candidate = f"{anchor}-{n}"
    used.add(candidate)
    return candidate


def _find(raw: str, quote: str) -> tuple[int, int] | None:
    """Where the squashed `quote` lies in `raw`, any run of white space matching one of its spaces."""
    if _SPACES.sub(" ", raw) == raw:  # the usual case: a plain search, no regex to compile
        start = raw.find(quote)
        return None if start < 0 else (start, start + len(quote))
    match = re.search(r"\s+".join(map(re.escape, quote.split(" "))), raw)
    return match.span() if match else None


def _mark(element: etree.Element, mark: Mark, quote: str) -> None:
    """Wrap the quote in <mark> where it lies in plain text; else flag the whole block."""
    for holder, attr in [(element, "text"), *[(child, "tail") for child in element]]:
        raw = getattr(holder, attr) or ""
        span = _find(raw, quote)
        if span is None:
            continue
        start, end = span
        tag = etree.Element("mark", {"id": mark.anchor})
        tag.text = raw[start:end]
        back = etree.SubElement(tag, "a", {"href": mark.href, "class": "cite-back"})
        back.text = mark.label
        tag.tail = raw[end:]
        setattr(holder, attr, raw[:start])
        if holder is element:
            element.insert(0, tag)
        else:
            element.insert(list(element).index(holder) + 1, tag)
        return
    element.set("class", (element.get("class", "") + " cited").strip())
    back = etree.SubElement(element, "a", {"href": mark.href, "class": "cite-back", "id": mark.anchor})
    back.text = mark.label


class _AnchorExtension(Extension):
    def __init__(self, marks: list[Mark]):
        super().__init__()
        self.marks = marks

    def extendMarkdown(self, md):
        # after "unescape" (priority 0): a block's text is what the page shows ("1\\." reads "1."),
        # not Python-Markdown's placeholders for escaped characters, so quotes are found in it
        md.treeprocessors.register(_Anchors(md, self.marks), "cchc-anchors", -1)


def render_markdown(source: str, marks: list[Mark] | None = None) -> Rendered:
    """Markdown (tables, heading anchors) to sanitised HTML plus its addressable blocks."""
    md = markdown.Markdown(extensions=[
        "tables", "sane_lists",
        "toc", _AnchorExtension(list(marks or [])),
    ], extension_configs={"toc": {"slugify": slugify}})
    html = md.convert(source)
    remote: list[str] = []

    def local_images_only(element: str, attribute: str, value: str) -> str | None:
        if element == "img" and attribute == "src" and is_remote(value):
            remote.append(value)
            return None  # a reader's browser never calls another host (the site's rule)
        return value
    html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, attribute_filter=local_images_only,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
    # a blank text has no tree, so no treeprocessor ran: no blocks, no headings
    return Rendered(html=html, blocks=getattr(md, "blocks", ()), headings=getattr(md, "headings", ()),
                    remote=tuple(remote))


_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def is_remote(address: str) -> bool:
    """Whether a browser would fetch `address` from a host (any scheme, `//host`, `\\host`), as it reads
    it: with tabs, newlines and spaces removed."""
    address = _CONTROL.sub("", address)
    return bool(re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|[/\\]{2}", address))


# --- marks placed on rendered HTML --------------------------------------------------------
# A document is rendered once (in `content`, for the quote checks); its page needs the same
# HTML with the cited quotes marked. Instead of converting the Markdown a second time, the
# marks are placed in that HTML exactly where `_mark` would place them in the tree: in the
# block's own text (not inside its inline children), or as a `cited` flag on the block.

_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"]|"[^"]*")*)>')
_ATTRIBUTE = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')
_VOID = {"br", "hr", "img", "wbr", "input", "col", "area", "source", "embed", "meta", "link"}
_ENTITY = re.compile(r"&(?!amp;|lt;|gt;|nbsp;)")
_REL = "noopener noreferrer"


def _escape(text: str, attribute: bool = False) -> str:
    """How nh3 (html5ever) writes text and attribute values."""
    text = text.replace("&", "&amp;").replace("\u00a0", "&nbsp;")
    if attribute:
        return text.replace('"', "&quot;")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0").replace("&amp;", "&")


def _start_tag(name: str, attributes: dict[str, str]) -> str:
    return f"<{name}" + "".join(f' {k}="{_escape(v, True)}"' for k, v in sorted(attributes.items())) + ">"


def place_marks(rendered: Rendered, marks: list[Mark]) -> str | None:
    """`rendered.html` with `marks` placed as rendering with them would; None when unsure."""
    html = rendered.html
    for block, found in zip(rendered.blocks, _marks_by_block([b.text for b in rendered.blocks], marks)):
        for mark, quote in found:
            html = _place(html, block.anchor, mark, quote)
            if html is None:
                return None
    return html


def _place(html: str, anchor: str, mark: Mark, quote: str) -> str | None:
    at = html.find(f' id="{anchor}"')
    start = html.rfind("<", 0, at)
    if at < 0 or start < 0 or html.find(f' id="{anchor}"', at + 1) >= 0:
        return None
    opening = _TAG.match(html, start)
    if not opening or opening.group(1) or opening.end() <= at:
        return None
    name = opening.group(2)
    segments, depth, position = [], 0, opening.end()  # (start, end) of the block's own text runs
    for tag in _TAG.finditer(html, opening.end()):
        if depth == 0:
            segments.append((position, tag.start()))
        closing, tag_name = tag.group(1), tag.group(2)
        if closing:
            if depth == 0:
                if tag_name != name:
                    return None
                end = tag.start()
                break
            depth -= 1
        elif tag_name.lower() not in _VOID:
            depth += 1
        position = tag.end()
    else:
        return None
    for first, last in segments:
        raw = html[first:last]
        if _ENTITY.search(raw) or "\x02" in raw or "\x03" in raw:
            return None  # text nh3 would write differently, or a Markdown placeholder
        text = _unescape(raw)
        span = _find(text, quote)
        if span is None:
            continue
        before, match, after = text[:span[0]], text[span[0]:span[1]], text[span[1]:]
        back = (f'<a class="cite-back" href="{_escape(mark.href, True)}" rel="{_REL}">'
                f"{_escape(mark.label)}</a>")
        tag = f'<mark id="{_escape(mark.anchor, True)}">{_escape(match)}{back}</mark>'
        return html[:first] + _escape(before) + tag + _escape(after) + html[last:]
    attributes = {k: _unescape(v).replace("&quot;", '"') for k, v in _ATTRIBUTE.findall(opening.group(3))}
    attributes["class"] = (attributes.get("class", "") + " cited").strip()
    back = (f'<a class="cite-back" href="{_escape(mark.href, True)}" id="{_escape(mark.anchor, True)}" '
            f'rel="{_REL}">{_escape(mark.label)}</a>')
    return html[:start] + _start_tag(name, attributes) + html[opening.end():end] + back + html[end:]
