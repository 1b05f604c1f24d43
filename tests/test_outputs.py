"""Safe output by construction: a build replaces only a folder a build made."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import digest, run


def refused(root: Path, *args: str) -> str:
    """The command must exit 2 with one line and leave every file of the project (its _site too) as it was."""
    before = digest(root.parent)
    result = run(root, *args)
    assert result.exit_code == 2, result.stderr
    assert digest(root.parent) == before
    assert len(result.stderr.splitlines()) == 1
    return result.stderr.strip()


@pytest.mark.parametrize("output, why", [
    ("content", "it is the project's content/ folder"),
    ("datasets/cchc", "it is inside the project's datasets/ folder"),
    ("templates", "it is the project's templates/ folder"),
    ("content/documents", "it is inside the project's content/ folder"),
    (".", "it is the project folder"),
])
def test_output_that_is_or_is_inside_an_input_is_refused(project, output, why):
    target = (project / output).resolve()
    assert refused(project, "--output", str(project / output)) == f"error: cannot build into {target}: {why}"


def test_output_that_contains_the_project_is_refused(project):
    parent = project.parent.resolve()
    assert refused(project, "--output", str(project.parent)) == \
        f"error: cannot build into {parent}: it contains the project folder {project.resolve()}"


def test_output_in_site_yaml_is_checked_too(project):
    path = project / "site.yaml"
    path.write_text(path.read_text("utf-8").replace("output: _site", "output: content"), "utf-8")
    assert refused(project, "--quiet") == \
        f"error: cannot build into {(project / 'content').resolve()}: it is the project's content/ folder"


def test_serve_refuses_an_input_folder_before_serving(project):
    assert refused(project, "--output", str(project / "datasets"), "serve") == \
        f"error: cannot build into {(project / 'datasets').resolve()}: it is the project's datasets/ folder"


def test_a_folder_no_build_made_is_never_replaced(project, tmp_path):
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "plan.txt").write_text("ghi chú", "utf-8")
    assert refused(project, "--output", str(mine)) == \
        f"error: cannot build into {mine.resolve()}: it is not empty and no build made it (it has no .cchc-site " \
        "file); delete it or choose another folder"
    assert (mine / "plan.txt").read_text("utf-8") == "ghi chú"


def test_every_output_is_marked_and_an_empty_folder_is_accepted(project, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(project, "--quiet", "--output", str(empty)).exit_code == 0
    assert (empty / ".cchc-site").is_file() and (empty / "index.html").is_file()
    assert (project / "_site/.cchc-site").is_file()
    # a marked folder is ours: the next build replaces it
    assert run(project, "--quiet", "--output", str(empty)).exit_code == 0


def test_an_unmarked_spare_is_never_recycled(project):
    spare = project / "._site.spare"
    if spare.exists():
        shutil.rmtree(spare)
    spare.mkdir()
    (spare / "keep.txt").write_text("của tôi", "utf-8")
    before = digest(spare)
    assert run(project, "--quiet").exit_code == 0
    assert digest(spare) == before
    assert not (project / "_site/keep.txt").exists()
    assert (project / "_site/.cchc-site").is_file()
