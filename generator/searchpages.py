"""The search pages: one small HTML page per published page, in every language, that the
Pagefind binary indexes (see search.py for why, and what a search page holds)."""

from __future__ import annotations

import re
from functools import partial
from html import escape
from typing import Callable, Iterator

from .incremental.deps import Tracked
from .labels import LABELS
from .pages.registry import search_entries
from .searchtext import Abbreviation, extra_terms, fold, normalise_tones, spellings, words

ROW_HEADINGS = {"targets": "h3", "results": "h4", "assignments": "h5"}
_WORD = re.compile(r"\S+")
_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»…–—-/%"


def search_pages(site, abbreviations: list[Abbreviation], entries: list) -> Iterator[tuple[str, str, tuple, str]]:
    """(key, language, recorded lookups, html) of the search pages of `entries`, in every
    language (a document's languages together, so its Vietnamese text is annotated once;
    they share one list of lookups); `key` is the language-neutral path."""
    writers = {lang: _Writer(site, lang, abbreviations) for lang in site.config.languages}
    for key, make in entries:
        deps: set = set()
        catalogue, seen = Tracked(site.catalogue, deps), {}
        pages = []
        for lang, writer in writers.items():
            writer.cat, writer.seen = catalogue, seen
            pages.append((lang, make(writer)))
        recorded = tuple(sorted(deps, key=repr))
        for lang, html in pages:
            yield key, lang, recorded, html


def page_entries(cat) -> Iterator[tuple[str, Callable]]:
    """(path, how to write its search page) of every page the index holds (pages.registry). The
    page's own object is looked up through the writer's (recording) catalogue, like everything it shows."""
    for entry in search_entries(cat):
        yield entry.path, partial(_make, entry.writer, entry.collection, entry.key)


def _make(kind: str, collection: str, key: str | None, writer: "_Writer") -> str:
    found = getattr(writer.cat, collection)
    return getattr(writer, kind)(found if key is None else found[key])


class _Writer:
    """Builds the search pages of one language."""

    def __init__(self, site, lang: str, abbreviations: list[Abbreviation]):
        self.cat, self.lang, self.abbreviations = site.catalogue, lang, abbreviations
        self.messages = site.messages.get(lang, {})
        self.seen: dict[str, str] = {}  # a document's text, shared by its pages in every language
        self.short: dict[str, list[Abbreviation]] = {}
        self.words: dict[str, frozenset[str]] = {}  # see _word
        for abbreviation in abbreviations:
            self.short.setdefault(fold(abbreviation.short), []).append(abbreviation)
        # each long form as folded words, with what a reader may type for it (the abbreviation)
        self.long = [(f" {' '.join(words(form))} ", frozenset(spellings(a.short) | {a.short.lower()}))
                     for a in abbreviations for form in a.long if words(form)]

    def label(self, kind: str, code: str) -> str:
        text = LABELS[kind][code]
        return self.messages.get(text) or text

    def loc(self, obj, name: str) -> str:
        for candidate in ([f"{name}_{self.lang}"] if self.lang != "vi" else []) + [f"{name}_vi", name]:
            value = getattr(obj, candidate, None)
            if value:
                return value
        return ""

    def text(self, value: str | None) -> str:
        """Escaped text with each word's other spellings after it, in ⸢…⸣: its other tone
        placement and `đ` as `d`; after an abbreviation, its long forms; after a long form, its
        abbreviation, closed by one ⸣ per word of the long form (a match marks those words)."""
        if not value:
            return ""
        if value not in self.seen:
            self.seen[value] = self._text(value)
        return self.seen[value]

    def _text(self, value: str) -> str:
        tokens = _WORD.findall(value)
        out = []
        for token in tokens:
            extra = self.words[token] if token in self.words else self._word(token)
            out.append(f"{escape(token)} ⸢{escape(' '.join(sorted(extra)))}⸣" if extra else escape(token))
        # a long form's abbreviation after its last word, closed once per word it stands for, so
        # the search page marks those words (and a phrase of them stays one word after another)
        for last, count, abbreviation in self._long_forms(value, tokens):
            out[last] += f" ⸢{escape(' '.join(sorted(abbreviation)))}{'⸣' * count}"
        return " ".join(out)

    def _long_forms(self, value: str, tokens: list[str]) -> Iterator[tuple[int, int, frozenset[str]]]:
        """(its last token, how many tokens it covers, its abbreviation's spellings) of every long
        form in the text."""
        text = f" {' '.join(words(value))} "
        present = [(form.split(), abbreviation) for form, abbreviation in self.long if form in text]
        if not present:  # the common case, decided at C speed
            return
        flat = [(position, word) for position, token in enumerate(tokens) for word in words(token)]
        folded = [word for _position, word in flat]
        for form, abbreviation in present:
            for start in range(len(folded) - len(form) + 1):
                if folded[start:start + len(form)] == form:
                    first, last = flat[start][0], flat[start + len(form) - 1][0]
                    yield last, last - first + 1, abbreviation

    def _word(self, word: str) -> frozenset[str]:
        """A word's other spellings and, for an abbreviation, its long forms; memoised, since a
        corpus has far fewer distinct words than words."""
        core = word.strip(_PUNCTUATION)
        extra = set(spellings(core)) if core else set()
        for abbreviation in self.short.get(fold(core), ()):
            extra.update(extra_terms(" ".join(abbreviation.long), []).split())
            extra.update(w.lower() for form in abbreviation.long for w in _WORD.findall(form))
            extra -= {core.lower()}
        self.words[word] = found = frozenset(extra)
        return found

    def page(self, kind: str, title: str, body: str, filters: dict[str, list[str]],
             meta: dict[str, str]) -> str:
        tags = [f'<span data-pagefind-filter="kind">{escape(self.label("search_kind", kind))}</span>']
        for name, values in filters.items():
            for value in sorted({v for v in values if v}):
                tags.append(f'<span data-pagefind-filter="{name}">{escape(value)}</span>')
        metas = "".join(f'<span data-pagefind-meta="{name}">{escape(value)}</span>'
                        for name, value in {"kind": kind, **meta}.items() if value)
        return (f'<!doctype html><html lang="{self.lang}"><head><meta charset="utf-8">'
                f"<title>{escape(title)}</title></head><body>"
                f'<div data-pagefind-ignore>{"".join(tags)}{metas}</div>'
                f'<span data-pagefind-meta="title">{escape(title)}</span>'
                f'<main data-pagefind-body><h1>{self.text(title)}</h1>\n'
                f"{body}</main></body></html>\n")

    def document(self, document) -> str:
        cat, place = self.cat, self.cat.places[document.place]
        rows = {"targets": cat.targets_of(document.id), "results": cat.results_of(document.id),
                "assignments": cat.assignments_of(document.id)}
        year = str(document.date.year if document.date else document.period_start)
        parts = [f"<p>{self.text(' · '.join(filter(None, [document.number, document.issuer, self.loc(place, 'name'), self.loc(document, 'source_note')])))}</p>"]
        if self.lang != "vi":
            parts.append(f"<p>{self.text(document.title)}</p>")
        parts.append(f"<h2 id=\"text\">{self.text(self.loc(document, 'title'))}</h2>")
        parts.append(self._sections(document))
        for kind, members in rows.items():
            tag = ROW_HEADINGS[kind]
            for row in members:
                heading = row.agency if kind == "assignments" else self.loc(row, "statement")
                year_text = f" — {row.year}" if getattr(row, "year", None) else ""
                # on an English page a figure shows its English statement and note, so its excerpt
                # is English; the Vietnamese quote is still found there, in the document's text
                # (a duty has no English: its task stays)
                quote = row.source_quote if self.lang == "vi" or kind == "assignments" else None
                texts = [quote, getattr(row, "task", None), self.loc(row, "note")]
                parts.append(f'<{tag} id="{escape(row.id)}">{self.text(heading)}{year_text}</{tag}>'
                             f"<p>{self.text(' · '.join(filter(None, texts)))}</p>")
        areas = [self.loc(cat.areas[r.area], "name") for m in rows.values() for r in m if r.area in cat.areas]
        years = [year, *(str(r.year) for m in rows.values() for r in m if getattr(r, "year", None))]
        kinds = ["document", *(k[:-1] for k, m in rows.items() if m)]
        filters = {"place": [self.loc(place, "name")], "type": [self.label("document_type", document.type)],
                   "area": areas, "year": years,
                   "kind": [self.label("search_kind", k) for k in kinds[1:]]}
        meta = {"place": self.loc(place, "name"), "year": year,
                "type": self.label("document_type", document.type)}
        return self.page("document", self.loc(document, "title"), "\n".join(parts), filters, meta)

    def _sections(self, document) -> str:
        """The document's text: its headings as sub-results; its paragraphs weigh half a figure's
        words, so a figure's row ranks above the paragraph it quotes."""
        rendered = self.cat.text_of(document.id).rendered
        headings = {anchor for _level, anchor, _text in rendered.headings}
        parts = []
        for block in rendered.blocks:
            if block.anchor in headings:
                parts.append(f'<h2 id="{escape(block.anchor)}">{self.text(block.text)}</h2>')
            else:
                parts.append(f'<p data-pagefind-weight="0.5">{self.text(block.text)}</p>')
        return "\n".join(parts)

    def indicator(self, indicator) -> str:
        """The indicator's name (its title), area, topic and definition: the words a reader
        may use for it ("dịch vụ công trực tuyến" finds the level-3/4 indicators by their topic)."""
        area = self.cat.areas.get(indicator.area)
        area_name = self.loc(area, "name") if area else ""
        topic = self.cat.topics.get(indicator.topic) if indicator.topic else None
        body = "".join(f"<p>{self.text(text)}</p>" for text in (
            area_name, self.loc(topic, "name") if topic else "", self.loc(indicator, "definition")) if text)
        meta = {"area": area_name}
        if self.lang != "vi":  # found by its Vietnamese name too, never shown in an English excerpt
            meta["name_vi"] = indicator.name_vi
        return self.page("indicator", self.loc(indicator, "name"), body, {"area": [area_name]}, meta)

    def place(self, place) -> str:
        parent = self.cat.places.get(place.parent) if place.parent else None
        names = [self.label("place_type", place.type), self.loc(parent, "name") if parent else "",
                 place.name if self.lang != "vi" else ""]
        body = f"<p>{self.text(' · '.join(filter(None, names)))}</p>"
        return self.page("place", self.loc(place, "name"), body, {"place": [self.loc(place, "name")]},
                         {"place": self.loc(place, "name")})

    def dataset(self, dataset) -> str:
        parts = [f"<p>{self.text(dataset.descriptor.get('description', ''))}</p>"]
        for name, table in dataset.tables.items():
            fields = " ".join(f["name"] if isinstance(f, dict) else f.name for f in table.fields)
            parts.append(f'<h2 id="res-{escape(name)}">{escape(name)}</h2>'
                         f"<p>{self.text(table.descriptor.get('description', ''))} {escape(fields)}</p>")
        return self.page("dataset", dataset.descriptor.get("title", dataset.name), "\n".join(parts), {}, {})


def normalise_query(text: str) -> str:
    """What the search page does to a query before Pagefind sees it (kept in step with search.js)."""
    return normalise_tones(text).replace("đ", "d").replace("Đ", "D")
