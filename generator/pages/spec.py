"""What a page is, before it is rendered: `PageSpec` and `Lazy`. A leaf module: it imports
nothing of the project, so every page module, the engine and the cache can use it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass(frozen=True)
class Lazy:
    """A page value computed where the page renders (in a worker): `function(catalogue, *args)`."""

    function: Callable
    args: tuple = ()


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
