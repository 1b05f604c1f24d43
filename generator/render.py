"""Render every HTML page, in every language, with Jinja2 (autoescape, StrictUndefined).

A typo in a template fails the build with the template's name and line. Static assets
are copied with content-hashed names, so they can be cached forever.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from .config import Config
from .errors import Report
from .markup import Mark, render_markdown
from .model import Catalogue
from .writer import Writer
from .yamlfile import load_yaml

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'")


class Site:
    """What every template sees: settings, catalogue, URL helpers and the UI strings."""

    def __init__(self, config: Config, catalogue: Catalogue, writer: Writer, report: Report):
        self.config, self.catalogue, self.writer, self.report = config, catalogue, writer, report
        templates = config.root / "templates"
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates), autoescape=True,
            undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.strings = _load_strings(templates / "strings.yaml", config.languages, report)
        self.assets = self._copy_assets(templates / "static")

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

    def context(self, lang: str, path: str) -> dict[str, Any]:
        """Globals for one page at `path` (language-neutral, e.g. `documents/x/`)."""
        strings = self.strings

        def t(key: str) -> str:
            if key not in strings:
                raise KeyError(f"no UI string {key!r} in templates/strings.yaml")
            return strings[key][lang]

        def url(target: str = "", language: str = lang) -> str:
            prefix = "" if language == self.config.languages[0] else f"{language}/"
            return self.config.base_path + prefix + target

        return {
            "site": self.config, "lang": lang, "path": path, "t": t, "url": url,
            "root_url": lambda target: self.config.base_path + target,
            "asset": lambda name: self.config.base_path + self.assets[name],
            "loc": lambda obj, name: _localised(obj, name, lang),
            "num": lambda value: format_number(value, lang),
            "cat": self.catalogue, "csp": markupsafe.Markup(CSP),
            "other_languages": [other for other in self.config.languages if other != lang],
        }

    def page(self, template: str, path: str, lang: str, source: str = "build", **values) -> None:
        """Render `template` to the page at `path` in `lang` (`path` '' is the home page)."""
        html = self.env.get_template(template).render(**self.context(lang, path), **values)
        prefix = "" if lang == self.config.languages[0] else f"{lang}/"
        target = prefix + (path if path.endswith(".html") else path + "index.html")
        self.writer.write(target, html, source=source)


def _load_strings(path: Path, languages: list[str], report: Report) -> dict[str, dict[str, str]]:
    rel = "templates/strings.yaml"
    strings = load_yaml(path, rel, report) or {}
    for key, value in strings.items():
        missing = [lang for lang in languages if not isinstance(value, dict) or lang not in value]
        if missing:
            report.add(rel, f"UI string has no {', '.join(missing)} text", "strings", field=str(key))
    return strings


def _localised(obj, name: str, lang: str) -> str:
    """`obj.<name>_en` in English when it has one, else the Vietnamese `<name>_vi` or `<name>`."""
    candidates = ([f"{name}_{lang}"] if lang != "vi" else []) + [f"{name}_vi", name]
    for candidate in candidates:
        value = getattr(obj, candidate, None)
        if value:
            return value
    return ""


def format_number(value, lang: str) -> str:
    """99.79 → `99,79` in Vietnamese, `99.79` in English; thousands grouped."""
    if value is None:
        return ""
    value = Decimal(value)
    text = f"{value.normalize():,f}" if value == value.to_integral() else f"{value:,}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def document_marks(catalogue: Catalogue, document_id: str) -> list[Mark]:
    """Every cited quote in a document, each linking back to its row on the page."""
    marks = []
    rows = [*catalogue.targets_of(document_id), *catalogue.results_of(document_id),
            *catalogue.assignments_of(document_id)]
    for number, row in enumerate(rows, start=1):
        marks.append(Mark(row.source_quote, f"q-{row.id}", f"#{row.id}", f"[{number}]"))
    return marks


def render_pages(site: Site) -> int:
    """Write every HTML page; return how many."""
    cat = site.catalogue
    for lang in site.config.languages:
        site.page("home.html", "", lang)
        site.page("documents.html", "documents/", lang)
        for document in cat.documents.values():
            body = render_markdown(document.body, document_marks(cat, document.id)).html
            site.page("document.html", f"documents/{document.id}/", lang, source=document.source,
                      document=document, body=body)
        site.page("indicators.html", "indicators/", lang)
        for indicator in cat.indicators.values():
            site.page("indicator.html", f"indicators/{indicator.id}/", lang, indicator=indicator)
        site.page("places.html", "places/", lang)
        for place in cat.places.values():
            site.page("place.html", f"places/{place.id}/", lang, place=place)
        site.page("areas.html", "areas/", lang)
        site.page("datasets.html", "datasets/", lang)
        site.page("dataset.html", f"datasets/{cat.dataset.name}/", lang, dataset=cat.dataset,
                  jsonld=json.dumps(dataset_jsonld(site, lang), ensure_ascii=False, sort_keys=True))
        for page in cat.pages:
            if page.lang == lang:
                site.page("page.html", f"{page.name}/", lang, source=page.source, page=page)
        site.page("404.html", "404.html", lang)
    return sum(1 for p in site.writer.paths() if p.endswith(".html"))


def dataset_jsonld(site: Site, lang: str) -> dict:
    """schema.org Dataset description for the dataset page."""
    config, dataset = site.config, site.catalogue.dataset
    base = config.absolute_url("") or config.base_path
    return {
        "@context": "https://schema.org", "@type": "Dataset",
        "name": dataset.descriptor.get("title", dataset.name),
        "description": dataset.descriptor.get("description", ""),
        "license": config.licence["url"], "inLanguage": lang,
        "creator": {"@type": "Organization", "name": config.publisher},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv",
             "contentUrl": f"{base}data/{dataset.name}/{name}.csv"}
            for name in dataset.tables
        ],
    }
