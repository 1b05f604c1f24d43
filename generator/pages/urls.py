"""The one home of the site's paths (Datasette's url_builder, Pelican's ARTICLE_URL): where
each page, download and API object is, the language prefix, the base path and the public
site URL. Python modules and templates alike ask a `Urls` (templates get one bound to the
page's language, as `urls`), so a path rule is written once, here.

Paths are language-neutral (`documents/x/`); the first language is served at the root, the
others under `<lang>/`. Every URL is root-relative (`/cchc/documents/x/`), or absolute
(`https://example.org/cchc/documents/x/`) from `Urls(config, absolute=True)` when the
site's public URL is configured (downloads, feeds and catalogues use those).
"""

from __future__ import annotations

DATASET = "cchc"  # the published data package's name (its folder under data/)


def document_path(key: str) -> str:
    return f"documents/{key}/"


def place_path(key: str) -> str:
    return f"places/{key}/"


def indicator_path(key: str) -> str:
    return f"indicators/{key}/"


def legal_path(key: str) -> str:
    return f"legal/{key}/"


def topic_path(key: str | None = None) -> str:
    """The topics (`topics/`), or one topic: `topics/<id>/`."""
    return "topics/" if key is None else f"topics/{key}/"


def compare_path(area: str) -> str:
    return f"compare/{area}/"


def targets_path(place: str | None = None, year: int | str | None = None, area: str | None = None) -> str:
    """The targets explorer, narrowed to a place (and a year), an area, or a year."""
    if area is not None:
        return f"targets/area/{area}/"
    if place is not None:
        return f"targets/place/{place}/" + (f"year/{year}/" if year is not None else "")
    return f"targets/year/{year}/" if year is not None else "targets/"


def dataset_path(name: str = DATASET) -> str:
    return f"datasets/{name}/"


def download_path(folder: str, key: str, extension: str, name: str = DATASET) -> str:
    """A page's own rows: `data/cchc/by-document/<id>.csv`."""
    return f"data/{name}/{folder}/{key}.{extension}"


def api_path(kind: str, key: str | None = None) -> str:
    """`api/v1/documents.json`, or one object: `api/v1/documents/<id>.json`."""
    return f"api/v1/{kind}.json" if key is None else f"api/v1/{kind}/{key}.json"


class Urls:
    """URLs of one site, for one language (`lang`, default the first)."""

    def __init__(self, config, lang: str | None = None, absolute: bool = False):
        self._config, self._absolute = config, absolute
        self.languages: list[str] = list(config.languages)
        self.lang = lang or self.languages[0]

    def at(self, lang: str) -> "Urls":
        """The same URLs for pages in `lang`."""
        return Urls(self._config, lang, self._absolute)

    def prefix(self, lang: str | None = None) -> str:
        """'' for the first language, `en/` for English when Vietnamese is first."""
        lang = lang or self.lang
        return "" if lang == self.languages[0] else f"{lang}/"

    def site(self, path: str = "") -> str:
        """A path of the site, in no language (data, API, assets)."""
        if self._absolute:
            return self._config.absolute_url(path) or self._config.base_path + path
        return self._config.base_path + path

    def public(self, path: str = "") -> str | None:
        """The absolute URL of a site path, or None when the site's public URL is not configured."""
        return self._config.absolute_url(path)

    def public_page(self, path: str = "", lang: str | None = None) -> str | None:
        """The absolute URL of a page in `lang`, or None when the public URL is not configured."""
        return self.public(self.prefix(lang) + path)

    def page(self, path: str = "", lang: str | None = None) -> str:
        """A page in `lang` (default this one's): `/en/documents/x/`."""
        return self.site(self.prefix(lang) + path)

    def file(self, path: str, lang: str | None = None) -> str:
        """The file a page is written to: `documents/x/index.html`, `en/documents/x/index.html`."""
        return self.prefix(lang) + (path if path.endswith(".html") else path + "index.html")

    def document(self, key: str, lang: str | None = None) -> str:
        return self.page(document_path(key), lang)

    def place(self, key: str, lang: str | None = None) -> str:
        return self.page(place_path(key), lang)

    def indicator(self, key: str, lang: str | None = None) -> str:
        return self.page(indicator_path(key), lang)

    def legal(self, key: str, lang: str | None = None) -> str:
        return self.page(legal_path(key), lang)

    def topic(self, key: str | None = None, lang: str | None = None) -> str:
        return self.page(topic_path(key), lang)

    def compare(self, area: str, lang: str | None = None) -> str:
        return self.page(compare_path(area), lang)

    def targets(self, place: str | None = None, year: int | str | None = None, area: str | None = None) -> str:
        """The explorer narrowed to an area or a year; a place's targets are on its page
        (`targets/place/<id>/` moved there, issue 22: its old address only redirects)."""
        if place is not None:
            return self.place(place) + "#targets"
        return self.page(targets_path(None, year, area))

    def dataset(self, name: str = DATASET, lang: str | None = None) -> str:
        return self.page(dataset_path(name), lang)

    def download(self, folder: str, key: str, extension: str, name: str = DATASET) -> str:
        return self.site(download_path(folder, key, extension, name))

    def api(self, kind: str, key: str | None = None) -> str:
        return self.site(api_path(kind, key))


def site_url(config, path: str) -> str:
    """Absolute URL of a site path when the site's public URL is configured, else root-relative."""
    return Urls(config, absolute=True).site(path)
