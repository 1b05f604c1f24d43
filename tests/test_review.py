"""The review page of `python build.py serve` (/_review/<id>/), in the real Chromium against the
real server (a subprocess on a free port) on a scratch copy of the project.

The fixture takes four of long-phu-53-2022's curated targets out of datasets/cchc/targets.csv and
writes them, in the drafts format, into drafts/long-phu-53-2022/targets.csv, with one invalid
proposal: accepting them must put the curated lines back exactly."""

from __future__ import annotations

import csv
import http.client
import io
import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.curation.review_bench import take_out
from tests.conftest import ROOT, copy_project, run

DOC = "long-phu-53-2022"
TARGETS = "datasets/cchc/targets.csv"
DRAFTS = f"drafts/{DOC}/targets.csv"
TAKEN = {"accept": f"{DOC}-t21", "edit": f"{DOC}-t22", "reject": f"{DOC}-t30", "keyboard": f"{DOC}-t31"}
INVALID = f"{DOC}-t90"
EXTRA = ["indicator_score", "indicator_candidates", "why", "existing", "status"]


@dataclass
class Served:
    root: Path
    port: int
    lines: dict[str, str]  # the curated line of each proposal taken out of targets.csv

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/_review/{DOC}/"


def write_drafts(root: Path, lines: dict[str, str]) -> None:
    header = next(csv.reader(io.StringIO((root / TARGETS).read_text("utf-8"))))
    rows = [dict(zip(header, next(csv.reader([line])))) for line in lines.values()]
    invalid = dict(rows[0], id=INVALID, level="cap-xa", value="85,5")
    out = io.StringIO()
    writer = csv.DictWriter(out, header + EXTRA, lineterminator="\n")
    writer.writeheader()
    for row in [*rows, invalid]:
        writer.writerow({**row, "indicator_score": "0.80", "indicator_candidates": f"{row['indicator']}:0.80",
                         "why": 'value: "20%"', "existing": "", "status": "new"})
    (root / DRAFTS).parent.mkdir(parents=True)
    (root / DRAFTS).write_text(out.getvalue(), "utf-8")


@pytest.fixture(scope="module")
def served(built_project, tmp_path_factory):
    root = tmp_path_factory.mktemp("review") / "project"
    shutil.copytree(built_project, root)
    lines = take_out(root, list(TAKEN.values()))
    write_drafts(root, lines)
    log = root.parent / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(root), "--jobs", "1",
                                    "serve", "--port", "0"], stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline, port = time.monotonic() + 180, None
        while port is None and time.monotonic() < deadline and process.poll() is None:
            found = re.search(r"serving http://127\.0\.0\.1:(\d+)/", log.read_text("utf-8"))
            port = int(found.group(1)) if found else time.sleep(0.2)
        assert port, log.read_text("utf-8")
        yield Served(root, port, lines)
    finally:
        process.terminate()
        process.wait(timeout=30)


def open_review(browser, served: Served):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    hosts, problems = set(), []
    page.on("request", lambda request: request.url.startswith("http") and hosts.add(urlsplit(request.url).netloc))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(served.url, wait_until="load")
    return page, hosts, problems


def drafted(root: Path) -> dict[str, dict[str, str]]:
    with (root / DRAFTS).open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def announced(page, start: str) -> str:
    """What the aria-live region says, once it starts with `start` (or what it says instead)."""
    try:
        page.wait_for_function("start => document.getElementById('announce').textContent.startsWith(start)",
                               arg=start, timeout=15000)
    except Exception:
        pass  # the assertion below shows what was said instead
    return page.locator("#announce").inner_text()


def test_accept_appends_the_row_keeping_every_byte_and_the_build_passes(browser, served):  # noqa: F811
    before = (served.root / TARGETS).read_bytes()
    line = before.count(b"\n") + 1
    page, hosts, problems = open_review(browser, served)
    page.locator(f"#row-{TAKEN['accept']}").get_by_role("button", name="Accept (a)").click()
    text = announced(page, "Accepted")
    assert text.startswith(f"Accepted {TAKEN['accept']}: written to {TARGETS} line {line}.")
    assert (served.root / TARGETS).read_bytes() == before + (served.lines[TAKEN["accept"]] + "\n").encode("utf-8")
    assert drafted(served.root)[TAKEN["accept"]]["status"] == "accepted"
    assert drafted(served.root)[TAKEN["accept"]]["existing"] == TAKEN["accept"]
    assert hosts == {f"127.0.0.1:{served.port}"} and problems == []
    page.close()
    result = run(served.root, "validate")
    assert result.exit_code == 0, result.stderr


def test_edit_then_accept_writes_the_edited_row(browser, served):  # noqa: F811
    before = (served.root / TARGETS).read_bytes()
    page, _, _ = open_review(browser, served)
    form = page.locator(f"#row-{TAKEN['edit']}")
    edited = "Cut direct state-budget spending on public service units by 15% on average"
    form.locator('[name="statement_en"]').fill(edited)
    form.locator('[name="note_en"]').fill("Edited on the review page.")
    form.get_by_role("button", name="Accept (a)").click()
    announced(page, "Accepted")
    after = (served.root / TARGETS).read_bytes()
    assert after.startswith(before)
    header = next(csv.reader(io.StringIO(before.decode("utf-8"))))
    written = dict(zip(header, next(csv.reader([after[len(before):].decode("utf-8")]))))
    curated = dict(zip(header, next(csv.reader([served.lines[TAKEN["edit"]]]))))
    assert written == {**curated, "statement_en": edited, "note_en": "Edited on the review page."}
    page.close()


def test_reject_marks_the_proposal_and_writes_no_data(browser, served):  # noqa: F811
    before = (served.root / TARGETS).read_bytes()
    page, _, _ = open_review(browser, served)
    page.locator(f"#row-{TAKEN['reject']}").get_by_role("button", name="Reject (r)").click()
    assert announced(page, "Rejected").startswith(f"Rejected {TAKEN['reject']}.")
    assert drafted(served.root)[TAKEN["reject"]]["status"] == "rejected"
    assert (served.root / TARGETS).read_bytes() == before
    page.reload(wait_until="load")  # a rejected proposal is listed, without a form
    assert page.locator(f"#row-{TAKEN['reject']}").count() == 0
    assert page.locator("li.done", has_text=TAKEN["reject"]).inner_text().startswith(
        f"targets {TAKEN['reject']} rejected")
    page.close()


def test_an_invalid_row_is_refused_with_the_builds_own_messages(browser, served, tmp_path):  # noqa: F811
    before = (served.root / TARGETS).read_bytes()
    line = before.count(b"\n") + 1
    page, _, _ = open_review(browser, served)
    page.locator(f"#row-{INVALID}").get_by_role("button", name="Accept (a)").click()
    announced(page, "Refused")
    shown = page.locator(f"#row-{INVALID} [data-problems] li").all_inner_texts()
    assert shown == [
        f'{TARGETS}:{line}: level: "cap-xa" is not one of tinh, huyen, xa, toan-dia-ban',
        f'{TARGETS}:{line}: value: "85,5" is not a number (hint: write 85.5 with a dot for decimals)',
    ]
    assert (served.root / TARGETS).read_bytes() == before
    assert drafted(served.root)[INVALID]["status"] == "new"
    page.close()
    # the same row written by hand: `python build.py validate` says exactly the same
    copy = copy_project(tmp_path / "copy")
    shutil.copy(served.root / TARGETS, copy / TARGETS)
    row = drafted(served.root)[INVALID]
    header = next(csv.reader(io.StringIO(before.decode("utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([row[name] for name in header])
    (copy / TARGETS).write_bytes(before + out.getvalue().encode("utf-8"))
    result = run(copy, "validate")
    assert result.exit_code == 1
    assert [said for said in result.stderr.splitlines() if said.startswith(f"{TARGETS}:{line}:")] == shown


def test_keyboard_alone(browser, served):  # noqa: F811
    before = (served.root / TARGETS).read_bytes()
    page, _, _ = open_review(browser, served)
    controls = page.evaluate("""() => Array.from(document.querySelectorAll(
        'a[href], input, select, textarea, button:not([disabled])')).filter(e => !e.closest('template'))
        .map(e => e.id || e.textContent.trim())""")
    reached = []
    for _ in controls:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.id || document.activeElement.textContent.trim()"))
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", reached[-1]  # the focus is visible
    assert reached == controls  # every control, in order
    page.reload(wait_until="load")  # start again from the top, with nothing selected
    order = page.evaluate("() => Array.from(document.querySelectorAll('form.proposal')).map(f => f.getAttribute('id'))")
    for _ in range(order.index(f"row-{TAKEN['keyboard']}") + 1):
        page.keyboard.press("j")
    assert announced(page, "targets").startswith(f"targets {TAKEN['keyboard']}, new: ")
    page.keyboard.press("e")
    assert page.evaluate("() => document.activeElement.name") == "id"
    page.keyboard.press("Escape")
    page.keyboard.press("a")
    assert announced(page, "Accepted").startswith(f"Accepted {TAKEN['keyboard']}: written to {TARGETS}")
    assert (served.root / TARGETS).read_bytes() == before + (served.lines[TAKEN["keyboard"]] + "\n").encode("utf-8")
    page.close()


def test_a_row_started_from_selected_text(browser, served):  # noqa: F811
    before = (served.root / TARGETS).read_bytes()
    sentence = "100% cán bộ, công chức cấp xã có trình độ văn hoá và chuyên môn đạt chuẩn theo quy định"
    page, _, _ = open_review(browser, served)
    page.evaluate("""sentence => {
        const walker = document.createTreeWalker(document.getElementById('text'), NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const at = walker.currentNode.textContent.indexOf(sentence);
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(walker.currentNode, at);
                range.setEnd(walker.currentNode, at + sentence.length);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                return;
            }
        }
        throw new Error('sentence not in the text');
    }""", sentence)
    page.keyboard.press("n")
    form = page.locator(f"#row-{DOC}-t91")  # the next free id after t90, the last proposal
    assert form.locator('[name="source_quote"]').input_value() == sentence
    for name, value in {"area": "to-chuc-bo-may", "statement": "Cán bộ, công chức cấp xã đạt chuẩn",
                        "statement_en": "Commune officials meeting the standards", "value": "100", "year": "2025"}.items():
        form.locator(f'[name="{name}"]').fill(value)
    for name, value in {"level": "xa", "comparator": "=", "unit": "percent"}.items():
        form.locator(f'[name="{name}"]').select_option(value)
    form.get_by_role("button", name="Accept (a)").click()
    assert announced(page, "Accepted").startswith(f"Accepted {DOC}-t91: written to {TARGETS}")
    after = (served.root / TARGETS).read_bytes()
    assert after.startswith(before) and f"{DOC}-t91,{DOC},long-phu,to-chuc-bo-may,,xa,".encode() in after[len(before):]
    page.close()


def request(served: Served, method: str, path: str, headers: dict[str, str], body: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    data = json.dumps(body).encode() if body is not None else None
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    answer = response.status, response.read().decode("utf-8")
    connection.close()
    return answer


def test_writes_from_another_origin_or_host_are_refused(served):
    page = request(served, "GET", f"/_review/{DOC}/", {"Host": f"127.0.0.1:{served.port}"})
    token = re.search(r'name="csrf-token" content="([^"]+)"', page[1]).group(1)
    own = {"Host": f"127.0.0.1:{served.port}", "Origin": f"http://127.0.0.1:{served.port}",
           "X-CSRF-Token": token, "Content-Type": "application/json"}
    action = f"/_review/{DOC}/reject"
    body = {"table": "targets", "draft": INVALID}
    files = [(served.root / TARGETS).read_bytes(), (served.root / DRAFTS).read_bytes()]
    assert request(served, "POST", action, {**own, "Origin": "http://evil.example"}, body) == \
        (403, '{"problems": ["refused: a write must come from the review page itself (Origin)"]}')
    assert request(served, "POST", action, {k: v for k, v in own.items() if k != "Origin"}, body)[0] == 403
    rebinding = f'{{"problems": ["refused: Host must be one of 127.0.0.1:{served.port}, localhost:{served.port}"]}}'
    assert request(served, "POST", action, {**own, "Host": f"evil.example:{served.port}",
                                            "Origin": f"http://evil.example:{served.port}"}, body) == (403, rebinding)
    assert request(served, "GET", f"/_review/{DOC}/", {"Host": f"evil.example:{served.port}"}) == (403, rebinding)
    assert request(served, "POST", action, {**own, "X-CSRF-Token": "guess"}, body) == \
        (403, '{"problems": ["refused: missing or wrong review token; reload the page"]}')
    assert request(served, "POST", action, {**own, "Content-Type": "text/plain"}, body)[0] == 415
    assert [(served.root / TARGETS).read_bytes(), (served.root / DRAFTS).read_bytes()] == files
    # the same request from the page's own origin is answered (so the refusals above are the checks)
    assert request(served, "POST", action, {**own, "Origin": f"http://localhost:{served.port}"},
                   {"table": "targets", "draft": f"{DOC}-t99"}) == \
        (404, f'{{"problems": ["drafts/{DOC}/targets.csv: no proposal {DOC}-t99 waiting for review"]}}')


def test_the_review_page_is_served_not_published(served, site):
    status, script = request(served, "GET", "/_review/static/review.js", {"Host": f"localhost:{served.port}"})
    assert status == 200 and "X-CSRF-Token" in script
    assert not (site / "_review").exists()
    assert not [p for p in site.rglob("*") if p.name in ("review.js", "review.css", "review.html")]
