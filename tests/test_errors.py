"""Bad input: one precise message per problem, exit 1, and the last good _site untouched."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import signal
import unicodedata
from pathlib import Path

import pytest
import yaml

from tests.conftest import copy_built, run, snapshot

DOC = "content/documents/long-phu-53-2022.md"
TARGETS = "datasets/cchc/targets.csv"


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), "utf-8")


def set_cell(root: Path, rel: str, line: int, field: str, value: str) -> None:
    """Set one CSV cell; `line` is the file line (header = 1)."""
    path = root / rel
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    rows[line - 1][rows[0].index(field)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


def fails(root: Path, *expected: str, args: tuple[str, ...] = ()) -> str:
    """Build must exit 1, print exactly these problem lines, and leave _site untouched."""
    before = snapshot(root / "_site")
    result = run(root, *args)
    assert result.exit_code == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warning:")]
    problems = lines[:-1]
    assert problems == list(expected)
    assert lines[-1].startswith(f"{len(expected)} error")
    assert snapshot(root / "_site") == before
    assert not [p for p in root.iterdir() if p.name.startswith(("._site.build-", "._site.old-"))]  # the spare may stay
    return result.stderr


@pytest.fixture
def project(request, built_project, built_small, tmp_path):
    """A scratch copy of a built project: the small one (tests/support.py: long-phu-53-2022 is in it),
    or the curated one for a test marked `curated` (its messages name curated rows and their lines)."""
    return copy_built(built_project if request.node.get_closest_marker("curated") else built_small, tmp_path)


# --- YAML and front matter -------------------------------------------------------------

def test_yaml_syntax_error_names_line_and_column(project):
    edit(project, DOC, 'type: plan', 'type: [plan')
    fails(project, f"{DOC}:5: YAML syntax error: expected ',' or ']', but got ':' at column 6")


def test_missing_front_matter(project):
    (project / "content/documents/new.md").write_text("# Không có front matter\n", "utf-8")
    fails(project, "content/documents/new.md:1: missing front matter "
                   "(hint: start the file with a line '---', the YAML keys, then '---')")


def test_missing_front_matter_key(project):
    edit(project, DOC, "signer:", "signed_by:")
    fails(project,
          f"{DOC}:1: signer: missing front-matter key (expected the signer's name, or null)",
          f"{DOC}:12: signed_by: unknown front-matter key (expected one of id, number, type, title, "
          "title_en, issuer, place, date, period_start, period_end, signer, author, source_note, "
          "source_note_en, references, implements, reports_on, source_url, source_publisher, "
          "source_published, retrieved)")


def test_wrong_type_in_front_matter(project):
    edit(project, DOC, "period_start: 2021", "period_start: hai nghìn")
    fails(project, f'{DOC}:10: period_start: "hai nghìn" is not valid (expected a year such as 2021)')


def test_date_that_does_not_exist(project):
    edit(project, DOC, "date: 2022-05-31", "date: 2022-02-30")
    fails(project, f'{DOC}:9: date: "2022-02-30" is not valid '
                   "(expected a real date written YYYY-MM-DD, or null)")


def test_unknown_document_type(project):
    edit(project, DOC, "type: plan", "type: kế hoạch")
    fails(project, f'{DOC}:4: type: "kế hoạch" is not valid (expected one of decision, plan, press-report)')


# --- ids, keys, constraints ----------------------------------------------------------------

def test_two_documents_with_the_same_id_would_share_a_url(project):
    text = (project / DOC).read_text("utf-8")
    (project / "content/documents/copy.md").write_text(text, "utf-8")
    fails(project, "content/documents/long-phu-53-2022.md:2: id: duplicate document id "
                   "'long-phu-53-2022': content/documents/copy.md has it too "
                   "(hint: two documents would be published at the same URL)")


def test_id_that_would_write_outside_the_output(project):
    edit(project, DOC, "id: long-phu-53-2022", "id: ../../evil")
    line = (f'{DOC}:2: id: "../../evil" is not valid (expected an id of lower-case letters, '
            "digits and hyphens (it becomes the URL))")
    out = fails(project, line)
    assert not (project.parent / "evil").exists() and [x for x in out.splitlines() if "evil" in x] == [line]


def test_resource_path_outside_the_package(project):
    edit(project, "datasets/cchc/datapackage.yaml", "path: areas.csv", "path: ../../areas.csv")
    fails(project, "datasets/cchc/datapackage.yaml: resources[0].path: resource areas: "
                   "path must be a file inside the package folder")


@pytest.mark.curated
def test_duplicate_row_id(project):
    set_cell(project, TARGETS, 3, "id", "lam-dong-2260-2021-t01")
    fails(project, f'{TARGETS}:3: id: duplicate id "lam-dong-2260-2021-t01" (hint: line 2 has it too)')


def test_broken_foreign_key(project):
    set_cell(project, TARGETS, 4, "place", "da-lat")
    fails(project, f'{TARGETS}:4: place: "da-lat" is not a known id in places '
                   "(hint: add it to places or correct the spelling)")


def test_unknown_document_in_a_row(project):
    set_cell(project, TARGETS, 4, "document", "lam-dong-9999")
    fails(project, f'{TARGETS}:4: document: "lam-dong-9999" is not a known id in documents '
                   "(hint: no file in content/documents has this id)")


def test_value_outside_enum(project):
    set_cell(project, TARGETS, 5, "level", "tỉnh")
    fails(project, f'{TARGETS}:5: level: "tỉnh" is not one of tinh, huyen, xa, toan-dia-ban')


def test_percent_sign_in_a_number(project):
    set_cell(project, TARGETS, 14, "value", "80%")
    fails(project, f'{TARGETS}:14: value: "80%" is not a number (hint: write 80 and set unit: percent)')


def test_a_year_not_in_digits_is_pointed_at_a_whole_number(project):
    set_cell(project, TARGETS, 5, "year", "20x5")
    fails(project, f'{TARGETS}:5: year: "20x5" is not a whole number '
                   "(hint: write a whole number in digits only, such as 2025)")


def test_vietnamese_thousands_separator(project):
    set_cell(project, "datasets/cchc/results.csv", 22, "value", "605.859")
    set_cell(project, "datasets/cchc/results.csv", 22, "numerator", "1.230.000")
    fails(project, 'datasets/cchc/results.csv:22: numerator: "1.230.000" is not a number '
                   "(hint: write 1230000 without thousands separators)")


@pytest.mark.curated
def test_percentage_above_100(project):
    set_cell(project, TARGETS, 6, "value", "120")
    fails(project, f'{TARGETS}:6: value: 120, but the quote states 30 ("tối thiểu tương ứng là 30%"), '
                   '20 ("20%") or 15 ("15%")',  # the figure check (test_figure_check.py) sees it too
          f"{TARGETS}:6: value: 120 is not a percentage between 0 and 100 "
          "(hint: for a count, set unit: count)")


@pytest.mark.curated
def test_year_outside_the_documents_period(project):
    set_cell(project, TARGETS, 6, "year", "2035")
    fails(project, f'{TARGETS}:6: year: 2035, but the quote states 2021 ("Năm 2021")',  # the figure check
          f"{TARGETS}:6: year: 2035 is outside the period of lam-dong-2260-2021 (2021–2025) "
          "(hint: check the year, or the document's period_start and period_end)")


def test_required_value_missing(project):
    set_cell(project, TARGETS, 7, "statement", "")
    fails(project, f"{TARGETS}:7: statement: is empty but a value is required")


@pytest.mark.curated
def test_quote_not_in_the_text(project):
    set_cell(project, TARGETS, 2, "source_quote", "phấn đấu 100% văn bản được rà soát")
    out = fails(project, f"{TARGETS}:2: source_quote: not found in the text of "
                         "content/documents/lam-dong-2260-2021.md "
                         "(hint: copy the sentence from the document exactly)")
    assert out


def test_quotes_not_found_are_listed_in_row_order_across_documents(project):
    # each document's text is read once for all its rows; the problems still come in file order
    path = project / TARGETS
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    late = [f"{rows[1][0]}-again", *rows[1][1:13], "một câu không có trong văn bản", *rows[1][14:]]
    with path.open("a", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerow(late)
    middle = next(i for i, row in enumerate(rows) if row[1] == "long-phu-53-2022") + 3
    set_cell(project, TARGETS, middle, "source_quote", "một câu khác không có trong văn bản")
    found = [line.split(": source_quote: ")[0] for line in run(project).stderr.splitlines()
             if ": source_quote: not found in the text of" in line]
    assert found == [f"{TARGETS}:{middle}", f"{TARGETS}:{len(rows) + 1}"]


@pytest.mark.curated
def test_retyped_quote_points_at_the_closest_passage(project):
    path = project / TARGETS
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    quote = rows[1][13]
    set_cell(project, TARGETS, 2, "source_quote", quote.replace("100%", "100 %", 1))
    out = run(project).stderr
    assert f'{TARGETS}:2: source_quote: not found in the text of content/documents/lam-dong-2260-2021.md ' \
           '(hint: the closest passage is "' in out


# --- file-level CSV problems ------------------------------------------------------------------

def test_wrong_header(project):
    edit(project, TARGETS, "id,document,place,area,indicator,level", "id,doc,place,area,indicator,level")
    fails(project, f"{TARGETS}:1: wrong header: missing document; unknown 'doc' "
                   "(hint: the header must be exactly: id,document,place,area,indicator,level,statement,"
                   "statement_en,comparator,value,unit,year,baseline_year,source_quote,note,"
                   "baseline_period_start,baseline_period_end,year_stated,note_en,quote_reading)")


def test_ragged_row(project):
    path = project / "datasets/cchc/places.csv"
    path.write_text(path.read_text("utf-8").replace("ca-mau,tỉnh Cà Mau,", "ca-mau,tỉnh Cà Mau,,", 1), "utf-8")
    fails(project, "datasets/cchc/places.csv:7: row has 8 cells but the header has 7 "
                   "(hint: check for a missing or extra comma)")


def test_windows_1258_file_is_named(project):
    path = project / "datasets/cchc/areas.csv"
    path.write_bytes(b"".join(_cp1258(ch) for ch in path.read_text("utf-8")))
    fails(project, "datasets/cchc/areas.csv:2: not UTF-8 text (it looks like Windows-1258) "
                   "(hint: save the file as UTF-8)")


def _cp1258(ch: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letter, then a combining tone mark."""
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        parts = unicodedata.normalize("NFD", ch)
        tone = next(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", parts.replace(tone, ""))
        return base.encode("cp1258") + tone.encode("cp1258")


def test_utf16_file_is_named(project):
    path = project / "datasets/cchc/areas.csv"
    path.write_bytes(path.read_text("utf-8").encode("utf-16"))
    fails(project, "datasets/cchc/areas.csv: not UTF-8 text (it looks like UTF-16) "
                   "(hint: save the file as UTF-8)")


def test_a_bad_byte_deep_in_a_table_is_found_on_its_line(project):
    """Tables are decoded as they are read, thousands of bytes ahead of the line being parsed:
    a Windows-1258 cell on the last line is still reported at that line, and no row is used."""
    path = project / TARGETS
    data = path.read_bytes()
    assert len(data) > 20_000  # past the reader's first chunks
    last = data.rstrip(b"\n").count(b"\n") + 1
    path.write_bytes(data.rstrip(b"\n") + "đ".encode("cp1258") + b"\n")
    fails(project, f"{TARGETS}:{last}: not UTF-8 text (it looks like Windows-1258) (hint: save the file as UTF-8)")


def test_utf8_bom_is_accepted(project):
    path = project / "datasets/cchc/areas.csv"
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    assert run(project, "--quiet").exit_code == 0
    assert (project / "_site/data/cchc/areas.csv").read_bytes().startswith(b"id,name_vi")


def test_nfd_data_is_normalised(project):
    path = project / "datasets/cchc/areas.csv"
    path.write_text(unicodedata.normalize("NFD", path.read_text("utf-8")), "utf-8")
    assert run(project, "--quiet").exit_code == 0
    published = (project / "_site/data/cchc/areas.csv").read_text("utf-8")
    assert unicodedata.is_normalized("NFC", published) and "Cải cách thể chế" in published


def test_empty_resource_file(project):
    (project / "datasets/cchc/areas.csv").write_text("", "utf-8")
    fails(project, "datasets/cchc/areas.csv: file is empty (hint: the first line must be the header: "
                   "id,name_vi,name_en)")


def test_missing_resource_file(project):
    (project / "datasets/cchc/areas.csv").unlink()
    fails(project, "datasets/cchc/areas.csv: file not found")


# --- unsafe content ---------------------------------------------------------------------------

@pytest.mark.parametrize("snippet, message", [
    ("<script>alert(1)</script>", "raw <script> HTML is not allowed in content "
                                  "(hint: write Markdown; scripts and embeds are never published)"),
    ('<img src="x.png" onerror="alert(1)">', "HTML event handler (onerror=…) is not allowed in content "
                                             "(hint: remove the attribute; pages run no inline scripts)"),
    ("[bấm vào đây](javascript:alert(1))", "javascript: links are not allowed in content "
                                           "(hint: link to an http(s) address or a page of the site)"),
])
def test_script_in_markdown_is_refused(project, snippet, message):
    text = (project / DOC).read_text("utf-8")
    line = text[: text.index("**Triển khai")].count("\n") + 1
    edit(project, DOC, "**Triển khai", snippet + "\n\n**Triển khai")
    fails(project, f"{DOC}:{line}: {message}")


# --- templates and settings ----------------------------------------------------------------

def test_template_typo_names_template_and_line(project):
    edit(project, "templates/documents.html", "{{ _('Documents') }}</h1>", "{{ _('Documents') }</h1>")
    fails(project, "templates/documents.html:5: template syntax error: unexpected '}'")


def test_a_missing_page_template_is_an_error_naming_it(project):
    (project / "templates/areas.html").rename(project / "templates/areas.html.bak")
    fails(project, "templates/areas.html: template not found: a page type renders it "
                   "(hint: restore the file, or rename it back)")


def test_untranslated_interface_text_is_an_error_at_the_catalogue(project):
    edit(project, "templates/documents.html", "<h1>{{ _('Documents') }}</h1>",
         "<h1>{{ _('Documents') }}</h1><p>{{ _('A sentence nobody translated') }}</p>")
    fails(project, 'templates/locale/vi/LC_MESSAGES/messages.po: no vi translation for '
                   '"A sentence nobody translated" (used in documents.html:5) '
                   '(hint: run pybabel update (see README, Translations) and translate it)')


def test_undefined_template_variable_names_template_and_line(project):
    edit(project, "templates/areas.html", "{{ loc(area, 'name') }}</a>", "{{ loc(aera, 'name') }}</a>")
    fails(project, "templates/areas.html:7: template error: 'aera' is undefined")


def test_site_yaml_errors_are_reported_together(project):
    edit(project, "site.yaml", "languages: [vi, en]", "languages: [vi, fr]")
    edit(project, "site.yaml", "base_url: /", "base_url: example.org")
    fails(project, "site.yaml: base_url: expected an http(s) URL or a path starting with /",
          "site.yaml: languages[1]: expected one of vi, en")


def test_unknown_site_key_is_a_warning(project):
    edit(project, "site.yaml", "output: _site", "output: _site\nlicense: x")
    result = run(project)
    assert result.exit_code == 0
    assert "warning: site.yaml: license: unknown key, ignored (hint: did you mean licence?)" in result.stderr


# --- reports -------------------------------------------------------------------------------------

@pytest.mark.curated
def test_every_problem_is_reported_in_one_run_grouped_by_file(project):
    set_cell(project, TARGETS, 14, "value", "80%")
    set_cell(project, "datasets/cchc/results.csv", 3, "level", "tinh ")
    edit(project, DOC, "date: 2022-05-31", "date: 2022-13-01")
    out = run(project).stderr.splitlines()
    files = [line.split(":")[0] for line in out[:-1] if not line.startswith("warning")]
    assert files == [DOC, "datasets/cchc/results.csv", TARGETS]
    # the domain checks run on the rows that parsed: the cited-date and ratio warnings; base_url is not absolute;
    # the data changed since its recorded release
    assert out[-1] == "3 errors, 4 warnings"


def test_validate_json_report(project):
    set_cell(project, TARGETS, 14, "value", "80%")
    result = run(project, "validate", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    assert {"file": TARGETS, "line": 14, "field": "value", "code": "type-error",
            "message": '"80%" is not a number', "hint": "write 80 and set unit: percent",
            "severity": "error"} in report["problems"]


@pytest.mark.curated
def test_ratio_disagreement_is_a_warning_that_strict_turns_into_failure(project):
    result = run(project, "validate")
    assert result.exit_code == 0
    warning = ("warning: datasets/cchc/results.csv:51: value: stated 26.21% but 41/103 = 39.81% "
               "(hint: kept as the source states it; the site shows the disagreement)")
    assert warning in result.stderr
    # the only warning left is this one: --strict fails on it, and passes once it is gone
    edit(project, "content/documents/ca-mau-cchc-2023.md", "date: 2018-03-24", "date: 2018-04-23")
    assert run(project, "--strict", "--base-url", "https://example.org/", "validate").exit_code == 1
    set_cell(project, "datasets/cchc/results.csv", 51, "numerator", "")
    set_cell(project, "datasets/cchc/results.csv", 51, "denominator", "")
    record_release(project)  # the edits changed the data: its release warning is not this test's
    assert run(project, "--strict", "--base-url", "https://example.org/", "validate").exit_code == 0


def test_unused_indicator_is_a_warning(project):
    path = project / "datasets/cchc/indicators.csv"
    line = path.read_text("utf-8").count("\n") + 1  # the row added last, whatever the curators' list holds
    path.write_text(path.read_text("utf-8") + "chua-dung,Chưa dùng,Unused,the-che,percent,increase,Chưa dùng.,Unused.,\n",
                    "utf-8")
    result = run(project, "validate")
    assert result.exit_code == 0
    assert f'warning: datasets/cchc/indicators.csv:{line}: id: indicator "chua-dung" is used by no target or result' \
        in result.stderr


def test_release_date_must_be_a_real_date(project):
    edit(project, "datasets/cchc/datapackage.yaml", "created: 2026-12-02", "created: 2026-11-31")
    fails(project, 'datasets/cchc/datapackage.yaml: created: "2026-11-31" is not valid '
                   "(expected the date the data last changed, written YYYY-MM-DD)")


# --- second edition: cited instruments, baseline periods, inferred years ------------------------

LAM_DONG = "content/documents/lam-dong-2260-2021.md"
RESULTS = "datasets/cchc/results.csv"


@pytest.mark.curated
def test_unknown_instrument_in_implements(project):
    # the maintainer cites an instrument nobody added to legal_documents.csv
    edit(project, LAM_DONG, "nq-76-2021-cp", "nq-76-2012-cp", count=2)
    fails(project, f'{LAM_DONG}:49: implements[0]: "nq-76-2012-cp" is not a known id in legal_documents '
                   "(hint: add it to legal_documents or correct the spelling)")


@pytest.mark.curated
def test_implemented_instrument_must_be_cited_with_a_quote(project):
    edit(project, LAM_DONG, "implements: [nq-76-2021-cp]", "implements: [nq-76-2021-cp, nd-61-2018]")
    fails(project, f'{LAM_DONG}:49: implements[1]: "nd-61-2018" has no entry in references '
                   "(hint: add a references entry with the wording and quote that name it)")


@pytest.mark.curated
def test_unknown_instrument_in_references(project):
    edit(project, LAM_DONG, "legal: ct-07-2021-lam-dong", "legal: ct-07-2021-lam-dog")
    fails(project, f'{LAM_DONG}:29: references[3].legal: "ct-07-2021-lam-dog" is not a known id in legal_documents '
                   "(hint: add it to legal_documents or correct the spelling)")


@pytest.mark.curated
def test_reference_quote_must_be_in_the_text(project):
    edit(project, LAM_DONG, 'quote: "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"',
         'quote: "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;"')
    fails(project, f"{LAM_DONG}:24: references[1].quote: not found in the text of {LAM_DONG} "
                   '(hint: the closest passage is "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6")')


@pytest.mark.curated
def test_reference_wording_must_be_in_its_quote(project):
    edit(project, LAM_DONG, 'wording: "Chỉ thị số 07/CT-UBND ngày 31/5/2021 của UBND tỉnh"',
         'wording: "Chỉ thị 07/CT-UBND ngày 31/5/2021"')
    fails(project, f"{LAM_DONG}:31: references[3].wording: not found in its quote "
                   "(hint: copy the instrument's name from the quote exactly, as the text writes it)")


@pytest.mark.curated
def test_reference_in_the_old_shape_is_refused(project):
    edit(project, LAM_DONG, "  - legal: nq-68-2020-cp\n", "  - number: 68/NQ-CP\n")
    fails(project, f"{LAM_DONG}:33: references[4]: expected legal (a legal_documents id), date, wording and quote "
                   '(hint: write - {legal: nd-61-2018, date: 2018-04-23, wording: "…as the text names it…", '
                   'quote: "…the passage that cites it…"})')


@pytest.mark.curated
def test_source_url_must_be_a_web_address(project):
    edit(project, LAM_DONG, "source_url: null", "source_url: hethongphapluat")
    fails(project, f'{LAM_DONG}:51: source_url: "hethongphapluat" is not valid '
                   "(expected the http(s) address the text was taken from, or null)")


@pytest.mark.curated
def test_baseline_period_that_ends_before_it_starts(project):
    set_cell(project, TARGETS, 59, "baseline_period_start", "2025")
    set_cell(project, TARGETS, 59, "baseline_period_end", "2021")
    fails(project, f"{TARGETS}:59: baseline_period_end: 2021 is before baseline_period_start (2025) "
                   "(hint: write the first year of the period in baseline_period_start, the last in "
                   "baseline_period_end)")


@pytest.mark.curated
def test_baseline_period_needs_both_years(project):
    set_cell(project, TARGETS, 59, "baseline_period_end", "")
    fails(project, f"{TARGETS}:59: baseline_period_start: given without baseline_period_end "
                   "(hint: a baseline period needs its first and its last year)")


@pytest.mark.curated
def test_baseline_year_and_period_together(project):
    set_cell(project, TARGETS, 59, "baseline_year", "2025")
    fails(project, f"{TARGETS}:59: baseline_year: a figure compares with a year or with a period, not both "
                   "(hint: keep baseline_year empty when baseline_period_start and baseline_period_end are given)")


@pytest.mark.parametrize("cell", ["có", "1", "yes", ""])
def test_year_stated_that_is_not_true_or_false(project, cell):
    set_cell(project, TARGETS, 2, "year_stated", cell)
    expected = "is empty but a value is required" if cell == "" else f'"{cell}" is not true or false'
    fails(project, f"{TARGETS}:2: year_stated: {expected}")


def test_result_comparator_outside_enum(project):
    set_cell(project, RESULTS, 3, "comparator", "trên")
    fails(project, f'{RESULTS}:3: comparator: "trên" is not one of >=, >, =, <, <=')


@pytest.mark.curated
def test_cited_date_that_disagrees_is_a_warning_that_strict_turns_into_failure(project):
    result = run(project, "validate")
    assert result.exit_code == 0
    warning = ("warning: content/documents/ca-mau-cchc-2023.md:18: references[0].date: cited as 2018-03-24 "
               "but 61/2018/NĐ-CP is dated 2018-04-23 "
               "(hint: kept as the source states it; the site shows the disagreement)")
    assert warning in result.stderr.splitlines()
    assert "0 errors, 3 warnings" in result.stderr.splitlines()  # this one, the 41/103 ratio, no absolute base_url
    set_cell(project, "datasets/cchc/results.csv", 51, "numerator", "")  # the only warning left is this one
    set_cell(project, "datasets/cchc/results.csv", 51, "denominator", "")
    strict = run(project, "--strict", "--base-url", "https://example.org/", "validate")  # a site URL: no config warning
    assert strict.exit_code == 1 and warning in strict.stderr
    edit(project, "content/documents/ca-mau-cchc-2023.md", "date: 2018-03-24", "date: 2018-04-23")
    final = run(project, "--strict", "--base-url", "https://example.org/", "validate")
    # the cells edited above changed the data since its release: that warning (generator/release.py) is all that is left
    assert [line.split(": the data", 1)[0] for line in final.stderr.splitlines() if line.startswith("warning:")] == [
        "warning: datasets/cchc/datapackage.yaml: x-data-fingerprint"]


# --- every problem in one run ---------------------------------------------------------------------

@pytest.mark.curated
def test_every_check_runs_whatever_else_failed(project):
    # a table that cannot be read, a release key, a quote, a type error, and a year outside the
    # period (a domain check, on the rows that parsed): all in one run, sorted by file and line
    edit(project, "datasets/cchc/areas.csv", "id,name_vi,name_en", "id,ten,name_en")
    edit(project, "datasets/cchc/datapackage.yaml", "\nversion: 1.1.1", "\nversion: 1.0")
    set_cell(project, TARGETS, 2, "source_quote", "phấn đấu 100% văn bản được rà soát")
    set_cell(project, TARGETS, 6, "year", "2035")
    set_cell(project, TARGETS, 14, "value", "80%")
    fails(project,
          "datasets/cchc/areas.csv:1: wrong header: missing name_vi; unknown 'ten' "
          "(hint: the header must be exactly: id,name_vi,name_en)",
          'datasets/cchc/datapackage.yaml: version: "1.0" is not valid (expected a version such as 1.2.0)',
          f"{TARGETS}:2: source_quote: not found in the text of content/documents/lam-dong-2260-2021.md "
          "(hint: copy the sentence from the document exactly)",
          f'{TARGETS}:6: year: 2035, but the quote states 2021 ("Năm 2021")',  # the figure check, also run
          f"{TARGETS}:6: year: 2035 is outside the period of lam-dong-2260-2021 (2021–2025) "
          "(hint: check the year, or the document's period_start and period_end)",
          f'{TARGETS}:14: value: "80%" is not a number (hint: write 80 and set unit: percent)')


def test_strict_reports_errors_and_warnings_alike_with_the_shipped_site_yaml(project):
    # the shipped site.yaml has a warning (base_url is not absolute): --strict once stopped there,
    # printing "0 errors" while a document had an error
    edit(project, DOC, "date: 2022-05-31", "date: 2022-13-01")
    result = run(project, "--strict")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f'{DOC}:9: date: "2022-13-01" is not valid (expected a real date written YYYY-MM-DD, or null)' in lines
    assert any(line.startswith('warning: site.yaml: base_url: "/" is not an absolute URL') for line in lines)
    assert re.fullmatch(r"1 error, \d+ warnings \(--strict: warnings fail the build\)", lines[-1]), lines[-1]


# --- values that fit --------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["1e400", "NaN", "-inf"])
def test_a_number_no_download_can_hold_is_an_error(project, cell):
    set_cell(project, TARGETS, 6, "value", cell)
    fails(project, f'{TARGETS}:6: value: "{cell}" is not a number the downloads can hold (expected a finite '
                   "number within ±1.8e308) (hint: write the figure in digits, as the text states it: 99.79)")


# --- the data package's own shape ---------------------------------------------------------------

PACKAGE = "datasets/cchc/datapackage.yaml"
VALUE_FIELD = '{name: value, type: number, description: "The figure (a number; 99,79% is written 99.79).",'


def record_release(project) -> None:
    """Record the data's fingerprint as released, as a curator bumping the release would."""
    hint = re.search(r"x-data-fingerprint: (sha256:[0-9a-f]+)\)", run(project, "validate").stderr)
    if hint:
        current = re.search(r"x-data-fingerprint: sha256:[0-9a-f]+", (project / PACKAGE).read_text("utf-8")).group()
        edit(project, PACKAGE, current, f"x-data-fingerprint: {hint.group(1)}")


def line_of(project, text: str) -> int:
    """The line of datapackage.yaml that holds `text` (the tests name a field by its text, not its line)."""
    lines = (project / PACKAGE).read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def targets_index(project) -> int:
    """The position of the targets resource in datapackage.yaml's resources."""
    names = [r["name"] for r in yaml.safe_load((project / PACKAGE).read_text("utf-8"))["resources"]]
    return names.index("targets")


def test_unknown_key_in_a_field_is_an_error_at_its_line(project):
    line, i = line_of(project, VALUE_FIELD), targets_index(project)
    edit(project, PACKAGE, VALUE_FIELD, VALUE_FIELD + " units: percent,")
    fails(project, f"{PACKAGE}:{line}: resources[{i}].schema.fields[9].units: unknown key (hint: expected one of "
                   "name, type, title, description, format, example, constraints, trueValues, falseValues, "
                   "missingValues, bareNumber, decimalChar, groupChar, rdfType)")


def test_a_description_cut_at_its_comma_is_an_error(project):
    line, i = line_of(project, VALUE_FIELD), targets_index(project)
    edit(project, PACKAGE, VALUE_FIELD, VALUE_FIELD.replace('"', ""))
    fails(project, f"{PACKAGE}:{line}: resources[{i}].schema.fields[9].79% is written 99.79).: unknown key "
                   '(hint: a text with a comma is written in quotes: description: "a, b")')


@pytest.mark.parametrize("old, new, message", [
    ("{name: year, type: integer,", "{name: year, type: integr,",
     "resources[{i}].schema.fields[11].type: expected one of string, number, integer, boolean, date, datetime, "
     "time, year, yearmonth, duration, object, array, list, geopoint, geojson, any"),
    ('Year the promise is due.", constraints: {required: true,', 'Year the promise is due.", constraints: '
                                                                 '{required: "yes",',
     "resources[{i}].schema.fields[11].constraints.required: expected true or false"),
])
def test_a_value_of_the_wrong_shape_is_an_error_at_its_line(project, old, new, message):
    line, i = line_of(project, old), targets_index(project)
    edit(project, PACKAGE, old, new)
    fails(project, f"{PACKAGE}:{line}: {message.format(i=i)}")


def test_published_descriptions_are_whole(site):
    package = json.loads((site / "data/cchc/datapackage.json").read_text("utf-8"))
    targets = next(r for r in package["resources"] if r["name"] == "targets")
    value = next(f for f in targets["schema"]["fields"] if f["name"] == "value")
    assert value == {"name": "value", "type": "number", "constraints": {"required": True},
                     "description": "The figure (a number; 99,79% is written 99.79)."}
    types = next(f for f in next(r for r in package["resources"] if r["name"] == "documents")["schema"]["fields"]
                 if f["name"] == "type")
    assert types["description"] == "decision, plan or press-report."


# --- frictionless' structured fields, not its wording ---------------------------------------------

def test_problems_come_from_frictionless_fields_not_its_message_text():
    from frictionless import errors

    from generator.errors import Report
    from generator.tables import Table
    from generator.validate import _report_error
    fields = [{"name": "id", "type": "string"}, {"name": "place", "type": "string"},
              {"name": "year", "type": "integer", "constraints": {"minimum": 1990}}]
    table = Table("targets", TARGETS, {"schema": {"fields": fields, "primaryKey": ["id"]}},
                  header=["id", "place", "year"], raw=[["a", "hue", "2025"], ["a", "da-lat", "1800"]], lines=[2, 3])
    reworded = "upstream reworded this message"
    report = Report()
    _report_error(table, errors.ForeignKeyError(note=reworded, cells=["a", "da-lat", "1800"], row_number=3,
                                                field_names=["place"], field_cells=["da-lat"],
                                                reference_name="places", reference_field_names=["id"]), report)
    _report_error(table, errors.PrimaryKeyError(note=reworded, cells=["a", "da-lat", "1800"], row_number=3), report)
    _report_error(table, errors.ConstraintError(note=reworded, cells=["a", "da-lat", "1800"], row_number=3,
                                                cell="1800", field_name="year", field_number=3), report)
    assert [p.format() for p in report.problems] == [
        f'{TARGETS}:3: place: "da-lat" is not a known id in places (hint: add it to places or correct the spelling)',
        f'{TARGETS}:3: id: duplicate id "a" (hint: line 2 has it too)',
        f'{TARGETS}:3: year: "1800" is below the minimum 1990',
    ]


def test_a_document_reading_process_killed_is_one_line(project, monkeypatch):
    """A worker reading documents killed by the system (most often for want of memory) ends the
    build with one line, no traceback, and the last good site kept."""
    from generator import content

    monkeypatch.setattr(content, "_read_all", _killed)
    fails(project, "content: a document-reading process was killed before it finished (out of memory?) "
                   "(hint: build with --jobs 1 (one process needs less memory), or with more memory)",
          args=("--no-cache", "--jobs", "2"))


def _killed(items) -> None:
    """In place of the documents' reading, in a worker: the system kills it."""
    os.kill(os.getpid(), signal.SIGKILL)
