"""Incremental and parallel builds: byte-identical to a clean one-process build, always.

Each test changes one kind of input in a scratch copy of the built project (whose
`.cache/` is warm), rebuilds incrementally into `_site/`, builds the same tree again
with `--no-cache --jobs 1` elsewhere, and compares every byte.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.config import load_config
from generator.errors import Report
from generator.incremental import pagestore
from generator.incremental.deps import Resolver, Tracked
from generator.pages import home
from generator.render import Site
from generator import parallel, search, writer
from generator.writer import Writer
from generator.search import part_of
from generator.markup import Mark, place_marks, render_markdown
from tests.conftest import copy_built, digest, run
from tests.corpus.test_second_edition import cat  # noqa: F401 (a fixture)

DOC = "content/documents/long-phu-53-2022.md"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def set_cell(root: Path, rel: str, row_id: str, field: str, value: str) -> None:
    path = root / rel
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    at_id, at_field = rows[0].index("id"), rows[0].index(field)
    [row] = [row for row in rows[1:] if row and row[at_id] == row_id]
    row[at_field] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


def rebuild(root: Path, *args: str) -> tuple[int, int]:
    """Build into _site with the cache, in two processes (what a maintainer's machine does);
    (pages rendered, pages in total)."""
    result = run(root, "--jobs", "2", *args)
    assert result.exit_code == 0, result.stderr
    match = re.search(r"built (\d+) pages.*\((\d+) pages rendered, (\d+) unchanged\)", result.stderr)
    assert match, result.stderr
    return int(match.group(2)), int(match.group(1))


def assert_same_as_clean(root: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    result = run(root, "--quiet", "--no-cache", "--jobs", "1", "--output", str(clean))
    assert result.exit_code == 0, result.stderr
    assert digest(root / "_site") == digest(clean)


def check_change(project: Path, tmp_path: Path, change) -> tuple[int, int]:
    """Apply `change`, rebuild incrementally, compare with a clean build; (rendered, total)."""
    before = digest(project / "_site")
    change(project)
    rendered, total = rebuild(project)
    assert digest(project / "_site") != before, "the change must show somewhere"
    assert_same_as_clean(project, tmp_path)
    return rendered, total


@pytest.fixture
def project(small):
    """The rules of incremental builds hold for any project: a small built one (tests/support.py)."""
    return small


@pytest.fixture
def tampered(built_small, tmp_path):
    """The small built project, its outputs copied rather than linked: the test edits them in place."""
    return copy_built(built_small, tmp_path, linked=False)


def test_rebuild_with_nothing_changed_renders_nothing(project, tmp_path):
    before = digest(project / "_site")
    rendered, total = rebuild(project)
    assert (rendered, total > 100) == (0, True)
    assert digest(project / "_site") == before
    assert_same_as_clean(project, tmp_path)


def test_the_page_index_written_in_slices_reads_back_whole(project, monkeypatch):
    """The index of rendered pages is pickled a slice of lookups at a time (Cache.dump): read
    back, every page is found again with every lookup it made."""
    monkeypatch.setattr(pagestore, "SLICE", 7)
    set_cell(project, "datasets/cchc/places.csv", "long-phu", "name_en", "Long Phu district (sliced)")
    first, total = rebuild(project)
    set_cell(project, "datasets/cchc/places.csv", "long-phu", "name_en", "Long Phu district (sliced again)")
    again, _ = rebuild(project)  # every stored page's lookups asked again, through the index read back
    assert 0 < again == first < total


def test_unchanged_inputs_ask_no_lookup_again(project, monkeypatch):
    """Every text and table as the last build read them: every page is reused without asking
    the catalogue one lookup (it would answer as before); a changed cell asks them again."""
    asked = []
    resolve = Resolver._resolve
    monkeypatch.setattr(Resolver, "_resolve", lambda self, dep: asked.append(dep) or resolve(self, dep))
    assert rebuild(project)[0] == 0
    assert asked == []
    set_cell(project, "datasets/cchc/places.csv", "long-phu", "name_en", "Long Phu district (renamed)")
    rendered, total = rebuild(project)
    assert asked and 0 < rendered < total


def test_a_new_process_reuses_every_page(project):
    # what a maintainer does: two runs of build.py; a value whose fingerprint depends on the
    # process (a function's address, a set's order) would make every such page render again
    root = Path(__file__).resolve().parent.parent
    command = [sys.executable, str(root / "build.py"), "--root", str(project)]
    for _ in range(2):
        done = subprocess.run(command, capture_output=True, text=True, env={"PATH": "", "PYTHONHASHSEED": "random"})
        assert done.returncode == 0, done.stderr
    assert re.search(r"\(0 pages rendered, \d+ unchanged\)", done.stderr), done.stderr


def test_cold_build_renders_every_page(project):
    rendered, total = rebuild(project, "--no-cache")
    assert rendered == total


def test_document_edited(project, tmp_path):
    rendered, total = check_change(project, tmp_path, lambda root: edit(
        root, DOC, "\nKẾ HOẠCH\n", "\nKẾ HOẠCH\n\nMột đoạn mới được thêm vào văn bản.\n"))
    # its page in both languages, and no other: the pages that list the document (a figure's
    # citation names it, a place's page lists it) read its front matter, not its text
    assert rendered == 2


def test_document_front_matter_edited(project, tmp_path):
    check_change(project, tmp_path, lambda root: edit(root, DOC, 'signer: "', 'signer: "Ông '))


def test_document_added_then_deleted(project, tmp_path):
    copy = "content/documents/long-phu-copy.md"

    def add(root: Path) -> None:
        text = (root / DOC).read_text("utf-8").replace("id: long-phu-53-2022", "id: long-phu-copy", 1)
        (root / copy).write_text(text, "utf-8")

    check_change(project, tmp_path, add)
    assert (project / "_site/documents/long-phu-copy/index.html").is_file()
    shutil.rmtree(tmp_path / "clean")
    check_change(project, tmp_path, lambda root: (root / copy).unlink())
    assert not (project / "_site/documents/long-phu-copy").exists()


def test_documents_read_by_worker_processes_are_kept_under_their_own_files(project, tmp_path, monkeypatch):
    """Documents the cache has not seen are read by the build's worker processes and stored by
    its own, each under its own file's key: a later build takes each from the cache as its own.
    One edited document is read in the build's own process (not worth forking for)."""
    copies = [f"content/documents/long-phu-copy-{n}.md" for n in "abc"]
    forked = []  # for each build: whether its document readers were started
    leave = parallel.LazyPool.__exit__

    def spied(pool, *exc):
        if pool.stage == "content":  # the other stages' fork_map pools are not the readers
            forked.append(pool._pool is not None)
        return leave(pool, *exc)
    monkeypatch.setattr(parallel.LazyPool, "__exit__", spied)

    def add(root: Path) -> None:
        text = (root / DOC).read_text("utf-8")
        for n, copy in zip("abc", copies):
            (root / copy).write_text(text.replace("id: long-phu-53-2022", f"id: long-phu-copy-{n}", 1)
                                     .replace("\nKẾ HOẠCH\n", f"\nKẾ HOẠCH\n\nBản sao {n}.\n", 1), "utf-8")

    add(project)
    rebuild(project)  # each copy read by a worker, and stored
    check_change(project, tmp_path, lambda root: edit(root, copies[0], "Bản sao a.", "Bản sao a, sửa lại."))
    assert forked == [True, False, False]  # three new documents; one edited; the clean build's one process


def test_place_name_edited(project, tmp_path):
    rendered, total = check_change(project, tmp_path, lambda root: set_cell(
        root, "datasets/cchc/places.csv", "long-phu", "name_en", "Long Phu district (renamed)"))
    assert rendered < total


def test_indicator_name_edited(project, tmp_path):
    check_change(project, tmp_path, lambda root: set_cell(
        root, "datasets/cchc/indicators.csv", "vbqppl-ban-hanh-dung-quy-dinh", "name_vi",
        "Tỷ lệ văn bản quy phạm pháp luật được ban hành đúng quy định"))


def test_result_value_edited(project, tmp_path):
    path = project / "datasets/cchc/results.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    row = next(r for r in rows if r["unit"] == "count" and r["indicator"])
    check_change(project, tmp_path, lambda root: set_cell(
        root, "datasets/cchc/results.csv", row["id"], "note", "Ghi chú mới"))


def test_a_note_edited_rewrites_only_the_downloads_that_hold_it(project, tmp_path):
    """A download whose inputs are those of the last build is linked from it (downloads/kept.py):
    one target's note rewrites its two tables in every format, the files of the pages that list
    it, the database and the zip, and the small files made every build; nothing else."""
    def files() -> dict[str, int]:
        site = project / "_site"
        return {path.relative_to(site).as_posix(): path.stat().st_ino
                for folder in ("data", "api") for path in (site / folder).rglob("*") if path.is_file()}
    before = files()
    check_change(project, tmp_path, lambda root: set_cell(
        root, "datasets/cchc/targets.csv", "long-phu-53-2022-t01", "note", "Ghi chú mới."))
    after = files()
    assert after.keys() == before.keys()
    pages = {("by-document", "documents", "long-phu-53-2022"), ("by-place", "places", "long-phu"),
             ("by-indicator", "indicators", "vbqppl-ban-hanh-dung-quy-dinh")}
    assert {path for path in after if after[path] != before[path]} == {
        *(f"data/cchc/{table}.{fmt}" for table in ("targets", "targets-flat") for fmt in ("csv", "json", "xlsx", "parquet")),
        *(f"data/cchc/{folder}/{key}.csv" for folder, _, key in pages),
        *(f"api/v1/{kind}/{key}.json" for _, kind, key in pages),
        "data/cchc.sqlite", "data/cchc.zip", "data/cchc/datapackage.json", "data/cchc.metadata.json",
        "data/catalog.jsonld", "api/v1/documents.json", "api/v1/places.json", "api/v1/indicators.json"}


def test_the_home_page_reads_its_numbers_from_one_lookup(built_project, cat, tmp_path):  # noqa: F811
    """The home page's numbers are one lookup (`totals`), not a read of every target and its
    progress: at 10,000 documents those 200,000 lookups were a render process's largest
    allocation, and any figure edited rendered the home page again."""
    report = Report()
    site = Site(load_config(built_project, report), cat, Writer(tmp_path, report), report)
    [spec] = home.specs(site)
    for lang in ("vi", "en"):
        deps: set = set()
        site.render(spec.template, spec.path, lang, spec.values, Tracked(cat, deps))
        calls = {dep[1] for dep in deps if dep[0] == "call"}
        whole = {dep[1] for dep in deps if dep[0] == "attr"}  # a collection read whole (iterated, counted)
        assert "totals" in calls and "progress_of" not in calls
        assert not whole & {"targets", "results", "assignments", "places", "documents"}, whole


def test_template_edited(project, tmp_path):
    rendered, total = check_change(project, tmp_path, lambda root: edit(
        root, "templates/base.html", "</body>", "<!-- changed -->\n</body>"))
    assert rendered == total


def test_translation_edited(project, tmp_path):
    check_change(project, tmp_path, lambda root: edit(
        root, "templates/locale/vi/LC_MESSAGES/messages.po",
        'msgid "Documents"\nmsgstr "Văn bản"', 'msgid "Documents"\nmsgstr "Các văn bản"'))


def test_site_settings_edited(project, tmp_path):
    check_change(project, tmp_path, lambda root: edit(
        root, "site.yaml", "vi: Cam kết cải cách hành chính", "vi: Cam kết cải cách hành chính địa phương"))


def test_parallel_build_is_identical_to_one_process(project, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(project, "--quiet", "--no-cache", "--jobs", "1", "--output", str(one)).exit_code == 0
    assert run(project, "--quiet", "--no-cache", "--jobs", "2", "--output", str(two)).exit_code == 0
    assert digest(one) == digest(two)
    assert len(digest(one)) > 100


def pagefind_calls(project: Path, tmp_path: Path, monkeypatch) -> Path:
    """The file each Pagefind run of the project's builds adds its input folder to."""
    from pagefind.service import get_executable

    calls = tmp_path / "pagefind-calls"
    logging = project / "logging-pagefind"
    logging.write_text(f'#!/bin/sh\necho "$2" >> {calls}\nexec {get_executable()} "$@"\n', "utf-8")
    logging.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(logging))
    return calls


def test_an_edit_re_indexes_only_its_part_of_the_search_index(built_project, tmp_path, monkeypatch):
    """With the index in three parts, an edited document's search pages are the only ones
    written again, and it is indexed again (in each language) in its own part only; the
    others come from .cache/, and the site equals a clean build."""
    project = copy_built(built_project, tmp_path)  # the real corpus: five documents make three parts
    calls = pagefind_calls(project, tmp_path, monkeypatch)
    edit(project, "site.yaml", "output: _site", "output: _site\nsearch_part_size: 2")
    rebuild(project)
    assert len(calls.read_text("utf-8").split()) == 3 * 2  # three parts, two languages
    calls.unlink()
    rebuild(project)  # nothing changed: the search stage is skipped, and its store kept as it is
    assert not calls.exists()
    stored = {p.name for p in project.glob(".cache/search-pages/*/*")}
    edit(project, DOC, "\nKẾ HOẠCH\n", "\nKẾ HOẠCH\n\nMột đoạn mới được thêm vào văn bản.\n")
    rebuild(project)
    written = {p.name for p in project.glob(".cache/search-pages/*/*")} - stored
    assert len(written) == 2  # the document's search page in each language
    part = part_of("documents/long-phu-53-2022/", 3)
    runs = sorted(Path(folder).parts[-2:] for folder in calls.read_text("utf-8").split())
    assert runs == [(str(part), "en"), (str(part), "vi")]
    assert_same_as_clean(project, tmp_path)


def test_a_figure_edited_re_indexes_only_the_parts_whose_search_pages_changed(built_project, tmp_path, monkeypatch):
    """A target's note is on its document's search page only: the place's and indicator's search
    pages that read the target are written again, byte for byte the same, so their parts are
    not indexed again; only the document's part is (in each language)."""
    project = copy_built(built_project, tmp_path)
    calls = pagefind_calls(project, tmp_path, monkeypatch)
    edit(project, "site.yaml", "output: _site", "output: _site\nsearch_part_size: 2")
    rebuild(project)
    calls.unlink()
    set_cell(project, "datasets/cchc/targets.csv", "long-phu-53-2022-t01", "note", "Một ghi chú mới của người biên tập.")
    rebuild(project)
    part = part_of("documents/long-phu-53-2022/", 3)
    runs = sorted(Path(folder).parts[-2:] for folder in calls.read_text("utf-8").split())
    assert runs == [(str(part), "en"), (str(part), "vi")]
    assert_same_as_clean(project, tmp_path)


def test_a_part_s_search_pages_reach_pagefind_in_the_order_of_their_paths(project, tmp_path, monkeypatch):
    """Pagefind indexes a folder in the order the file system lists it (on tmpfs and btrfs, the
    order its files were made): a part's pages, stored and newly written alike, are put in its
    folder in the order of their paths, so a rebuild and a clean build index the same way."""
    made: list[Path] = []
    put = search._put
    monkeypatch.setattr(search, "_put", lambda source, target, move: made.append((target, move)) or put(source, target, move))
    edit(project, "site.yaml", "output: _site", "output: _site\nsearch_part_size: 1")
    rebuild(project)
    made.clear()
    edit(project, DOC, "\nKẾ HOẠCH\n", "\nKẾ HOẠCH\n\nMột đoạn mới được thêm vào văn bản.\n")
    rebuild(project)  # the document's part: its new search pages and its stored ones
    paths = [_in_part(target) for target, _move in made]
    assert {p.split("/")[0] for p in paths} == {"en", "vi"}
    assert sorted({move for _target, move in made}) == [False, True]  # stored pages and new ones
    assert paths == sorted(paths)
    assert_same_as_clean(project, tmp_path)


def _in_part(target: Path) -> str:
    """A search page's path in its part's folder (`<staging>-search/<part>/<language>/…`)."""
    parts = target.parts
    at = next(i for i, name in enumerate(parts) if name.endswith("-search"))
    return "/".join(parts[at + 2:])


def test_template_error_in_a_worker_names_template_and_line(project):
    edit(project, "templates/areas.html", "{{ loc(area, 'name') }}</a>", "{{ loc(aera, 'name') }}</a>")
    result = run(project, "--jobs", "2", "--no-cache")
    assert result.exit_code == 1
    assert "templates/areas.html:7: template error: 'aera' is undefined" in result.stderr.splitlines()


def test_a_value_error_in_a_template_is_one_line_at_its_line(project):
    edit(project, "templates/areas.html", "{{ loc(area, 'name') }}</a>",
         "{% for a, b in [(1, 2, 3)] %}{{ a }}{% endfor %}</a>")
    result = run(project, "--jobs", "2", "--no-cache")
    assert result.exit_code == 1
    assert "templates/areas.html:7: template error: too many values to unpack (expected 2)" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_downloads_and_search_index_are_reused_and_a_tampered_file_is_noticed(tampered, tmp_path):
    run(tampered, "--quiet")
    stored = sorted((tampered / ".cache/downloads").rglob("files/data/cchc/targets.csv"))
    assert len(stored) == 1 and (tampered / ".cache/search").is_dir()
    assert (tampered / "_site/data/cchc/targets.csv").stat().st_ino == stored[0].stat().st_ino  # linked, not rewritten
    stored[0].write_bytes(stored[0].read_bytes() + b"tampered")  # also what editing _site/ in place does
    result = run(tampered)
    assert result.exit_code == 0
    assert re.search(r"warning: \.cache: 1 corrupt cache entry discarded and rebuilt \(e\.g\. \.cache/downloads/", result.stderr)
    assert_same_as_clean(tampered, tmp_path)


def test_corrupt_cache_entries_give_one_warning_and_a_correct_site(tampered, tmp_path):
    entries = [p for p in (tampered / ".cache").rglob("*") if p.is_file()]
    assert len(entries) > 10
    for i, path in enumerate(entries):  # truncate some, flip a byte in the others
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if i % 2 else data[:-1] + bytes([data[-1] ^ 1]))
    result = run(tampered)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "corrupt cache" in line]
    assert len(warnings) == 1
    assert re.fullmatch(r"warning: \.cache: \d+ corrupt cache entries discarded and rebuilt \(e\.g\. \.cache/\S+\)",
                        warnings[0])
    assert_same_as_clean(tampered, tmp_path)
    assert "corrupt cache" not in run(tampered).stderr  # discarded and rewritten


def test_published_page_edited_in_place_is_not_reused(tampered, tmp_path):
    page = tampered / "_site/documents/index.html"  # its bytes are shared with the cache
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>edited by hand</p></body>"))
    rebuild(tampered)
    assert b"edited by hand" not in page.read_bytes()
    assert_same_as_clean(tampered, tmp_path)


def test_deleting_the_cache_is_safe(project, tmp_path):
    shutil.rmtree(project / ".cache")
    rendered, total = rebuild(project)
    assert rendered == total
    assert_same_as_clean(project, tmp_path)


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_leftovers_of_a_killed_build_are_removed(project):
    dead = _dead_pid()
    staging = project / f"._site.build-{dead}-abc123"
    old = project / f"._site.old-{dead}"
    temporary = project / ".cache" / "markdown" / f".tmp-{dead}-entry"
    for folder in (staging, old):
        (folder / "documents").mkdir(parents=True)
        (folder / "documents/index.html").write_text("half a page")
    temporary.write_bytes(b"half an entry")
    alive = project / "._site.build-1-running"  # PID 1 never dies: another build's, left alone
    alive.mkdir()
    assert run(project, "--quiet").exit_code == 0
    assert not staging.exists() and not old.exists() and not temporary.exists()
    assert alive.exists()


def folders(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_dir()}


def test_the_recycled_site_keeps_nothing_of_its_own(project, tmp_path):
    """A build recycles the site before last (its folders): whatever that spare holds, a
    stray file or folder, a file where a folder goes or a folder where a file goes, a link
    to a folder (never followed: what it points to stays), the new
    site is byte for byte, and folder for folder, a clean build."""
    rebuild(project)
    spare = project / "._site.spare"
    assert (spare / "index.html").is_file()  # the site before, kept
    (spare / "stray.html").write_text("left over", "utf-8")
    (spare / "documents/stray/deeper").mkdir(parents=True)
    (spare / "documents/stray/deeper/index.html").write_text("left over", "utf-8")
    shutil.rmtree(spare / "areas")
    (spare / "areas").write_text("a file where a folder goes", "utf-8")
    (spare / "404.html").unlink()
    (spare / "404.html").mkdir()
    (spare / "404.html/index.html").write_text("a folder where a file goes", "utf-8")
    (spare / "places/linked").symlink_to(project / "content", target_is_directory=True)
    edit(project, DOC, "\nKẾ HOẠCH\n", "\nKẾ HOẠCH\n\nMột đoạn mới được thêm vào văn bản.\n")
    rebuild(project)
    assert not spare.with_name("._site.build").exists() and spare.is_dir()  # the last site is the spare now
    assert_same_as_clean(project, tmp_path)
    assert folders(project / "_site") == folders(tmp_path / "clean")
    assert (project / DOC).is_file()
    rendered, total = rebuild(project)  # and the cache was never written through a recycled file
    assert rendered == 0 and digest(project / "_site") == digest(tmp_path / "clean")


def test_with_no_spare_the_site_s_folders_are_made_ahead_and_the_unused_ones_removed(project, tmp_path, monkeypatch):
    """The first build after a cold one has no spare to recycle: a forked process makes the
    current site's folders in the new one while the build goes on. A folder of the current
    site that this build does not write (a deleted document's, a stray one) is not in the new
    site, and a folder where this build writes a file is not in its way."""
    make = writer._make_folders_like
    copy = project / "content/documents/long-phu-copy.md"
    copy.write_text((project / DOC).read_text("utf-8").replace("id: long-phu-53-2022", "id: long-phu-copy", 1), "utf-8")
    rebuild(project)
    shutil.rmtree(project / "._site.spare")
    site = project / "_site"
    (site / "documents/stray/deeper").mkdir(parents=True)  # _site's files are shared (copy_built), its folders not
    (site / "sitemap.xml").unlink()
    (site / "sitemap.xml").mkdir()  # a folder where this build writes a file
    copy.unlink()
    made = []
    monkeypatch.setattr(writer, "_make_folders_like", lambda *args: made.append(args) or make(*args))
    rebuild(project)
    assert [source for source, _ in made] == [site]  # the site's folders were made ahead
    assert not (project / "_site/documents/long-phu-copy").exists()
    assert_same_as_clean(project, tmp_path)
    assert folders(project / "_site") == folders(tmp_path / "clean")


def test_validate_does_not_write_the_cache(project):
    shutil.rmtree(project / ".cache")
    assert run(project, "validate").exit_code == 0
    assert not (project / ".cache").exists()


@pytest.mark.parametrize("text, quotes", [
    ("Một câu có **chữ đậm** ở giữa và đuôi câu.\n", ["chữ đậm", "ở giữa và đuôi", "Một câu có"]),
    ("A & B < C > D, tiếp theo.\n\nĐoạn hai & ba.\n", ["A & B < C > D", "hai & ba", "không có"]),
    ("- mục một\n    - mục con có câu trích\n- mục hai\n", ["mục con có câu trích", "mục một"]),
    ("Dòng một nối\ndòng hai của đoạn.\n", ["nối dòng hai"]),
    ("Giá\u00a0trị 80% và *nghiêng* rồi `mã` nữa.\n", ["trị 80%", "80% và", "rồi mã nữa", "nữa."]),
    ("| a | b |\n|---|---|\n| ô một | ô hai |\n", ["ô một", "ô hai"]),
    ("## Tiêu đề có trích\n\nĐoạn.\n", ["Tiêu đề có", "Đoạn."]),
    ("Câu lặp lại. Câu lặp lại.\n\nCâu lặp lại.\n", ["Câu lặp lại.", "lặp"]),
    ("Có [liên kết](https://example.org/x) trong câu và sau đó.\n", ["trong câu", "liên kết trong"]),
    ('Dấu "ngoặc kép" và \'đơn\' ở đây.\n', ['"ngoặc kép"', "'đơn'"]),
    ("Thoát \\*sao\\* ở đây.\n", ["*sao*", "ở đây"]),
    ('Đoạn có <abbr title="x">TTHC</abbr> và chữ.\n', ["và chữ", "TTHC và"]),
    ("1. một\n2. hai có câu\n\n   đoạn thêm\n", ["hai có câu", "đoạn thêm"]),
])
def test_marks_placed_in_rendered_html_equal_marks_rendered_with_the_markdown(text, quotes):
    marks = [Mark(q, f"q-r{i}", f"#r{i}", f"[{i + 1}]") for i, q in enumerate(quotes)]
    placed = place_marks(render_markdown(text), marks)
    assert placed == render_markdown(text, marks).html
