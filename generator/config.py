"""Read and validate `site.yaml`.

Every key is declared once below with its type, default and a one-line doc (like
MkDocs' `config/defaults.py`). All errors are reported together with their key
path (`site.yaml: languages[1]: expected one of vi, en`); unknown keys are warnings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from .errors import Report
from .yamlfile import load_yaml

LANGUAGES = ("vi", "en")
PAGES = ("documents", "targets", "indicators", "places", "areas", "legal", "datasets", "search", "about")

Check = Callable[[Any, str, Report, str], Any]


@dataclass(frozen=True)
class Setting:
    """One `site.yaml` key: how to check it, its default (None = required) and what it is for."""

    check: Check
    default: Any
    doc: str


def _fail(report: Report, file: str, path: str, message: str) -> None:
    report.add(file, message, "config", field=path)


def text(value, path, report, file):
    if not isinstance(value, str) or not value.strip():
        return _fail(report, file, path, "expected a non-empty text")
    return unicodedata.normalize("NFC", value.strip())


def per_language(value, path, report, file):
    if not isinstance(value, dict):
        return _fail(report, file, path, "expected a text for each language (vi: …, en: …)")
    result = {}
    for lang in LANGUAGES:
        if lang not in value:
            _fail(report, file, f"{path}.{lang}", "missing")
        else:
            result[lang] = text(value[lang], f"{path}.{lang}", report, file)
    for key in value:
        if key not in LANGUAGES:
            _fail(report, file, f"{path}.{key}", f"expected one of {', '.join(LANGUAGES)}")
    return result


def languages(value, path, report, file):
    if not isinstance(value, list) or not value:
        return _fail(report, file, path, f"expected a list drawn from {', '.join(LANGUAGES)}")
    for i, lang in enumerate(value):
        if lang not in LANGUAGES:
            _fail(report, file, f"{path}[{i}]", f"expected one of {', '.join(LANGUAGES)}")
    if value[0] != "vi":
        _fail(report, file, f"{path}[0]", "expected vi (Vietnamese is the default language)")
    if len(set(value)) != len(value):
        _fail(report, file, path, "a language is listed twice")
    return list(value)


def base_url(value, path, report, file):
    if not isinstance(value, str):
        return _fail(report, file, path, "expected a URL such as https://example.org/cchc/ or /")
    parts = urlsplit(value)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return _fail(report, file, path, "expected an http(s) URL or a path starting with /")
    if not parts.scheme and not value.startswith("/"):
        return _fail(report, file, path, "expected an http(s) URL or a path starting with /")
    return value if value.endswith("/") else value + "/"


def licence(value, path, report, file):
    if not isinstance(value, dict):
        return _fail(report, file, path, "expected id, title and url")
    out = {}
    for key in ("id", "title", "url"):
        if key not in value:
            _fail(report, file, f"{path}.{key}", "missing")
        else:
            out[key] = text(value[key], f"{path}.{key}", report, file)
    return out


def navigation(value, path, report, file):
    if not isinstance(value, list):
        return _fail(report, file, path, f"expected a list drawn from {', '.join(PAGES)}")
    for i, page in enumerate(value):
        if page not in PAGES:
            _fail(report, file, f"{path}[{i}]", f"expected one of {', '.join(PAGES)}")
    return list(value)


def page_size(value, path, report, file):
    if isinstance(value, bool) or not isinstance(value, int) or not 10 <= value <= 10000:
        return _fail(report, file, path, "expected a whole number of rows from 10 to 10000, such as 200")
    return value


def search_part_size(value, path, report, file):
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100000:
        return _fail(report, file, path, "expected a whole number of documents from 1 to 100000, such as 1000")
    return value


def flag(value, path, report, file):
    if not isinstance(value, bool):
        return _fail(report, file, path, "expected true or false")
    return value


def folder(value, path, report, file):
    value = text(value, path, report, file)
    if value and (Path(value).is_absolute() or ".." in Path(value).parts):
        return _fail(report, file, path, "expected a folder inside the project, such as _site")
    return value


SETTINGS: dict[str, Setting] = {
    "title": Setting(per_language, None, "Site title in each language."),
    "description": Setting(per_language, None, "One-sentence description in each language."),
    "languages": Setting(languages, ["vi", "en"], "Languages to publish; the first (vi) is served at /."),
    "base_url": Setting(base_url, "/", "Where the site is served, e.g. https://example.org/cchc/."),
    "licence": Setting(licence, None, "Licence of the data and texts: id, title, url."),
    "publisher": Setting(text, None, "Who publishes the site and the data."),
    "navigation": Setting(navigation, list(PAGES), "Pages linked in the main menu, in order."),
    "output": Setting(folder, "_site", "Folder the site is built into."),
    "page_size": Setting(page_size, 200, "Rows per page in long lists (the explorer, documents, citing documents);"
                                         " a preview (a place's targets) shows this many and links to the rest."),
    "search_part_size": Setting(search_part_size, 1000, "Documents per part of the search index: each part is"
                                                        " indexed on its own (bounded memory; an edit re-indexes"
                                                        " one part) and a query reads every part."),
    "check_source_urls": Setting(flag, False, "Warn about recorded source addresses (instruments' url, documents'"
                                              " source_url) that are malformed or recorded twice; off by default."),
}


@dataclass(frozen=True)
class Config:
    """Validated site settings; paths resolved relative to `site.yaml`."""

    root: Path
    title: dict[str, str]
    description: dict[str, str]
    languages: list[str]
    base_url: str
    licence: dict[str, str]
    publisher: str
    navigation: list[str]
    output: str
    page_size: int
    search_part_size: int
    check_source_urls: bool

    @property
    def base_path(self) -> str:
        """The URL path the site lives under: `/` or `/cchc/`."""
        return urlsplit(self.base_url).path or "/"

    @property
    def output_dir(self) -> Path:
        return self.root / self.output

    def absolute_url(self, path: str) -> str | None:
        """Full URL for a site path, when `base_url` names a host."""
        if not urlsplit(self.base_url).scheme:
            return None
        return self.base_url + path.lstrip("/")


def load_config(root: Path, report: Report, overrides: dict[str, Any] | None = None) -> Config | None:
    """Read `root/site.yaml`; add every problem to `report`; None if it cannot be used."""
    file = "site.yaml"
    data = load_yaml(root / file, file, report)
    if data is None:
        return None
    if not isinstance(data, dict):
        report.add(file, "expected a mapping of settings (key: value)", "config")
        return None
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    data = {**data, **overrides}
    values = {}
    before = len(report.errors)
    for key, setting in SETTINGS.items():
        if key not in data:
            if setting.default is None:
                _fail(report, file, key, f"missing ({setting.doc})")
            values[key] = setting.default
        else:
            values[key] = setting.check(data[key], key, report, file)
    for key in sorted(set(data) - set(SETTINGS)):
        close = [k for k in SETTINGS if _similar(k, key)]
        report.warn(file, "unknown key, ignored", "config-unknown", field=key,
                    hint=f"did you mean {close[0]}?" if close else None)
    if len(report.errors) > before:
        return None
    if not urlsplit(values["base_url"]).scheme and "base_url" not in overrides:
        report.warn(file, f'"{values["base_url"]}" is not an absolute URL; downloads, feeds and catalogues use '
                          "root-relative URLs", "config-base-url", field="base_url",
                    hint="set base_url: https://your.host/path/ in site.yaml, or build with --base-url")
    return Config(root=root, **values)


def _similar(a: str, b: str) -> bool:
    a, b = re.sub(r"[^a-z]", "", a.lower()), re.sub(r"[^a-z]", "", b.lower())
    return a == b or (len(a) > 3 and (a in b or b in a)) or a.rstrip("s") == b.rstrip("s") or (
        a.replace("license", "licence") == b.replace("license", "licence"))
