"""Output security, random input (Hypothesis), and `serve` keeping the last good build."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import threading
import urllib.request
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings, strategies as st

from generator.build import build
from generator.errors import BuildError
from generator.markup import render_markdown
from generator.server import Handler, State, rebuild
from tests.conftest import run, snapshot
from tests.support import make_project

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


# Each example builds a project (seconds): 20 a property in the suite; failures found are kept
# in Hypothesis's example database and tried first on the next run.
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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
    """A fresh small project (tests/support.py: long-phu-53-2022 and its rows; building is what we test)."""
    return make_project(factory.mktemp("fuzz") / "p")


def _build_or_report(root: Path) -> None:
    try:
        build(root, write=False, jobs=1)
    except BuildError as exc:
        assert exc.report.errors, "a failed build must say why"
        for problem in exc.report.errors:
            assert problem.file and problem.message


def test_serve_keeps_the_last_good_build_and_shows_the_errors(tmp_path):
    root = make_project(tmp_path / "p")  # long-phu-53-2022 (DOC) and its rows
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


# --- randomly broken copies of a small project ---------------------------------------------------
# Two documents and their rows (a few seconds a build), broken the ways a contributor's change could
# break them: never a traceback, never a changed _site after a failed build, never a file from
# outside the project published (or quoted in the report).

KEEP = ("ca-mau-cchc-2023", "soc-trang-ket-qua-2022-2023")
CSVS = [f"datasets/cchc/{name}.csv" for name in ("targets", "results", "assignments", "places", "indicators",
                                                 "areas", "legal_documents")]
FILES = ["site.yaml", "datasets/cchc/datapackage.yaml", "content/pages/about.md", "templates/documents.html",
         *[f"content/documents/{name}.md" for name in KEEP], *CSVS]
SECRET = "BÍ-MẬT-NGOÀI-DỰ-ÁN"
LINKS = ["content/documents/ngoai.md", "datasets/cchc/areas.csv", "templates/static/ngoai.css", "content/pages/ngoai"]


@pytest.fixture(scope="session")
def small_project(tmp_path_factory) -> Path:
    """Two documents and the rows citing them (tests/support.py), built once (its _site is the
    last good build)."""
    root = make_project(tmp_path_factory.mktemp("small") / "project", KEEP)
    result = run(root, "--quiet", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    return root


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


def _outside(folder: Path, name: str, like: Path) -> Path:
    """A file outside the project: a copy of `like` (so that it would pass) carrying the secret."""
    folder.mkdir(exist_ok=True)
    target = folder / name
    if like.suffix == ".csv":
        target.write_text(like.read_text("utf-8").rstrip("\n").replace("the-che", SECRET.lower(), 1) + "\n", "utf-8")
    elif like.suffix == ".md":
        target.write_text(like.read_text("utf-8").replace("id: ca-mau-cchc-2023", "id: ngoai") + f"\n{SECRET}\n",
                          "utf-8")
    else:
        target.write_text(f"/* {SECRET} */\n", "utf-8")
    return target


def _break(root: Path, outside: Path, mutation: tuple) -> None:
    kind, name, *numbers = mutation
    if kind == "link":
        link = root / name
        if name == "content/pages/ngoai":
            (outside / "pages").mkdir(parents=True, exist_ok=True)
            _outside(outside / "pages", "ngoai.md", root / "content/pages/about.md")
            link.symlink_to(outside / "pages", target_is_directory=True)
            return
        source = root / "content/documents/ca-mau-cchc-2023.md" if name.endswith(".md") else link
        target = _outside(outside, link.name, source if source.exists() else root / "site.yaml")
        if link.exists() or link.is_symlink():
            link.unlink()
        link.symlink_to(target)
        return
    path = root / name
    if not path.is_file():
        return  # an earlier mutation renamed it
    if kind == "flip":
        data = bytearray(path.read_bytes())
        if data:
            data[numbers[0] % len(data)] ^= numbers[1]
            path.write_bytes(bytes(data))
    elif kind == "rename":
        path.rename(path.with_name(path.name + numbers[0]))
    else:
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
        if len(rows) < 2:
            return
        i = 1 + numbers[0] % (len(rows) - 1)
        if kind == "drop":
            del rows[i]
        else:  # swap two cells of a row
            a, b = numbers[1] % len(rows[i]), numbers[2] % len(rows[i])
            rows[i][a], rows[i][b] = rows[i][b], rows[i][a]
        _write_rows(path, rows)


MUTATIONS = st.one_of(
    st.tuples(st.just("flip"), st.sampled_from(FILES), st.integers(0, 10 ** 6), st.integers(1, 255)),
    st.tuples(st.just("drop"), st.sampled_from(CSVS), st.integers(0, 10 ** 6)),
    st.tuples(st.just("swap"), st.sampled_from(CSVS), st.integers(0, 10 ** 6), st.integers(0, 30), st.integers(0, 30)),
    st.tuples(st.just("rename"), st.sampled_from(FILES),
              st.sampled_from([".bak", "x", ".md"])),
    st.tuples(st.just("link"), st.sampled_from(LINKS)),
)


@settings(max_examples=8, derandomize=True, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # cheap: no shrinking
@given(mutations=st.lists(MUTATIONS, min_size=1, max_size=3))
@example(mutations=[("link", "content/documents/ngoai.md")])  # each kind of planted link, whatever is drawn
@example(mutations=[("link", "datasets/cchc/areas.csv")])
@example(mutations=[("link", "templates/static/ngoai.css"), ("link", "content/pages/ngoai")])
def test_a_broken_project_never_gives_a_traceback_a_changed_site_or_an_outside_file(
        small_project, tmp_path_factory, mutations):
    work = tmp_path_factory.mktemp("broken")
    root = work / "project"
    shutil.copytree(small_project, root, symlinks=True)
    before = snapshot(root / "_site")
    for mutation in mutations:
        _break(root, work / "outside", mutation)
    result = run(root, "--quiet", "--jobs", "1")  # an exception would propagate: a traceback fails the test
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        assert snapshot(root / "_site") == before
        assert result.stderr.splitlines()[-1].split(" ")[0] != "0" or "--strict" in result.stderr
    assert SECRET not in result.stderr and SECRET.lower() not in result.stderr
    for path in (root / "_site").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data and SECRET.lower().encode() not in data, path
        assert not path.is_symlink() or os.path.realpath(path).startswith(str(root.resolve())), path
