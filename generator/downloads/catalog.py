"""Open-data catalogues: DCAT-AP (JSON-LD, `data/catalog.jsonld`), schema.org `Dataset`
(JSON-LD on the dataset page) and Atom feeds of the documents (`feed.xml`, `en/feed.xml`).

Dates come from the data release (`created` in datapackage.yaml), never the clock. Every
URL is absolute when the site's public URL is configured, root-relative otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from ..config import Config
from ..model import Catalogue
from ..numerals import readable_size
from .formats import formats
from ..pages.urls import Urls
from .tables import site_url

FEED_SIZE = 100  # the newest documents; the API lists them all


@dataclass(frozen=True)
class File:
    """One published download, as the dataset page and the catalogues list it."""

    path: str  # site path, e.g. data/cchc/targets.csv
    format: str  # csv, json, xlsx, parquet, sqlite, zip
    bytes: int
    rows: int | None = None
    resource: str | None = None  # the table it holds, if one
    title: str = ""

    @property
    def size(self) -> tuple[Decimal, str]:
        """The size as people read it: (number, unit), e.g. (Decimal("12.3"), "kB")."""
        return readable_size(self.bytes)

    @property
    def media_type(self) -> str:
        known = formats().get(self.format)
        return known.media_type if known else "application/octet-stream"

    @property
    def format_name(self) -> str:
        known = formats().get(self.format)
        return known.title if known else self.format.upper()


def dcat(config: Config, package: dict, files: list[File], name: str) -> dict:
    """The DCAT-AP catalogue: one dcat:Dataset with a dcat:Distribution per file and format."""
    created = {"@value": package["created"], "@type": "xsd:date"}
    licence = {"@id": config.licence["url"]}
    publisher = {"@type": "foaf:Agent", "foaf:name": config.publisher}
    return {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/", "xsd": "http://www.w3.org/2001/XMLSchema#",
                     "adms": "http://www.w3.org/ns/adms#"},
        "@id": site_url(config, "data/catalog.jsonld"), "@type": "dcat:Catalog",
        "dct:title": config.title.get("en", ""), "dct:description": config.description.get("en", ""),
        "dct:publisher": publisher, "dct:license": licence,
        "foaf:homepage": {"@id": site_url(config, "")}, "dct:modified": created,
        "dcat:dataset": [{
            "@id": site_url(config, f"datasets/{name}/"), "@type": "dcat:Dataset",
            "dct:identifier": name, "dct:title": package.get("title", name),
            "dct:description": package.get("description", ""),
            "dct:issued": created, "dct:modified": created, "adms:version": package["version"],
            "dcat:version": package["version"],
            "dct:publisher": publisher, "dct:license": licence, "dct:language": [
                {"@id": "http://publications.europa.eu/resource/authority/language/VIE"},
                {"@id": "http://publications.europa.eu/resource/authority/language/ENG"}],
            "dcat:landingPage": {"@id": site_url(config, f"datasets/{name}/")},
            "dcat:distribution": [{
                "@id": site_url(config, f.path) + "#distribution", "@type": "dcat:Distribution",
                "dct:title": f.title, "dct:format": f.format_name,
                "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{f.media_type}"},
                "dcat:downloadURL": {"@id": site_url(config, f.path)},
                "dcat:accessURL": {"@id": site_url(config, f.path)},
                "dcat:byteSize": {"@value": str(f.bytes), "@type": "xsd:nonNegativeInteger"},
                "dct:license": licence, "dct:issued": created, "dct:modified": created,
            } for f in files],
        }],
    }


def schema_org(config: Config, package: dict, files: list[File], name: str, lang: str) -> dict:
    """schema.org `Dataset` for the dataset page, with every distribution."""
    return {
        "@context": "https://schema.org", "@type": "Dataset",
        "name": package.get("title", name), "description": package.get("description", ""),
        "url": Urls(config, absolute=True).dataset(name, lang),
        "identifier": name, "version": package["version"],
        "datePublished": package["created"], "dateModified": package["created"],
        "license": config.licence["url"], "inLanguage": lang, "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": config.publisher},
        "publisher": {"@type": "Organization", "name": config.publisher},
        "includedInDataCatalog": {"@type": "DataCatalog", "url": site_url(config, "data/catalog.jsonld")},
        "distribution": [{"@type": "DataDownload", "name": f.title, "encodingFormat": f.media_type,
                          "contentUrl": site_url(config, f.path), "contentSize": f"{f.bytes} B"}
                         for f in files],
    }


def atom_feed(catalogue: Catalogue, config: Config, created: str, lang: str) -> str:
    """An Atom feed of the newest documents in `lang`; updated is the data release date."""
    urls = Urls(config, lang, absolute=True)
    prefix = urls.prefix()
    stamp = f"{created}T00:00:00Z"
    documents = sorted(catalogue.documents.values(), key=lambda d: (d.date is not None, d.date, d.id), reverse=True)
    english = lang == "en"
    entries = []
    for document in documents[:FEED_SIZE]:
        link = urls.document(document.id)
        published = f"<published>{document.date.isoformat()}T00:00:00Z</published>" if document.date else ""
        title = document.title_en if english else document.title
        note = document.source_note_en if english else document.source_note
        entries.append(f"<entry><id>tag:cchc,{document.date or created}:documents/{document.id}</id>"
                       f"<title>{escape(title)}</title><link href={quoteattr(link)}/>{published}"
                       f"<updated>{stamp}</updated><summary>{escape(note)}</summary></entry>\n")
    self_url = urls.page("feed.xml")
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">\n'
            f"<id>tag:cchc,{created}:{prefix}feed</id><title>{escape(config.title[lang])}</title>"
            f"<subtitle>{escape(config.description[lang])}</subtitle>"
            f"<link rel=\"self\" href={quoteattr(self_url)}/><link href={quoteattr(urls.page())}/>"
            f"<updated>{stamp}</updated><author><name>{escape(config.publisher)}</name></author>\n"
            + "".join(entries) + "</feed>\n")
