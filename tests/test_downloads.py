"""Downloads: every format gives back exactly the validated rows; per-page files and the
API equal their pages; XLSX is formula-safe; catalogues and feeds point inside the site;
builds are byte-identical."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import zipfile
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from generator.config import load_config
from generator.content import load_content
from generator.data import load_datasets
from generator.errors import Report
from generator.model import build_catalogue
from generator.downloads import parquet
from generator.downloads.perpage import page_columns
from generator.downloads.tables import Rows, json_value, published_tables, text_value
from tests.conftest import BASE, copy_built, run  # BASE: the public site URL of the session's absolute_site

def _release() -> tuple[str, str]:
    """The release the curators recorded in datasets/cchc/datapackage.yaml (version, created)."""
    import yaml
    text = (Path(__file__).resolve().parent.parent / "datasets/cchc/datapackage.yaml").read_text("utf-8")
    descriptor = yaml.safe_load(text)
    return str(descriptor["version"]), str(descriptor["created"])


VERSION, CREATED = _release()
RESOURCES = ["areas", "places", "indicators", "topics", "documents", "targets", "results", "assignments", "legal_documents",
             "references", "place_changes",
             "targets-flat", "results-flat"]


def expected(root: Path):
    """The published tables computed in-process from the project's validated data."""
    report = Report()
    config = load_config(root, report)
    content = load_content(root, report)
    catalogue = build_catalogue(content, load_datasets(root, content, report))
    assert not report.errors
    return published_tables(catalogue, config), catalogue


@pytest.fixture(scope="session")
def tables(built_project):
    return expected(built_project)[0]


def test_published_rows_are_made_when_read(tables):
    """The published and flat rows are made from the validated rows when a format reads
    them (tables.Rows): by position, from the end, by slice, by id and in order, alike."""
    flat, results = tables["targets-flat"], tables["results"]
    for table in (flat, results):
        assert isinstance(table.rows, Rows)
        rows = list(table.rows)
        assert len(rows) == len(table.rows) > 3 and set(rows[0]) == set(table.names)
        assert table.rows[0] == rows[0] and table.rows[-1] == rows[-1] and table.rows[1:3] == rows[1:3]
        assert [table.by_id[row["id"]] for row in rows] == rows and len(table.by_id) == len(rows)
    assert flat.rows[0]["place_name"] and flat.rows[0]["source_url"].endswith(f"#q-{flat.rows[0]['id']}")


def plain(value):
    """One comparable value: dates as ISO text, numbers as int/float."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return json_value(value)


def rows_of(table) -> list[dict]:
    return [{n: plain(row.get(n)) for n in table.names} for row in table.rows]


def by_id(table) -> dict[str, dict]:
    return {row["id"]: row for row in rows_of(table)}


def assert_types(table, rows: list[dict], boolean: tuple = (bool,)) -> None:
    """Numbers are numbers and text is text, in every row read back (SQLite stores booleans as 0/1)."""
    for spec in table.fields:
        kind = {"number": (int, float), "integer": (int,), "string": (str,), "date": (str,),
                "boolean": boolean}.get(spec["type"], object)
        for row in rows:
            value = row[spec["name"]]
            assert value is None or isinstance(value, kind), (table.name, spec["name"], value)


# --- round trips -------------------------------------------------------------------------------

def test_datapackage_validates_with_frictionless_and_points_at_the_csvs(site):
    import frictionless
    report = frictionless.validate(site / "data/cchc/datapackage.json")
    assert report.valid, report.flatten(["type", "note"])[:5]
    package = json.loads((site / "data/cchc/datapackage.json").read_text("utf-8"))
    assert [r["name"] for r in package["resources"]][-2:] == ["targets-flat", "results-flat"]
    assert package["version"] == VERSION and package["created"] == f"{CREATED}T00:00:00Z"
    assert package["sources"] and package["contributors"] and package["licenses"]
    for resource in package["resources"]:
        data = (site / "data/cchc" / resource["path"]).read_bytes()
        assert resource["path"].endswith(".csv") and resource["bytes"] == len(data)
        assert resource["hash"].startswith("sha256:")


def test_frictionless_notices_a_file_that_differs_from_its_hash(built_project, tmp_path):
    import frictionless
    project = copy_built(built_project, tmp_path, linked=False)  # a published file edited in place
    path = project / "_site/data/cchc/areas.csv"
    path.write_bytes(path.read_bytes().replace(b"the-che", b"the-chx"))
    assert not frictionless.validate(project / "_site/data/cchc/datapackage.json").valid


def test_csv_gives_back_the_validated_rows(site, tables):
    for name in RESOURCES:
        with open(site / f"data/cchc/{name}.csv", encoding="utf-8", newline="") as f:
            got = list(csv.DictReader(f))
        table = tables[name]
        assert [list(r) for r in got[:1]] == [table.names][: len(got[:1])]
        assert got == [{n: text_value(row.get(n)) for n in table.names} for row in table.rows], name


def test_json_gives_back_the_validated_rows(site, tables):
    for name in RESOURCES:
        got = json.loads((site / f"data/cchc/{name}.json").read_text("utf-8"))
        assert got == rows_of(tables[name]), name
        assert_types(tables[name], got)


def test_xlsx_gives_back_the_validated_rows(site, tables):
    for name in RESOURCES:
        book = load_workbook(site / f"data/cchc/{name}.xlsx")
        assert book.sheetnames == ["data", "fields"]
        sheet = book["data"]
        assert sheet.freeze_panes == "A2"
        values = list(sheet.iter_rows(values_only=True))
        table = tables[name]
        assert list(values[0]) == table.names
        got = [dict(zip(table.names, (plain(v) for v in row))) for row in values[1:]]
        want = [{k: (None if v == "" else v) for k, v in row.items()} for row in rows_of(table)]
        assert got == want, name
        assert_types(table, got)
        fields = list(book["fields"].iter_rows(values_only=True))
        assert [r[0] for r in fields[1:]] == table.names
        dates = [s["name"] for s in table.fields if s["type"] == "date"]
        for column in dates:  # dates are date cells, not text
            index = table.names.index(column) + 1
            cells = [sheet.cell(row=r, column=index) for r in range(2, sheet.max_row + 1)]
            assert all(c.is_date for c in cells if c.value is not None)


def test_sqlite_gives_back_the_validated_rows_with_keys_views_and_search(site, tables):
    db = sqlite3.connect(site / "data/cchc.sqlite")
    db.row_factory = sqlite3.Row
    kinds = dict(db.execute("SELECT name, type FROM sqlite_master WHERE name NOT LIKE '%_fts%'").fetchall())
    for name in RESOURCES:
        assert kinds[name] == ("view" if name.endswith("-flat") else "table"), name
        got = [dict(r) for r in db.execute(f'SELECT * FROM "{name}"')]
        assert got == rows_of(tables[name]), name
        assert_types(tables[name], got, boolean=(int,))
    foreign = db.execute("SELECT * FROM pragma_foreign_key_list('targets')").fetchall()
    assert {row["from"] for row in foreign} == {"document", "place", "area", "indicator"}
    indexed = {row["name"] for row in db.execute("SELECT * FROM pragma_index_list('targets')")}
    assert "idx_targets_document" in indexed and "idx_targets_indicator" in indexed
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    hits = db.execute("SELECT rowid FROM targets_fts WHERE targets_fts MATCH ?", ['"rà soát"']).fetchall()
    assert hits
    found = db.execute("SELECT id FROM assignments_fts JOIN assignments ON assignments.rowid = assignments_fts.rowid "
                       "WHERE assignments_fts MATCH 'task:chịu'").fetchall()
    assert found
    metadata = json.loads((site / "data/cchc.metadata.json").read_text("utf-8"))
    assert set(metadata["databases"]["cchc"]["tables"]) == set(RESOURCES)
    assert metadata["license"] and metadata["source_url"]


def test_parquet_gives_back_the_validated_rows_typed(site, tables):
    for name in RESOURCES:
        data = pq.read_table(site / f"data/cchc/{name}.parquet")
        table = tables[name]
        assert data.column_names == table.names
        got = [{k: plain(v) for k, v in row.items()} for row in data.to_pylist()]
        assert got == rows_of(table), name
        assert_types(table, got)
        for spec in table.fields:
            kind = str(data.schema.field(spec["name"]).type)
            assert kind == {"number": "double", "integer": "int64", "date": "date32[day]",
                            "boolean": "bool"}.get(spec["type"], "string")


def test_parquet_is_written_a_row_group_at_a_time(site, tables, monkeypatch):
    # a national table is encoded a slice at a time; read back, the slices are the whole table
    monkeypatch.setattr(parquet, "ROW_GROUP", 7)
    table = tables["targets-flat"]
    out = io.BytesIO()
    parquet.write_parquet(table, out)
    data = pq.ParquetFile(io.BytesIO(out.getvalue()))
    assert data.metadata.num_row_groups == -(-len(table.rows) // 7) > 1
    assert data.read() == pq.read_table(site / "data/cchc/targets-flat.parquet")
    assert [{k: plain(v) for k, v in row.items()} for row in data.read().to_pylist()] == rows_of(table)


def test_duckdb_reads_the_parquet_files(site, tables):
    duckdb = pytest.importorskip("duckdb")
    path = site / "data/cchc/targets-flat.parquet"
    count, total = duckdb.connect().execute(f"SELECT count(*), sum(value) FROM '{path}'").fetchall()[0]
    assert count == len(tables["targets-flat"].rows)
    assert total == pytest.approx(sum(float(r["value"]) for r in tables["targets"].rows))


def test_vietnamese_text_survives_every_format(site, tables):
    statement = next(r["statement"] for r in tables["targets"].rows if "Rà soát" in r["statement"])
    assert statement in (site / "data/cchc/targets.csv").read_text("utf-8")
    assert statement in [r["statement"] for r in json.loads((site / "data/cchc/targets.json").read_text("utf-8"))]
    sheet = load_workbook(site / "data/cchc/targets.xlsx")["data"]
    assert statement in [c.value for c in sheet["G"]]
    assert statement in pq.read_table(site / "data/cchc/targets.parquet").column("statement").to_pylist()
    db = sqlite3.connect(site / "data/cchc.sqlite")
    assert db.execute("SELECT count(*) FROM targets WHERE statement = ?", [statement]).fetchone()[0] == 1
    with zipfile.ZipFile(site / "data/cchc.zip") as archive:
        assert statement in archive.read("cchc/targets.csv").decode("utf-8")


def test_zip_holds_every_table_once_a_readme_and_the_licence(site):
    with zipfile.ZipFile(site / "data/cchc.zip") as archive:
        names = set(archive.namelist())
        readme = archive.read("cchc/README.md").decode("utf-8")
        licence = archive.read("cchc/LICENSE").decode("utf-8")
        package = json.loads(archive.read("cchc/datapackage.json"))
        assert archive.read("cchc/targets.csv") == (site / "data/cchc/targets.csv").read_bytes()
    assert names == {f"cchc/{name}.csv" for name in RESOURCES} | {
        "cchc/datapackage.json", "cchc/README.md", "cchc/LICENSE"}  # the other formats are on the site, once
    assert {r["path"] for r in package["resources"]} == {f"{name}.csv" for name in RESOURCES}
    assert "This archive holds every table once, as CSV, with `datapackage.json`" in readme
    assert "Every table comes in 4 formats with the same rows and the same field names, each at " \
           "`/data/cchc/<table>.<format>`" in readme
    for part in ("## Units", "## How progress is computed", "## How to cite", f"version {VERSION}", "targets-flat"):
        assert part in readme
    assert "CC-BY-4.0" in licence and "https://creativecommons.org/licenses/by/4.0/" in licence


# --- per-page files and the API ----------------------------------------------------------------

def page_ids(site: Path, path: str) -> list[str]:
    """Ids of the figure rows a page shows (not its cited instruments, `ref-<legal id>`), sorted:
    a place page groups its rows by area and year, a file keeps the data's order."""
    ids = re.findall(r'<tr id="([^"]+)"', (site / path / "index.html").read_text("utf-8"))
    return sorted(i for i in ids if not i.startswith("ref-"))


def as_text(table) -> dict[str, dict]:
    """The table's rows by id, each value as the CSV writes it."""
    return {row.get("id"): {n: text_value(row.get(n)) for n in table.names} for row in table.rows}


def test_every_per_page_file_equals_the_rows_on_its_page(site, tables, built_project):
    catalogue = expected(built_project)[1]
    names = [f["name"] for f in page_columns(tables)]
    pages = [("by-document", "documents", catalogue.documents), ("by-indicator", "indicators", catalogue.indicators),
             ("by-place", "places", catalogue.places)]
    checked = 0
    for folder, kind, keys in pages:
        for key in keys:
            shown = page_ids(site, f"{kind}/{key}")
            data = (site / f"data/cchc/{folder}/{key}.csv").read_bytes()
            assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark: Excel opens it right
            reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
            rows = list(reader)
            assert reader.fieldnames == names and sorted(r["id"] for r in rows) == shown, (folder, key)
            for record in rows:
                flat = tables[{"target": "targets-flat", "result": "results-flat"}.get(record["kind"], "assignments")]
                assert {k: record[k] for k in flat.names} == as_text(flat)[record["id"]]
            assert not (site / f"data/cchc/{folder}/{key}.json").exists()  # a page's JSON is its API object
            assert not (site / f"data/cchc/{folder}/{key}.xlsx").exists()  # its spreadsheet, this CSV
            checked += bool(shown)
    assert checked > 10
    foot = (site / "documents/lam-dong-2260-2021/index.html").read_text("utf-8").split('id="page-downloads"')[1]
    assert ('<a href="/data/cchc/by-document/lam-dong-2260-2021.csv" download>CSV</a> cho Excel (UTF-8 có BOM: '
            'nhấp đúp là mở đúng) · <a href="/api/v1/documents/lam-dong-2260-2021.json">API JSON</a>') in foot


def test_every_api_object_equals_its_page(site, tables):
    index = json.loads((site / "api/v1/documents.json").read_text("utf-8"))
    assert index["count"] == len(index["documents"]) == len(tables["documents"].rows)
    for kind, parts in (("documents", ("targets", "results", "assignments")), ("indicators", ("targets", "results")),
                        ("places", ("targets", "results"))):
        listing = json.loads((site / f"api/v1/{kind}.json").read_text("utf-8"))
        for summary in listing[kind]:
            detail = json.loads((site / f"api/v1/{kind}/{summary['id']}.json").read_text("utf-8"))[kind[:-1]]
            assert detail["url"] == f"/{kind}/{summary['id']}/" and detail["api_url"].endswith(".json")
            ids = [row["id"] for part in parts for row in detail[part]]
            assert sorted(ids) == page_ids(site, f"{kind}/{summary['id']}"), (kind, summary["id"])
            for part in parts:
                flat = tables.get(f"{part}-flat", tables[part])
                for row in detail[part]:
                    assert row == by_id(flat)[row["id"]]
                    assert row["source_url"] == f"/documents/{row['document']}/#q-{row['id']}"


# --- formula safety ----------------------------------------------------------------------------

PLANTED = ['=HYPERLINK("http://x","y")', "+1", "@SUM(A1)", "\tleading tab", "-dash first"]


def test_formula_like_text_is_inert_in_xlsx_and_exact_in_csv_and_json(project, tmp_path):
    path = project / "datasets/cchc/targets.csv"
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    statement, value = rows[0].index("statement"), rows[0].index("value")
    for i, text in enumerate(PLANTED, start=1):
        rows[i][statement] = text
    rows[1][value] = "-5"  # a change in rank: a negative number that must stay a number
    stated = "Chỉ số cải cách hành chính thay đổi -5 bậc."  # what the figure check needs its quote to say
    document = project / "content/documents" / f"{rows[1][1]}.md"
    document.write_text(document.read_text("utf-8") + f"\n{stated}\n", "utf-8")
    rows[1][rows[0].index("source_quote")] = stated
    rows[1][rows[0].index("unit")], rows[1][rows[0].index("indicator")] = "rank_change", ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")
    site = tmp_path / "out"
    assert run(project, "--quiet", "--output", str(site)).exit_code == 0
    ids = [row[0] for row in rows[1:len(PLANTED) + 1]]
    with open(site / "data/cchc/targets.csv", encoding="utf-8", newline="") as f:
        published = {r["id"]: r for r in csv.DictReader(f)}
    assert [published[i]["statement"] for i in ids] == PLANTED
    assert published[ids[0]]["value"] == "-5"
    records = {r["id"]: r for r in json.loads((site / "data/cchc/targets.json").read_text("utf-8"))}
    assert [records[i]["statement"] for i in ids] == PLANTED
    with open(site / f"data/cchc/by-document/{rows[1][1]}.csv", encoding="utf-8-sig", newline="") as f:
        on_page = {r["id"]: r for r in csv.DictReader(f)}
    assert [on_page[i]["statement"] for i in ids] == PLANTED  # a data format: the exact text
    for workbook in (site / "data/cchc/targets.xlsx", site / "data/cchc/targets-flat.xlsx"):
        sheet = load_workbook(workbook)["data"]
        header = [c.value for c in sheet[1]]
        cells = {row[header.index("id")].value: row for row in sheet.iter_rows(min_row=2)}
        for i, text in zip(ids, PLANTED):
            cell = cells[i][header.index("statement")]
            assert cell.value == text and cell.data_type == "s" and cell.quotePrefix, (workbook.name, text)
        number = cells[ids[0]][header.index("value")]
        assert number.value == -5 and number.data_type == "n" and not number.quotePrefix
    raw = zipfile.ZipFile(site / "data/cchc/targets.xlsx").read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in raw and "<f " not in raw  # no formula anywhere


# --- catalogues, feeds, sitemap ----------------------------------------------------------------

def urls_in(value) -> list[str]:
    if isinstance(value, dict):
        return [u for v in value.values() for u in urls_in(v)]
    if isinstance(value, list):
        return [u for v in value for u in urls_in(v)]
    return [value] if isinstance(value, str) and value.startswith(("http://", "https://", "/")) else []


def resolves(site: Path, url: str) -> bool:
    """A URL under BASE names a file of the built site (a folder URL: its index.html)."""
    path = urlsplit(url).path[len(urlsplit(BASE).path):]
    target = site / path
    return (target / "index.html").is_file() if url.split("#")[0].endswith("/") else target.is_file()


def ours(urls: list[str]) -> list[str]:
    return [u for u in urls if u.startswith(BASE)]


def test_dcat_catalogue_has_the_required_properties_and_every_url_resolves(absolute_site):
    catalogue = json.loads((absolute_site / "data/catalog.jsonld").read_text("utf-8"))
    assert catalogue["@type"] == "dcat:Catalog" and "dcat" in catalogue["@context"]
    dataset = catalogue["dcat:dataset"][0]
    assert dataset["@type"] == "dcat:Dataset" and dataset["dct:issued"]["@value"] == "2026-12-02"
    distributions = dataset["dcat:distribution"]
    formats = {(d["dct:format"]) for d in distributions}
    assert {"CSV", "JSON", "XLSX", "Parquet", "SQLite", "ZIP"} <= formats
    for d in distributions:
        url = d["dcat:downloadURL"]["@id"]
        assert url.startswith(BASE) and d["dct:license"]["@id"].startswith("https://creativecommons.org/")
        assert int(d["dcat:byteSize"]["@value"]) == (absolute_site / urlsplit(url).path[len("/cchc/"):]).stat().st_size
        assert d["dcat:mediaType"]["@id"].startswith("https://www.iana.org/assignments/media-types/")
    urls = ours(urls_in(catalogue))
    assert len(urls) > 50 and [u for u in urls if not resolves(absolute_site, u)] == []


def test_schema_org_dataset_lists_every_distribution(absolute_site):
    for page in ("datasets/cchc/index.html", "en/datasets/cchc/index.html"):
        html = (absolute_site / page).read_text("utf-8")
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
        assert data["license"] and data["version"] == VERSION and data["dateModified"] == CREATED
        downloads = [d["contentUrl"] for d in data["distribution"]]
        assert f"{BASE}data/cchc/targets-flat.xlsx" in downloads and f"{BASE}data/cchc.sqlite" in downloads
        urls = ours(urls_in(data))
        assert [u for u in urls if not resolves(absolute_site, u)] == []


def test_feeds_and_sitemap_urls_resolve_inside_the_site(absolute_site):
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in ("feed.xml", "en/feed.xml"):
        root = ElementTree.parse(absolute_site / feed).getroot()
        assert root.find(f"{atom}updated").text == "2026-12-02T00:00:00Z"
        entries = root.findall(f"{atom}entry")
        assert len(entries) == 5
        links = [e.get("href") for e in root.iter(f"{atom}link")]
        assert all(u.startswith(BASE) for u in links) and all(resolves(absolute_site, u) for u in links)
    sitemap = ElementTree.parse(absolute_site / "sitemap.xml").getroot()
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(resolves(absolute_site, u) for u in locs)


def test_downloads_use_absolute_urls_when_the_site_url_is_configured(absolute_site):
    with open(absolute_site / "data/cchc/targets-flat.csv", encoding="utf-8", newline="") as f:
        row = next(csv.DictReader(f))
    assert row["source_url"] == f"{BASE}documents/{row['document']}/#q-{row['id']}"
    api = json.loads((absolute_site / f"api/v1/documents/{row['document']}.json").read_text("utf-8"))["document"]
    assert api["url"] == f"{BASE}documents/{row['document']}/"
    assert all(resolves(absolute_site, u) for u in ours(urls_in(api)))


def test_a_path_only_base_url_warns_once(project):
    result = run(project, "--quiet")
    warning = ('warning: site.yaml: base_url: "/" is not an absolute URL; downloads, feeds and catalogues use '
               "root-relative URLs (hint: set base_url: https://your.host/path/ in site.yaml, or build with --base-url)")
    assert result.stderr.count("site.yaml: base_url") == 1 and warning in result.stderr
    assert "base_url" not in run(project, "--quiet", "--base-url", BASE).stderr


# --- pages and reproducibility -----------------------------------------------------------------

def test_dataset_page_lists_files_with_size_rows_and_how_to_cite(site):
    vi = (site / "datasets/cchc/index.html").read_text("utf-8")
    en = (site / "en/datasets/cchc/index.html").read_text("utf-8")
    for html in (vi, en):
        assert "targets-flat.xlsx" in html and "cchc.sqlite" in html and "read_csv(" in html
        assert "datasette cchc.sqlite" in html and "SELECT * FROM" in html
    assert "Cách trích dẫn" in vi and "How to cite" in en
    assert "One row per numeric promise in a plan." in en
    assert "One row per numeric promise" not in vi and "Exact excerpt" not in vi  # no English on a vi page
    assert "Mỗi dòng là một cam kết bằng số" in vi


# --- round trips against the source files, read without the generator -------------------------------
# The tests above compare each format with `published_tables`, the generator's own rows: a row lost or
# a value changed on the way in would be lost or changed on both sides. Here the expected rows come
# from the CSV files in datasets/, read with the csv module and typed by their declared field type.

SOURCE_TABLES = ["areas", "places", "indicators", "targets", "results", "assignments", "legal_documents"]


def source_rows(root: Path, name: str) -> tuple[dict[str, str], list[dict], list[dict]]:
    """(field types, rows as text, rows typed) of a source CSV file, as its descriptor declares them."""
    import yaml
    descriptor = yaml.safe_load((root / "datasets/cchc/datapackage.yaml").read_text("utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == name)
    types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    with open(root / "datasets/cchc" / resource["path"], encoding="utf-8", newline="") as f:
        texts = list(csv.DictReader(f))
    assert texts and list(texts[0]) == list(types)
    convert = {"integer": int, "number": float, "boolean": lambda cell: cell == "true", "date": str, "string": str}
    typed = [{k: None if cell == "" else convert[types[k]](cell) for k, cell in row.items()} for row in texts]
    return types, texts, typed


def test_every_format_gives_back_the_source_rows(site, built_project):
    db = sqlite3.connect(site / "data/cchc.sqlite")
    db.row_factory = sqlite3.Row
    for name in SOURCE_TABLES:
        types, texts, want = source_rows(built_project, name)
        with open(site / f"data/cchc/{name}.csv", encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            assert reader.fieldnames[:len(types)] == list(types), name
            # booleans are published as True/False (the writers' choice, valid Table Schema), the rest as written
            assert [{k: row[k].lower() if types[k] == "boolean" else row[k] for k in types} for row in reader] \
                == texts, name
        formats = {
            "json": json.loads((site / f"data/cchc/{name}.json").read_text("utf-8")),
            "sqlite": [dict(r) for r in db.execute(f'SELECT * FROM "{name}"')],
            "parquet": [{k: plain(v) for k, v in r.items()}
                        for r in pq.read_table(site / f"data/cchc/{name}.parquet").to_pylist()],
        }
        for kind, rows in formats.items():
            got = [{k: bool(row[k]) if types[k] == "boolean" and row[k] is not None else row[k] for k in types}
                   for row in rows]
            assert got == want, (name, kind)
