"""Places over time (generator/places.py): the checks on places' dates and changes, with their
exact messages, and the place_today lookup. Each case edits a scratch copy of the project and runs
the real pipeline (content → data → catalogue → checks), so the hook in checks.py is covered too."""

from __future__ import annotations

from pathlib import Path

from generator.checks import check_catalogue
from generator.content import load_content
from generator.data import load_datasets
from generator.errors import Report
from generator.model import build_catalogue
from generator.places import place_history, place_today

PLACES = "datasets/cchc/places.csv"
CHANGES = "datasets/cchc/place_changes.csv"
HEADER = "id,from_place,to_place,date,kind,legal_document,note,note_en\n"


def catalogue(root: Path):
    report = Report()
    content = load_content(root, report)
    cat = build_catalogue(content, load_datasets(root, content, report))
    assert not report.errors, report.format_text()
    return cat


def place_problems(root: Path) -> list[str]:
    """The formatted place problems (codes place-*) the checks find in `root`."""
    report = Report()
    check_catalogue(catalogue(root), report)
    return [p.format() for p in sorted(report.problems, key=lambda p: p.sort_key()) if p.code.startswith("place-")]


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def changes(root: Path, *rows: str) -> None:
    (root / CHANGES).write_text(HEADER + "".join(row + "\n" for row in rows), "utf-8")


def line_of(root: Path, name: str, start: str) -> int:
    lines = (root / name).read_text("utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if text.startswith(start))


def test_the_project_as_it_is_has_no_place_problem(scratch):
    assert place_problems(scratch) == []


def test_an_end_before_the_start(scratch):
    edit(scratch, PLACES, "can-tho-2025,thành phố Cần Thơ,Can Tho city,tinh,viet-nam,2025-07-01,",
         "can-tho-2025,thành phố Cần Thơ,Can Tho city,tinh,viet-nam,2025-07-01,2025-06-30")
    line = line_of(scratch, PLACES, "can-tho-2025")
    assert f"{PLACES}:{line}: valid_until: 2025-06-30 is before valid_from (2025-07-01)" in place_problems(scratch)


def test_a_place_that_ended_without_a_successor(scratch):
    changes(scratch, *[row for row in (scratch / CHANGES).read_text("utf-8").splitlines()[1:]
                       if not row.startswith("ca-mau-")])
    line = line_of(scratch, PLACES, "ca-mau,")
    assert place_problems(scratch) == [
        f"{PLACES}:{line}: valid_until: ca-mau ended on 2025-06-30 but no row of {CHANGES} starts from it "
        "(hint: add a row from ca-mau to its successor, or with an empty to_place and a note saying why "
        "nothing succeeds it)"]


def test_a_change_not_on_the_day_after_the_end(scratch):
    edit(scratch, CHANGES, "ca-mau-ca-mau-2025,ca-mau,ca-mau-2025,2025-07-01,",
         "ca-mau-ca-mau-2025,ca-mau,ca-mau-2025,2025-06-30,")
    line = line_of(scratch, CHANGES, "ca-mau-ca-mau-2025")
    assert f"{CHANGES}:{line}: date: 2025-06-30 is not the day after ca-mau's valid_until (2025-06-30)" \
        in place_problems(scratch)


def test_a_change_from_a_place_that_still_exists(scratch):
    changes(scratch, "x,viet-nam,can-tho-2025,2025-07-01,renamed,nq-202-2025-qh15,,",
            *(scratch / CHANGES).read_text("utf-8").splitlines()[1:])
    assert place_problems(scratch) == [
        f"{CHANGES}:2: from_place: viet-nam has no valid_until, so it cannot have changed "
        "(hint: set its valid_until to 2025-06-30)"]


def test_a_successor_that_begins_after_the_change(scratch):
    edit(scratch, PLACES, "ca-mau-2025,tỉnh Cà Mau,Ca Mau province,tinh,viet-nam,2025-07-01,",
         "ca-mau-2025,tỉnh Cà Mau,Ca Mau province,tinh,viet-nam,2025-07-02,")
    line = line_of(scratch, CHANGES, "ca-mau-ca-mau-2025")
    assert place_problems(scratch) == [
        f"{CHANGES}:{line}: to_place: ca-mau-2025 begins on 2025-07-02, after the change (2025-07-01)"]


def test_changes_that_go_round_in_a_circle(scratch):
    edit(scratch, PLACES, "can-tho-2025,thành phố Cần Thơ,Can Tho city,tinh,viet-nam,2025-07-01,",
         "can-tho-2025,thành phố Cần Thơ,Can Tho city,tinh,viet-nam,,2025-06-30")
    rows = (scratch / CHANGES).read_text("utf-8").splitlines()[1:]
    changes(scratch, *rows, "back,can-tho-2025,soc-trang,2025-07-01,renamed,nq-202-2025-qh15,,")
    first = line_of(scratch, CHANGES, "soc-trang-can-tho-2025")
    problems = place_problems(scratch)
    assert f"{CHANGES}:{first}: to_place: soc-trang → can-tho-2025 → soc-trang: the changes go round in a circle" \
        in problems
    assert sum("circle" in p for p in problems) == 1


def test_an_ending_without_successor_must_say_why(scratch):
    edit(scratch, CHANGES, "long-phu-can-tho-2025,long-phu,can-tho-2025,2025-07-01,abolished,luat-72-2025-qh15,",
         "long-phu-can-tho-2025,long-phu,,2025-07-01,abolished,luat-72-2025-qh15,")
    assert place_problems(scratch) == []  # its note says what happened
    assert place_today(catalogue(scratch), "long-phu") is None
    rows = [row.split(",")[:6] for row in (scratch / CHANGES).read_text("utf-8").splitlines()[1:]]
    changes(scratch, *[",".join(row) + ",," for row in rows])
    line = line_of(scratch, CHANGES, "long-phu-can-tho-2025")
    assert place_problems(scratch) == [
        f"{CHANGES}:{line}: note: no to_place and no note: say why nothing succeeds long-phu"]


def test_only_a_split_has_several_successors(scratch):
    rows = (scratch / CHANGES).read_text("utf-8").splitlines()[1:]
    changes(scratch, *rows, "ca-mau-part,ca-mau,can-tho-2025,2025-07-01,merged,nq-202-2025-qh15,,")
    first, second = line_of(scratch, CHANGES, "ca-mau-ca-mau-2025"), line_of(scratch, CHANGES, "ca-mau-part")
    message = f"kind: ca-mau has 2 changes (lines {first}, {second}); only a split has more than one"
    assert place_problems(scratch) == [f"{CHANGES}:{first}: {message}", f"{CHANGES}:{second}: {message}"]
    changes(scratch, *[row.replace(",merged,", ",split,") if row.startswith("ca-mau-") else row for row in rows],
            "ca-mau-part,ca-mau,can-tho-2025,2025-07-01,split,nq-202-2025-qh15,,")
    assert place_problems(scratch) == []
    assert place_today(catalogue(scratch), "ca-mau") is None  # no single unit today


def test_a_place_that_outlives_its_parent(scratch):
    edit(scratch, PLACES, "long-phu,huyện Long Phú,Long Phu district,huyen,soc-trang,,2025-06-30",
         "long-phu,huyện Long Phú,Long Phu district,huyen,soc-trang,,")
    changes(scratch, *[row for row in (scratch / CHANGES).read_text("utf-8").splitlines()[1:]
                       if not row.startswith("long-phu")])
    line = line_of(scratch, PLACES, "long-phu")
    assert place_problems(scratch) == [
        f"{PLACES}:{line}: parent: long-phu outlives its parent soc-trang, which ended on 2025-06-30 "
        "(hint: end long-phu by 2025-06-30, or give it the parent it has since)"]


def test_place_today_follows_the_changes(scratch):
    cat = catalogue(scratch)
    history = place_history(cat)
    assert place_today(cat, "long-phu") == "can-tho-2025"  # through its own change, not its parent's
    assert place_today(cat, "viet-nam") == "viet-nam"  # a place that still exists is its own today
    assert place_today(cat, "no-such-place") is None
    assert [c.source for c in history.predecessors("can-tho-2025")] == ["soc-trang", "hau-giang", "long-phu"]
    assert [c.target for c in history.successors("ca-mau")] == ["ca-mau-2025"]
    assert cat.province_today_of("long-phu") == "can-tho-2025"  # a district: the province its unit today is in
    assert cat.province_today_of("viet-nam") is None  # above the provinces
    assert [p.id for p in cat.former_units("can-tho-2025")] == ["hau-giang", "soc-trang", "long-phu"]  # places' order
    assert [c.source for c in cat.place_changes_made_by("luat-72-2025-qh15")] == ["long-phu"]


def test_the_history_is_built_once_with_the_catalogue(scratch):
    cat = catalogue(scratch)
    assert place_history(cat) is place_history(cat)  # pages and flat-table rows look up, never rebuild
    assert cat.today_of("soc-trang") == "can-tho-2025" and place_today(cat, "soc-trang") == "can-tho-2025"
