"""Render every HTML page, in every language, with Jinja2 (autoescape, StrictUndefined).

A typo in a template fails the build with the template's name and line. Interface text
comes from gettext catalogues (`templates/locale/<lang>/LC_MESSAGES/messages.po`, English
msgids); numbers and dates are formatted with Babel's locale data. Static assets are
copied with content-hashed names, so they can be cached forever.
"""

from __future__ import annotations

import functools
import hashlib
from datetime import date
from pathlib import Path
from types import FunctionType, MethodType
from typing import Any

import jinja2
import jinja2.runtime
import markupsafe
from babel.dates import format_date
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from .incremental import cache
from .incremental.deps import Resolver
from .incremental.pagestore import PageStore
from .config import Config
from .engine import Counts, render_specs
from .downloads.formats import page_links
from .errors import Report
from .labels import LABELS
from .notes import reader_note
from .numerals import format_number
from .model import COMMON_INSTRUMENT, RELATED_SHOWN, Catalogue
from .pages.registry import own_rows, page_specs, search_entries
from .pages.urls import Urls
from .paging import first_rows
from .search import bundles
from .writer import Writer


API_KINDS = {rows.folder: rows.collection for rows in own_rows()}  # by-document → documents: a page's API object

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'")


class Site:
    """What every template sees: settings, catalogue, URL helpers and the interface text."""

    downloads = None  # the published files (downloads.publish.Downloads), set before rendering

    def __init__(self, config: Config, catalogue: Catalogue, writer: Writer, report: Report,
                 bytecode_cache: jinja2.BytecodeCache | None = None):
        self.config, self.catalogue, self.writer, self.report = config, catalogue, writer, report
        self.bytecode_cache = bytecode_cache
        self.urls = Urls(config)
        self.resolver = Resolver(catalogue)  # answers pages' recorded lookups, each once a build
        templates = config.root / "templates"
        self.messages = load_catalogues(templates, config.languages, report)
        self.envs = {lang: self._environment(templates, lang) for lang in config.languages}
        self.assets = self._copy_assets(templates / "static")

    def _environment(self, templates: Path, lang: str) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates), autoescape=True,
            undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
            keep_trailing_newline=True, extensions=["jinja2.ext.i18n"], auto_reload=False,
            bytecode_cache=self.bytecode_cache,
        )
        env.context_class = Context
        messages = self.messages.get(lang, {})
        env.install_gettext_callables(  # type: ignore[attr-defined]
            lambda text: messages.get(text) or text,
            lambda one, many, n: messages.get(one if n == 1 else many) or (one if n == 1 else many),
            newstyle=True)
        env.globals["gettext"] = env.globals["_"] = _gettext(messages)
        return env

    def _copy_assets(self, folder: Path) -> dict[str, str]:
        assets = {}
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            name = path.relative_to(folder).as_posix()
            stem, dot, ext = name.rpartition(".")
            hashed = f"static/{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{ext}" if dot else f"static/{name}"
            self.writer.write(hashed, data, source=f"templates/static/{name}")
            assets[name] = hashed
        return assets

    def context(self, lang: str, path: str, catalogue: Any = None) -> dict[str, Any]:
        """Globals for one page at `path` (language-neutral, e.g. `documents/x/`)."""
        messages = self.messages.get(lang, {})

        def label(kind: str, code: str) -> str:
            """The translated label of a coded value, e.g. label('level', 'xa') → 'Cấp xã'."""
            text = LABELS[kind][code]
            return messages.get(text) or text

        urls = self.urls.at(lang)
        cat = self.catalogue if catalogue is None else catalogue
        return {
            "site": self.config, "lang": lang, "path": path, "urls": urls, "label": label,
            "url": urls.page, "root_url": urls.site,  # the older names, for templates not yet moved to `urls`
            "asset": lambda name: urls.site(self.assets[name]),
            "loc": lambda obj, name: _localised(obj, name, lang),
            "num": lambda value: format_number(value, lang),
            "date": lambda value: format_day(value, lang),
            "first": lambda rows: first_rows(rows, self.config.page_size),
            "page_links": page_links(), "api_kinds": API_KINDS, "related_shown": RELATED_SHOWN, "common_instrument": COMMON_INSTRUMENT,
            "note_text": lambda text: reader_note(text, lang, label, cat, urls),
            "cat": cat, "csp": markupsafe.Markup(CSP),
            "cited": set(),  # what this page's citation templates hold already (_cite.html)
            "other_languages": [other for other in self.config.languages if other != lang],
        }

    def render(self, template: str, path: str, lang: str, values: dict[str, Any], catalogue: Any = None) -> str:
        """The HTML of `template` for the page at `path` in `lang` (`path` '' is the home page)."""
        return self.envs[lang].get_template(template).render(**self.context(lang, path, catalogue), **values)

    def target(self, path: str, lang: str) -> str:
        """The file a page is written to: `documents/x/index.html`, `en/documents/x/index.html`."""
        return self.urls.file(path, lang)

    def page(self, template: str, path: str, lang: str, source: str = "build", **values) -> None:
        """Render `template` to the page at `path` in `lang` and write it."""
        self.writer.write(self.target(path, lang), self.render(template, path, lang, values), source=source)

    def search_bundles(self) -> list[str]:
        """The folders of the search index's parts (see search.bundles)."""
        return bundles([entry.path for entry in search_entries(self.catalogue)],
                       self.catalogue, self.config.search_part_size)

    def preload(self) -> None:
        """Compile every template now, so forked workers inherit them compiled."""
        for env in self.envs.values():
            for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
                try:
                    env.get_template(name)
                except jinja2.TemplateError:
                    pass  # reported, at its line, by the page that uses it


class Context(jinja2.runtime.Context):
    """Jinja's template context (`Environment.context_class`), calling a plain function or
    method (a helper such as `num` or `_`, a catalogue lookup, `urls.document`) straight away.
    Jinja's own `call` first asks every callable, and its `__call__`, whether it wants the
    context passed: most of the cost of the ~900 calls a page makes. Anything else (a macro, a
    function marked `pass_context`) goes through Jinja's `call` as before."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature: a template may pass any keyword
        if type(__obj) in _PLAIN and not hasattr(__obj, "jinja_pass_arg"):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:  # as Jinja's own call
                return __self.environment.undefined("value was undefined because a callable raised a"
                                                    " StopIteration exception")
        return super().call(__obj, *args, **kwargs)


_PLAIN = (FunctionType, MethodType)


def _gettext(messages: dict[str, str]):
    """Jinja's new-style gettext (same results), remembering each translated string:
    pages call it hundreds of thousands of times with the same few hundred strings.

    Every template escapes its output (`autoescape=True`, and none turns it off), so this
    asks for no context: Jinja gives a function that asks for one, called in a block or loop
    that sets a variable, a new copy of the page's context at each call (a quarter of a
    million at 200 documents)."""
    done: dict[str, markupsafe.Markup] = {}

    def gettext(string: str, **variables):
        if variables:
            return markupsafe.Markup(messages.get(string) or string) % variables
        text = done.get(string)
        if text is None:
            text = done[string] = markupsafe.Markup(messages.get(string) or string) % {}
        return text

    return gettext


CATALOGUE = "templates/locale/{lang}/LC_MESSAGES/messages.po"


def load_catalogues(templates: Path, languages: list[str], report: Report) -> dict[str, dict[str, str]]:
    """msgid → translation for every language but English (the msgids are English).

    Every message the templates and labels use must be translated: a missing or fuzzy
    translation is an error at the catalogue file, so no English leaks onto a Vietnamese page.
    """
    used = _used_messages(templates)
    catalogues: dict[str, dict[str, str]] = {}
    for lang in languages:
        if lang == "en":
            continue
        rel = CATALOGUE.format(lang=lang)
        path = templates.parent / rel
        if not path.is_file():
            report.add(rel, "translation catalogue not found", "missing-file",
                       hint=f"pybabel init -i templates/locale/messages.pot -d templates/locale -l {lang}")
            continue
        with path.open("rb") as handle:
            try:
                catalogue = read_po(handle, locale=lang)
            except Exception as exc:  # babel raises several types for a broken file
                report.add(rel, f"cannot read translation catalogue: {exc}", "strings")
                continue
        messages = {m.id: m.string for m in catalogue if m.id and isinstance(m.id, str)
                    and m.string and not m.fuzzy}
        for text, where in sorted(used.items()):
            if text not in messages:
                report.add(rel, f'no {lang} translation for "{text}" (used in {where})', "strings",
                           hint="run pybabel update (see README, Translations) and translate it")
        catalogues[lang] = messages
    return catalogues


_USED: dict[str, dict[str, str]] = {}  # by the templates' hash: a process extracts each set of templates once


def _used_messages(templates: Path) -> dict[str, str]:
    """msgid → first place it is used, from the templates and the labels module (kept for the
    life of the process, and in the build cache)."""
    key = cache.folder_hash(templates)
    used = _USED.get(key)
    if used is None:
        used = _USED[key] = cache.memo("messages", key, lambda: _extract_messages(templates))
    return used


def _extract_messages(templates: Path) -> dict[str, str]:
    used: dict[str, str] = {}
    sources = [(p, "jinja2.ext:babel_extract") for p in sorted(templates.rglob("*.html"))]
    sources.append((Path(__file__).with_name("labels.py"), "python"))
    options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
    for path, method in sources:
        for line, message, _comments, _context in extract_from_file(
                method, str(path), keywords={"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)},
                options=options):
            for text in message if isinstance(message, tuple) else (message,):
                if text:
                    used.setdefault(text, f"{path.name}:{line}")
    return used


def _localised(obj, name: str, lang: str) -> str:
    """`obj.<name>_en` in English when it has one, else the Vietnamese `<name>_vi` or `<name>`."""
    candidates = ([f"{name}_{lang}"] if lang != "vi" else []) + [f"{name}_vi", name]
    for candidate in candidates:
        value = getattr(obj, candidate, None)
        if value:
            return value
    return ""


DATE_PATTERNS = {"vi": "d/M/y", "en": "d MMM y"}  # 8/9/2021 and 8 Sep 2021


@functools.cache  # a document's date is on every page that cites it, and Babel is slow
def format_day(value: date | None, lang: str) -> str:
    """A date the way each language writes it."""
    if value is None:
        return ""
    return format_date(value, DATE_PATTERNS.get(lang, "medium"), locale=lang)


def pages_key(config: Config) -> str:
    """What every page may show besides the catalogue (its lookups are tracked one by one):
    templates, translations, static files, settings."""
    return cache.digest(cache.folder_hash(config.root / "templates"), cache.settings(config))


def render_pages(site: Site, store: PageStore, jobs: int = 1) -> Counts:
    """Write every HTML page in every language, over `jobs` processes, reusing unchanged pages."""
    return render_specs(site, list(page_specs(site)), store, jobs)
