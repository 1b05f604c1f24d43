"""axe-core finds no accessibility violation on any page type, in either language.

The pages come from the one list of page types (generator/pages/registry.PAGE_TYPES): the
project is built once with each type's specs recorded, and the first page of each template
of each type is checked, so a page type added to the registry is checked without a word
here. The search page is checked with results on it. axe-core is vendored (tests/vendor).
The project is the small one (two documents and their rows): the templates are the site's,
and axe takes seconds on its pages rather than minutes on the whole corpus's.
"""

from __future__ import annotations

import dataclasses
import threading
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.pages import registry
from tests.conftest import SMALL, Quiet, run
from tests.support import make_project

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
SEARCH = "?q=thanh+toan+truc+tuyen"  # the search page is checked with its results shown


def _recording(specs, seen: dict):
    def record(site):
        for spec in specs(site):
            seen.setdefault(spec.template, spec)
            yield spec
    return record


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """(base URL, {template: first spec of it}, the site's folder) of the project built with every page type's specs recorded."""
    root = make_project(tmp_path_factory.mktemp("axe") / "project", SMALL)  # small pages, the same templates
    seen: dict = {}
    recorded = [dataclasses.replace(page_type, specs=_recording(page_type.specs, seen))
                for page_type in registry.PAGE_TYPES]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(registry, "PAGE_TYPES", recorded)
        result = run(root, "--quiet", "--jobs", "1")
    assert result.exit_code == 0, result.output
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root / "_site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen, root / "_site"
    server.shutdown()


def addresses(seen: dict) -> list[tuple[str, str]]:
    """(template, address) of every page to check: each template's first page in each of its languages."""
    out = []
    for template, spec in sorted(seen.items()):
        for lang in spec.languages or ("vi", "en"):
            path = "/" + ("" if lang == "vi" else "en/") + spec.path
            out.append((f"{template} {lang}", path + (SEARCH if template == "search.html" else "")))
    return out


def served(folder: Path, address: str) -> Path:
    """The file the local server answers `address` with."""
    path = folder / address.split("?")[0].lstrip("/")
    return path if path.suffix == ".html" else path / "index.html"


def test_every_page_type_is_checked(pages):
    _, seen, _ = pages
    # the templates of the page types the site has today (a new one is checked without being listed)
    assert {"home.html", "documents.html", "document.html", "places.html", "place.html", "indicators.html",
            "indicator.html", "areas.html", "targets.html", "compare.html", "legal.html", "legal_document.html",
            "datasets.html", "dataset.html", "topics.html", "topic.html", "search.html", "page.html"} <= set(seen)


def test_axe_finds_no_violation_on_any_page_type(browser, pages):
    base, seen, folder = pages
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})  # axe is injected inline
    problems = {}
    for name, address in addresses(seen):
        page = context.new_page()
        page.goto(base + address, wait_until="load")
        if 'http-equiv="refresh"' in served(folder, address).read_text(encoding="utf-8"):
            page.wait_for_url(lambda url: url != base + address, wait_until="load")  # a moved page: check where it sends the reader
        if SEARCH in address:
            page.wait_for_selector(".search-result")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # folded parts too
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        if found:
            problems[f"{name} {address}"] = found
        page.close()
    context.close()
    assert problems == {}
