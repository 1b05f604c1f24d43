"""Output security, random input (Hypothesis), and `serve` keeping the last good build."""

from __future__ import annotations

import re
import threading
import urllib.request
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from generator.build import build
from generator.errors import BuildError
from generator.markup import render_markdown
from generator.server import Handler, State, rebuild
from tests.conftest import copy_project, run

DOC = "content/documents/long-phu-53-2022.md"


def test_pages_forbid_other_hosts(site):
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "Content-Security-Policy" in html and "default-src 'self'" in html, page
        assert "fonts.googleapis" not in html
        # the only scripts are the site's own files (explorer.js), never another host's
        assert all(src.startswith("/static/") for src in re.findall(r'<script[^>]* src="([^"]*)"', html)), page


def test_user_text_is_escaped(project):
    path = project / "datasets/cchc/places.csv"
    path.write_text(path.read_text("utf-8").replace("Long Phu district", "Long Phu <b>district</b>"), "utf-8")
    assert run(project, "--quiet").exit_code == 0
    html = (project / "_site/en/places/long-phu/index.html").read_text("utf-8")
    assert "Long Phu &lt;b&gt;district&lt;/b&gt;" in html and "<b>district" not in html


def test_external_links_get_noopener_and_html_is_sanitised():
    html = render_markdown('[nguồn](https://example.org/x) <span onclick="x">a</span>\n').html
    assert 'rel="noopener noreferrer"' in html and "onclick" not in html


FIELD_VALUES = st.one_of(st.none(), st.integers(-5, 3000), st.text(max_size=12),
                         st.sampled_from(["2022-02-30", "2021-09-08", "plan", "../x", "null", "[", "{a: b"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(["id", "number", "type", "date", "period_start", "period_end", "place",
                            "title", "references", "zzz"]), value=FIELD_VALUES)
def test_random_front_matter_gives_a_build_or_a_report(tmp_path_factory, key, value):
    root = _scratch(tmp_path_factory)
    path = root / DOC
    lines = path.read_text("utf-8").split("\n")
    lines = [line for line in lines if not line.startswith(f"{key}:")]
    lines.insert(1, f"{key}: {value if value is not None else ''}")
    path.write_text("\n".join(lines), "utf-8")
    _build_or_report(root)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=80),
       resource=st.sampled_from(["targets", "results", "places", "areas", "indicators", "assignments"]))
def test_random_csv_rows_give_a_build_or_a_report(tmp_path_factory, line, resource):
    root = _scratch(tmp_path_factory)
    path = root / f"datasets/cchc/{resource}.csv"
    path.write_text(path.read_text("utf-8") + line + "\n", "utf-8")
    _build_or_report(root)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_random_bytes_as_a_csv_give_a_report(tmp_path_factory, data):
    root = _scratch(tmp_path_factory)
    (root / "datasets/cchc/areas.csv").write_bytes(data)
    _build_or_report(root)




def _scratch(factory) -> Path:
    """A fresh copy of the project's inputs (copying is cheap; building is what we test)."""
    return copy_project(factory.mktemp("fuzz") / "p")


def _build_or_report(root: Path) -> None:
    try:
        build(root, write=False)
    except BuildError as exc:
        assert exc.report.errors, "a failed build must say why"
        for problem in exc.report.errors:
            assert problem.file and problem.message


def test_serve_keeps_the_last_good_build_and_shows_the_errors(tmp_path):
    root = copy_project(tmp_path / "p")
    output = tmp_path / "serve"
    state = State()
    rebuild(root, output, False, state)
    assert state.problems == ""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(type("H", (Handler,), {"state": state}),
                                                            directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/about/"
    try:
        good = urllib.request.urlopen(url).read().decode()
        assert "build-errors" not in good
        path = root / DOC
        path.write_text(path.read_text("utf-8").replace("date: 2022-05-31", "date: 2022-02-30"), "utf-8")
        rebuild(root, output, False, state)
        shown = urllib.request.urlopen(url).read().decode()
        assert 'class="build-errors"' in shown and "2022-02-30" in shown
        assert good.split("<body>", 1)[1] in shown  # the last good page is still there, under the errors
    finally:
        server.shutdown()
