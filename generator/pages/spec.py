"""What a page is, before it is rendered: `PageSpec` and `Lazy`. A leaf module: it imports
nothing of the project, so every page module, the engine and the cache can use it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator


@dataclass(frozen=True)
class Lazy:
    """A page value computed where the page renders (in a worker): `function(catalogue, *args)`."""

    function: Callable
    args: tuple = ()

    def fingerprint(self) -> tuple:
        """What identifies it for page reuse: the function by name (its code is in the code hash), the arguments."""
        return (f"{self.function.__module__}.{self.function.__qualname__}", self.args)


@dataclass(frozen=True)
class PageSpec:
    """One page to render: its template, language-neutral path and what it shows.

    `values` are the same in every language; a `Lazy(function, args)` value is computed
    where the page is rendered, as `function(catalogue, *args)` (a document's marked
    text: cheap to list, costly to compute). `languages` limits a page that exists in
    one language only (plain pages).
    """

    template: str
    path: str
    source: str = "build"
    values: dict[str, Any] = field(default_factory=dict)
    languages: tuple[str, ...] | None = None


@dataclass(frozen=True)
class OwnRows:
    """What a page type's pages offer of their own rows: files at `data/cchc/<folder>/<id>.<format>`
    and an API object at `api/v1/<collection>/<id>.json` (with its `parts`)."""

    folder: str  # by-document
    collection: str  # the catalogue's collection and the API's kind: documents
    single: str  # the API object's key: document
    parts: tuple[str, ...]  # the row kinds it lists: targets, results, assignments
    rows: Callable[[Any, str], tuple[list, ...]]  # (catalogue, id) → its rows of each part, in the page's order


@dataclass(frozen=True)
class SearchEntry:
    """A page the search index holds: its path, and which search-page writer writes it for
    which object (`collection[key]` of the catalogue; the whole `collection` when key is None)."""

    path: str
    writer: str  # document | indicator | place | dataset
    collection: str
    key: str | None


@dataclass(frozen=True)
class PageType:
    """One kind of page: its specs, the search entries it adds, and its own rows (if any).

    `specs(site)` yields the type's PageSpecs (site: render.Site: catalogue, config, downloads);
    `search(catalogue)` yields its SearchEntry items; `nav`: the `navigation` item (site.yaml)
    that links it, if any."""

    name: str
    specs: Callable[[Any], Iterator[PageSpec]]
    search: Callable[[Any], Iterator[SearchEntry]] | None = None
    own_rows: OwnRows | None = None
    nav: str | None = None
