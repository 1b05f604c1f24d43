"""Recorded source addresses (generator/sourcelinks.py): well formed, recorded once, each url with
its url_kind; warnings only, behind site.yaml's check_source_urls (off by default)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from generator.sourcelinks import malformed
from tests.conftest import run

LEGAL = "datasets/cchc/legal_documents.csv"
HG = "content/documents/hau-giang-217-2022.md"
ND61 = ("https://vietjack.me/phap-luat/nghi-dinh-61-2018-nd-cp-ve-thuc-hien-co-che-mot-cua-mot-cua-lien-thong-"
        "trong-giai-quyet-thu-tuc-hanh/chuong-i-4656.html")


def switch_on(root: Path) -> None:
    with open(root / "site.yaml", "a", encoding="utf-8") as f:
        f.write("check_source_urls: true\n")


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def url_warnings(root: Path) -> list[str]:
    result = run(root, "validate")
    assert result.exit_code == 0, result.output
    return [line for line in result.output.splitlines() if ": url" in line or ": source_url" in line]


def line_of(root: Path, name: str, start: str) -> int:
    lines = (root / name).read_text("utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if text.startswith(start))


@pytest.mark.parametrize("url, problem", [
    ("https://example.org/a b", "it contains white space"),
    (" https://example.org/", "it contains white space"),
    ("htps://example.org/", "expected http:// or https://"),
    ("ftp://example.org/", "expected http:// or https://"),
    ("https://localhost/", "expected a host name such as example.org"),
    ("https:///path", "expected a host name such as example.org"),
    ("https://example.org:port/", "Port could not be cast to integer value as 'port'"),
    ("https://thuvienphapluat.vn/van-ban/a.aspx?tab=4", None),
    ("http://118.69.201.250:801/phap-luat/a.html", None),
])
def test_what_a_well_formed_address_is(url, problem):
    assert malformed(url) == problem


def test_the_project_records_every_address_well_and_once(scratch):
    switch_on(scratch)
    assert url_warnings(scratch) == []


def test_off_by_default(scratch):
    edit(scratch, LEGAL, ND61, "htps://example.org/61")
    assert url_warnings(scratch) == []


def test_a_malformed_address_warns(scratch):
    switch_on(scratch)
    edit(scratch, LEGAL, ND61, "htps://example.org/61")
    line = line_of(scratch, LEGAL, "nd-61-2018")
    assert url_warnings(scratch) == [
        f'warning: {LEGAL}:{line}: url: "htps://example.org/61" is not a well-formed address: '
        "expected http:// or https://"]


def test_an_address_recorded_twice_warns_at_the_second(scratch):
    switch_on(scratch)
    path = scratch / HG
    path.write_text(re.sub(r'source_url: "[^"]+"', f'source_url: "{ND61}"', path.read_text("utf-8")), "utf-8")
    line = line_of(scratch, LEGAL, "nd-61-2018")
    source_line = line_of(scratch, HG, "source_url:")
    assert url_warnings(scratch) == [
        f'warning: {HG}:{source_line}: source_url: "{ND61}" is recorded twice (also at {LEGAL}:{line}, '
        "nd-61-2018) (hint: each source is recorded once: one of the two is probably wrong)"]


def test_a_url_needs_its_kind_and_a_kind_its_url(scratch):
    switch_on(scratch)
    path = scratch / LEGAL
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["id"] == "nd-61-2018":
            row["url_kind"] = ""
        if row["id"] == "kh-100-2021-long-phu":
            row["url_kind"] = "press"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    lines = (line_of(scratch, LEGAL, "nd-61-2018"), line_of(scratch, LEGAL, "kh-100-2021-long-phu"))
    assert url_warnings(scratch) == [
        f"warning: {LEGAL}:{lines[0]}: url_kind: nd-61-2018 has a url but no url_kind "
        "(hint: official-gazette, legal-database, portal or press)",
        f"warning: {LEGAL}:{lines[1]}: url_kind: kh-100-2021-long-phu has a url_kind but no url"]


def test_the_switch_takes_true_or_false(scratch):
    with open(scratch / "site.yaml", "a", encoding="utf-8") as f:
        f.write("check_source_urls: yes please\n")
    result = run(scratch, "validate")
    assert result.exit_code == 1
    assert "site.yaml: check_source_urls: expected true or false" in result.output
