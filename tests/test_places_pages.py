"""Places as they are today, in what readers see (issue 23): a place that ended says until when and
what it is part of today, with the change's kind, date and instrument; a unit lists its former units;
the places tree shows former units beneath today's; the explorer and compare views filter by today's
province; the flat tables carry the place as issued and the place today; the instrument page words its
link by url_kind; and an edit of place_changes.csv re-renders the pages that show it.

A small project (tests/support.py) with invented places appended to the real ones, so these tests
do not change when curators add rows: the facts of the curated data are in tests/corpus/."""

from __future__ import annotations

import csv
import io
import re
import shutil
import sqlite3
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import digest, run, serve
from tests.support import DATA, ROOT, make_project

DOCUMENT = "long-phu-53-2022"
# id, name, name_en, type, parent, valid_from, valid_until
PLACES = [
    ("tinh-ab-2025", "tỉnh An Bình", "An Binh province", "tinh", "viet-nam", "2025-07-01", ""),
    ("tinh-d", "tỉnh Đông", "Dong province", "tinh", "viet-nam", "", ""),
    ("tinh-a", "tỉnh An", "An province", "tinh", "viet-nam", "", "2025-06-30"),
    ("huyen-a1", "huyện An Một", "An Mot district", "huyen", "tinh-a", "", "2025-06-30"),
    ("tinh-b", "tỉnh Bình", "Binh province", "tinh", "viet-nam", "", "2025-06-30"),
    ("tinh-c", "tỉnh Cũ", "Cu province", "tinh", "viet-nam", "", "2020-12-31"),
    ("tinh-c2", "tỉnh Cũ Hai", "Cu Hai province", "tinh", "viet-nam", "2021-01-01", "2025-06-30"),
    ("tinh-r", "tỉnh Rừng", "Rung province", "tinh", "viet-nam", "", "2023-12-31"),
    ("tinh-r2", "tỉnh Rừng Xanh", "Rung Xanh province", "tinh", "viet-nam", "2024-01-01", ""),
    ("huyen-s", "huyện Sông", "Song district", "huyen", "tinh-d", "", "2025-06-30"),
    ("xa-z", "xã Zê", "Ze commune", "xa", "tinh-d", "", "2022-12-31"),
]
# id, from_place, to_place, date, kind, legal_document, note, note_en
CHANGES = [
    ("a-ab", "tinh-a", "tinh-ab-2025", "2025-07-01", "merged", "test-gazette", "Ghi chú A.", "Note A."),
    ("b-ab", "tinh-b", "tinh-ab-2025", "2025-07-01", "merged", "test-gazette", "Ghi chú B.", "Note B."),
    ("a1-ab", "huyen-a1", "tinh-ab-2025", "2025-07-01", "abolished", "test-press", "Ghi chú A1.", "Note A1."),
    ("c-c2", "tinh-c", "tinh-c2", "2021-01-01", "renamed", "test-database", "Ghi chú C.", "Note C."),
    ("c2-ab", "tinh-c2", "tinh-ab-2025", "2025-07-01", "merged", "test-gazette", "Ghi chú C2.", "Note C2."),
    ("r-r2", "tinh-r", "tinh-r2", "2024-01-01", "renamed", "test-database", "Ghi chú R.", "Note R."),
    ("s-ab", "huyen-s", "tinh-ab-2025", "2025-07-01", "split", "test-portal", "Phần phía bắc.", "The northern part."),
    ("s-d", "huyen-s", "tinh-d", "2025-07-01", "split", "test-portal", "Phần phía nam.", "The southern part."),
    ("z-none", "xa-z", "", "2023-01-01", "abolished", "test-portal", "Không có đơn vị kế tục.", "Nothing succeeds it."),
]
INSTRUMENTS = {  # id → (url_kind, url)
    "test-gazette": ("official-gazette", "https://congbao.example.gov.vn/a"),
    "test-database": ("legal-database", "https://database.example.org/b"),
    "test-portal": ("portal", "https://portal.example.gov.vn/c"),
    "test-press": ("press", "https://news.example.com/d"),
    "test-unsafe": ("portal", "javascript:alert(1)"),
}
# the document's targets, moved to the invented places in turn (a figure keeps whatever place it has)
SPREAD = ["huyen-a1", "tinh-b", "tinh-d", "huyen-s", "tinh-r2"]
WORDING = {"official-gazette": ("Mở văn bản chính thức", "Open the official text"),
           "legal-database": ("Đọc văn bản trên cơ sở dữ liệu pháp luật", "Read its text in a legal database"),
           "portal": ("Đọc trên cổng thông tin của cơ quan nhà nước", "Read it on a government portal"),
           "press": ("Đọc bài báo đưa tin về văn bản", "Read a press report of it")}


def _csv(rows) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _appended(name: str, rows) -> str:
    return (ROOT / DATA / name).read_text("utf-8") + _csv(rows)


def _targets() -> str:
    """The document's targets, each moved to one of SPREAD in turn."""
    rows = list(csv.reader(io.StringIO((ROOT / DATA / "targets.csv").read_text("utf-8"))))
    at_doc, at_place = rows[0].index("document"), rows[0].index("place")
    mine = [row for row in rows[1:] if row and row[at_doc] == DOCUMENT]
    for i, row in enumerate(mine):
        row[at_place] = SPREAD[i % len(SPREAD)]
    return _csv([rows[0], *mine])


def project_files() -> dict[str, str]:
    instruments = [(key, f"{i}/2025/TEST", "nghi-quyet", f"Văn bản thử {i}", f"Test instrument {i}", "Quốc hội",
                    "viet-nam", "2025-06-12", "instrument", url, "", "", kind)
                   for i, (key, (kind, url)) in enumerate(INSTRUMENTS.items(), 1)]
    return {f"{DATA}/places.csv": _appended("places.csv", PLACES),
            f"{DATA}/place_changes.csv": _appended("place_changes.csv", CHANGES),
            f"{DATA}/legal_documents.csv": _appended("legal_documents.csv", instruments),
            f"{DATA}/targets.csv": _targets()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("places") / "project", (DOCUMENT,), project_files())
    result = run(root, "--quiet")
    assert result.exit_code == 0, result.stderr
    return root


def page(root: Path, path: str, lang: str = "vi") -> str:
    return (root / "_site" / ("en/" if lang == "en" else "") / path / "index.html").read_text("utf-8")


def words(html: str) -> str:
    """The visible text, tags removed and spaces collapsed."""
    html = re.sub(r"<br>|</li>|</p>|<details[^>]*>|</summary>", " ", html)  # line breaks, items, folds part words
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def history(html: str) -> str:
    """The block under a place's heading that says what happened to it."""
    start = html.index('<div class="place-history')
    return html[start:html.index("</div>", start)]


@pytest.mark.parametrize("lang, said", [
    ("vi", "Đến 30/6/2025; nay thuộc tỉnh An Bình (từ 1/7/2025)."),
    ("en", "Until 30 Jun 2025; now part of An Binh province (since 1 Jul 2025)."),
])
def test_a_former_place_says_until_when_and_what_it_is_part_of_today(built, lang, said):
    block = history(page(built, "places/tinh-a", lang))
    assert words(block).startswith(said)
    prefix = "/en" if lang == "en" else ""
    assert f'<a href="{prefix}/places/tinh-ab-2025/">' in block
    change = words(block[block.index('<ul class="plain change-list">'):])
    assert change.startswith({"vi": "Hợp nhất, từ 1/7/2025, theo Nghị quyết 1/2025/TEST · Mở văn bản chính thức "
                                    "(congbao.example.gov.vn) Ghi chú của nhóm biên tập Ghi chú A.",
                              "en": "Merged, from 1 Jul 2025, under Resolution 1/2025/TEST · Open the official text "
                                    "(congbao.example.gov.vn) Curators' note Note A."}[lang])
    assert f'<a href="{prefix}/legal/test-gazette/">' in block and 'href="https://congbao.example.gov.vn/a"' in block


def test_a_chain_of_changes_leads_to_the_unit_today_and_names_the_next_step(built):
    block = history(page(built, "places/tinh-c", "en"))
    assert words(block).startswith("Until 31 Dec 2020; now part of An Binh province (since 1 Jul 2025). "
                                   "Renamed → Cu Hai province, from 1 Jan 2021, under Resolution 2/2025/TEST")


def test_a_renamed_place_is_now_its_new_name(built):
    assert words(history(page(built, "places/tinh-r"))).startswith("Đến 31/12/2023; nay là tỉnh Rừng Xanh (từ 1/1/2024).")
    assert words(history(page(built, "places/tinh-r", "en"))).startswith(
        "Until 31 Dec 2023; now Rung Xanh province (since 1 Jan 2024).")


def test_a_split_names_every_part_and_an_ending_without_successor_says_so(built):
    split = history(page(built, "places/huyen-s", "en"))
    assert words(split).startswith("Until 30 Jun 2025; now part of An Binh province (since 1 Jul 2025), Dong province. "
                                   "Split → An Binh province, from 1 Jul 2025")
    assert "Split → Dong province, from 1 Jul 2025" in words(split)
    ended = history(page(built, "places/xa-z"))
    assert words(ended).startswith("Đến 31/12/2022; không có đơn vị kế tục. Giải thể, từ 1/1/2023, theo Nghị quyết "
                                   "3/2025/TEST · Đọc trên cổng thông tin của cơ quan nhà nước (portal.example.gov.vn) "
                                   "Ghi chú của nhóm biên tập Không có đơn vị kế tục.")


def test_a_unit_lists_its_former_units_and_their_promises(built):
    html = page(built, "places/tinh-ab-2025", "en")
    assert words(history(html)) == "Since 1 Jul 2025. Former units now part of it: 5"
    section = html[html.index('<section aria-labelledby="former-units"'):]
    section = section[:section.index("</section>")]
    formers = ["tinh-a", "huyen-a1", "tinh-b", "tinh-c", "tinh-c2"]  # in the places' order
    assert re.findall(r'<li><a href="/en/places/([a-z0-9-]+)/">', section) == formers  # not huyen-s: split in two
    assert "Cu province former until 31 Dec 2020" in words(section)
    assert "An Mot district former until 30 Jun 2025 District · Abolished · Documents: 0" in words(section)
    promised = sum(place in formers for place in _target_places())
    assert f"Their promises, together: {promised} targets" in words(section)


def _target_places() -> list[str]:
    return [row["place"] for row in csv.DictReader(io.StringIO(_targets()))]


class _Tree(HTMLParser):
    """place id → (id of the tree item it is beneath, whether it is marked former)."""

    def __init__(self):
        super().__init__()
        self.stack, self.items = [], {}

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            attrs = dict(attrs)
            key = (attrs.get("id") or "").removeprefix("place-")
            parent = next((k for k in reversed(self.stack) if k), None)
            self.items[key] = (parent, attrs.get("class") == "former")
            self.stack.append(key)

    def handle_endtag(self, tag):
        if tag == "li":
            self.stack.pop()


def test_the_tree_shows_former_units_beneath_the_unit_they_are_part_of_today(built):
    tree = _Tree()
    html = page(built, "places")
    tree.feed(html[html.index('<ul class="tree">'):])
    items = tree.items
    assert items["tinh-ab-2025"] == ("viet-nam", False) and items["tinh-d"] == ("viet-nam", False)
    assert items["tinh-a"] == ("tinh-ab-2025", True) and items["tinh-b"] == ("tinh-ab-2025", True)
    assert items["huyen-a1"] == ("tinh-a", True)  # beneath its parent, which is part of the same unit today
    assert items["tinh-c2"] == ("tinh-ab-2025", True) and items["tinh-c"] == ("tinh-c2", True)  # what it became
    assert items["tinh-r"] == ("tinh-r2", True)
    assert items["huyen-s"] == ("tinh-d", True) and items["xa-z"] == ("tinh-d", True)  # no single unit today
    assert html.count('id="place-tinh-a"') == 1 and html.count('id="place-huyen-a1"') == 1
    item = html[html.index('<li id="place-tinh-a"'):]
    assert words(item[:item.index("<ul")]) == "tỉnh An đơn vị cũ đến 30/6/2025 Tỉnh · Văn bản: 0 · Cam kết: 0"
    assert {key: items[key][1] for key, *_ in PLACES} == {key: bool(until) for key, *_rest, until in PLACES}
    assert "Rung province former until 31 Dec 2023" in words(page(built, "places", "en"))


def test_figures_keep_the_place_as_issued_and_the_flat_tables_add_the_place_today(built):
    data = built / "_site/data/cchc"
    flat = list(csv.DictReader((data / "targets-flat.csv").open(encoding="utf-8")))
    expected_today = {"huyen-a1": ("tinh-ab-2025", "tỉnh An Bình", "tinh-ab-2025", "tỉnh An Bình"),
                      "tinh-b": ("tinh-ab-2025", "tỉnh An Bình", "tinh-ab-2025", "tỉnh An Bình"),
                      "tinh-d": ("tinh-d", "tỉnh Đông", "tinh-d", "tỉnh Đông"),
                      "huyen-s": ("", "", "", ""),  # split: no single unit today
                      "tinh-r2": ("tinh-r2", "tỉnh Rừng Xanh", "tinh-r2", "tỉnh Rừng Xanh")}
    assert [r["place"] for r in flat] == _target_places()
    for row in flat:
        assert (row["place_today"], row["place_today_name"], row["province_today"], row["province_today_name"]) == \
            expected_today[row["place"]], row["id"]
    header = next(csv.reader((data / "targets-flat.csv").open(encoding="utf-8")))
    assert header[-4:] == ["place_today", "place_today_name", "province_today", "province_today_name"]
    places = {r["id"]: r for r in csv.DictReader((data / "places.csv").open(encoding="utf-8"))}
    assert (places["tinh-c"]["today"], places["tinh-c"]["province_today"]) == ("tinh-ab-2025", "tinh-ab-2025")
    assert places["viet-nam"]["today"] == "viet-nam" and places["viet-nam"]["province_today"] == ""
    db = sqlite3.connect(data.parent / "cchc.sqlite")
    view = db.execute('SELECT place, place_today, province_today_name FROM "targets-flat" ORDER BY rowid').fetchall()
    assert view == [(r["place"], r["place_today"] or None, r["province_today_name"] or None) for r in flat]
    explorer = page(built, "targets")  # the figure's place as issued, with its link
    assert explorer.count('<a href="/places/huyen-a1/">huyện An Một</a>') == _target_places().count("huyen-a1")


def test_the_explorer_filters_by_todays_province(built):
    html = page(built, "targets", "en")
    options = re.search(r'<select name="today">(.*?)</select>', html, re.S).group(1)
    assert re.findall(r'<option value="([^"]*)">([^<]*)</option>', options) == [
        ("", "All provinces"), ("tinh-ab-2025", "An Binh province"), ("tinh-d", "Dong province"),
        ("tinh-r2", "Rung Xanh province")]
    today = dict(zip(SPREAD, ["tinh-ab-2025", "tinh-ab-2025", "tinh-d", "", "tinh-r2"]))
    rows = re.findall(r'<tr data-place="[^"]*" data-today="([^"]*)"[^>]*>\s*<td[^>]*><a href="/en/places/([^/"]+)/"',
                      html, re.S)  # the row's unit today, and its place as issued (its first cell's link)
    assert rows and all(found == today[place] for found, place in rows)


def test_the_compare_view_names_the_unit_today_and_offers_the_filter(built):
    today = dict(zip(SPREAD, ["tinh-ab-2025", "tinh-ab-2025", "tinh-d", "", "tinh-r2"]))
    names = {"tinh-ab-2025": "An Binh province", "tinh-d": "Dong province", "tinh-r2": "Rung Xanh province"}
    offered = 0
    for path in sorted((built / "_site/en/compare").glob("*/index.html")):
        html = path.read_text("utf-8")
        rows = re.findall(r'<tr data-series="([a-z0-9-]+)/[a-z-]+" data-today="([^"]*)"><th scope="row">(.*?)</th>', html)
        for place, found, header in rows:
            assert found == today[place], (path, place)
            note = re.search(r'<span class="small today-note">\(now part of ([^)]*)\)</span>', header)
            # the unit today is named where the place changed (a split has no single unit today)
            assert (note.group(1) if note else None) == (names[today[place]] if place in ("huyen-a1", "tinh-b") else None)
        provinces = sorted({found for _, found, _ in rows if found}, key=list(names).index)
        if len(provinces) > 1:  # the filter, when there is something to choose
            offered += 1
            options = re.search(r'<form class="compare-filter".*?<select name="today">(.*?)</select>', html, re.S)
            assert re.findall(r'<option value="([^"]+)">([^<]*)</option>', options.group(1)) == \
                [(key, names[key]) for key in provinces]
        else:
            assert "data-compare-filter" not in html
    assert offered


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_instrument_page_words_its_link_by_what_it_leads_to(built, lang):
    for key, (kind, url) in INSTRUMENTS.items():
        html = page(built, f"legal/{key}", lang)
        facts = html[html.index('<dl class="facts">'):html.index("</dl>")]
        if url.startswith("https://"):
            wording = WORDING[kind][lang == "en"]
            assert f'<a href="{url}" rel="noopener" class="source-link">{wording}</a>' in facts, key
        else:  # only an http(s) address is a link
            assert url not in html and {"vi": "Chưa liên kết tới bản gốc", "en": "Original not linked"}[lang] in \
                words(facts)


def test_the_instrument_page_lists_the_changes_it_made(built):
    html = page(built, "legal/test-gazette", "en")
    section = words(html[html.index('<section aria-labelledby="place-changes"'):html.index('<section aria-labelledby="cited-by"')])
    into = "An Binh province (since 1 Jul 2025) Merged, from 1 Jul 2025"
    assert section.startswith(f"Changes to places it made (3) An province → {into} Binh province → {into} "
                              f"Cu Hai province → {into}")


def test_editing_place_changes_re_renders_the_pages_that_show_it(built, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(built, root)
    before = digest(root / "_site")
    path = root / DATA / "place_changes.csv"
    old = "a-ab,tinh-a,tinh-ab-2025,2025-07-01,merged,test-gazette,Ghi chú A.,Note A."
    assert old in path.read_text("utf-8")
    path.write_text(path.read_text("utf-8").replace(old, old.replace(",merged,", ",abolished,").replace(
        "Note A.", "Note edited.")), "utf-8")
    result = run(root)
    assert result.exit_code == 0, result.stderr
    rendered, total = map(int, re.search(r"built (\d+) pages.*\((\d+) pages rendered", result.stderr).group(2, 1))
    after = digest(root / "_site")
    changed = {p for p in after if after[p] != before.get(p) and p.endswith(".html")}
    # its own page, the unit it is part of today (which lists it, with the kind) and the instrument's page
    for path in ("places/tinh-a", "places/tinh-ab-2025", "legal/test-gazette"):
        assert f"{path}/index.html" in changed and f"en/{path}/index.html" in changed
    assert "Note edited." in page(root, "places/tinh-a", "en") and "Note A." not in page(root, "places/tinh-a", "en")
    assert f"documents/{DOCUMENT}/index.html" not in changed
    assert rendered <= 12 < total  # those pages, the tree and the instrument's page, in two languages
    clean = tmp_path / "clean"
    assert run(root, "--quiet", "--no-cache", "--jobs", "1", "--output", str(clean)).exit_code == 0
    assert digest(root / "_site") == digest(clean)



def test_a_place_change_edited_rewrites_the_tables_that_say_what_a_place_is_today(built, tmp_path):
    """places.csv's computed columns and the flat tables' place_today read place_changes.csv:
    their kept files (downloads/kept.py) are not reused once it changes."""
    root = tmp_path / "project"
    shutil.copytree(built, root)
    path = root / DATA / "place_changes.csv"
    old = "b-ab,tinh-b,tinh-ab-2025,"
    assert old in path.read_text("utf-8")
    path.write_text(path.read_text("utf-8").replace(old, "b-ab,tinh-b,tinh-d,"), "utf-8")
    result = run(root)
    assert result.exit_code == 0, result.stderr
    tables = root / "_site/data/cchc"
    [tinh_b] = [row for row in csv.DictReader(io.StringIO((tables / "places.csv").read_text("utf-8")))
                if row["id"] == "tinh-b"]
    assert (tinh_b["today"], tinh_b["today_name"]) == ("tinh-d", "tỉnh Đông")
    flat = [row for row in csv.DictReader(io.StringIO((tables / "targets-flat.csv").read_text("utf-8")))
            if row["place"] == "tinh-b"]
    assert flat and {row["place_today"] for row in flat} == {"tinh-d"}
    clean = tmp_path / "clean"
    assert run(root, "--quiet", "--no-cache", "--jobs", "1", "--output", str(clean)).exit_code == 0
    assert digest(root / "_site") == digest(clean)

# In a real browser (the system Chromium): the filters by today's province, and a former place's
# summary within two phone screens.

@pytest.fixture(scope="module")
def site(built) -> Path:
    """This module's small project as built: what test_browser's `base_url` serves to these tests."""
    return built / "_site"


def _visible(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent !== null)"
                                               ".map(e => e.getAttribute('data-today'))")


def test_in_the_explorer_a_reader_keeps_the_rows_of_one_province_today(browser, base_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "/en/targets/?today=tinh-ab-2025", wait_until="load")
    places = _target_places()
    shown = _visible(page, "#explorer tbody tr")
    assert shown == ["tinh-ab-2025"] * sum(p in ("huyen-a1", "tinh-b") for p in places)
    page.select_option('select[name="today"]', "tinh-d")
    assert _visible(page, "#explorer tbody tr") == ["tinh-d"] * places.count("tinh-d")
    assert page.url.endswith("/en/targets/?today=tinh-d")
    page.select_option('select[name="today"]', "")
    assert len(_visible(page, "#explorer tbody tr")) == len(places)
    page.close()


def test_on_the_compare_page_a_reader_keeps_the_series_of_one_province_today(browser, base_url, built):
    path = next(p for p in sorted((built / "_site/en/compare").glob("*/index.html"))
                if 'value="tinh-d"' in p.read_text("utf-8"))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{base_url}/en/compare/{path.parent.name}/", wait_until="load")
    every = len(_visible(page, "table.compare tbody tr"))
    page.select_option('form.compare-filter select[name="today"]', "tinh-d")
    rows = _visible(page, "table.compare tbody tr")
    assert rows and set(rows) == {"tinh-d"} and len(rows) < every
    assert set(_visible(page, "ul.legend li")) == {"tinh-d"}
    drawn = page.eval_on_selector_all("svg g.series", "gs => gs.filter(g => getComputedStyle(g).display !== 'none'"
                                                      " && g.closest('.chart-cell').offsetParent !== null)"
                                                      ".map(g => g.getAttribute('data-series'))")
    assert drawn and all(key.startswith("tinh-d/") for key in drawn)
    assert page.url.endswith("?today=tinh-d")
    page.close()


def test_a_phone_reader_sees_what_happened_and_what_a_former_place_promised_within_two_screens(browser, base_url):
    phone = {"width": 390, "height": 844}
    page = browser.new_page(viewport=phone)
    page.goto(base_url + "/places/tinh-b/", wait_until="load")
    for selector in (".place-history", ".summary .status-counts", ".summary-table"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] + min(box["height"], phone["height"]) < 2 * phone["height"], (selector, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= phone["width"]
    page.close()


@pytest.fixture(scope="module")
def base_url(site):
    """This module's small site served on a free local port (the session's serves the curated one)."""
    yield from serve(site)
