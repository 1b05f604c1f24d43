"""What a build reads: only files inside the project, whatever links a change plants.

A symbolic link under an input folder that leads outside the project would publish any
file the build machine can read (GitHub Pages' Jekyll refuses links in "safe" mode for
this reason): such a link is an error naming the link and its target, and is never read.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from .errors import Report

FOLDERS = ("site.yaml", "content", "datasets", "templates")  # everything a build reads


def check_links(root: Path, report: Report) -> None:
    """Report every link under the input folders whose target lies outside `root`."""
    root = root.resolve()
    for name in FOLDERS:
        top = root / name
        if top.is_symlink() or not top.is_dir():
            _check(root, top, report)
            continue
        for folder, folders, files in os.walk(top):  # links to folders are listed, not entered
            folders.sort()  # entered in the order of their names, whatever order the file system lists them in
            for entry in sorted(folders + files):
                path = Path(folder) / entry
                if path.is_symlink():
                    _check(root, path, report)


def escapes(path: Path, rel: str) -> Path | None:
    """Where `path` (the file at project path `rel`) really is, when that is outside the project."""
    root = path
    for _ in PurePosixPath(rel).parts:
        root = root.parent
    real, root = path.resolve(), root.resolve()
    return None if root in real.parents else real


def outside_problem(rel: str, target: Path, report: Report) -> None:
    report.add(rel, f"a link to {target}, outside the project", "outside-link",
               hint="copy the file into the project: a build reads nothing outside it")


def _check(root: Path, path: Path, report: Report) -> None:
    if not path.is_symlink():
        return
    rel = path.relative_to(root).as_posix()
    target = escapes(path, rel)
    if target is not None:
        outside_problem(rel, target, report)
