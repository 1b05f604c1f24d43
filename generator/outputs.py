"""Where a build may write: never over anything a maintainer has.

A build replaces its output folder as a whole (and keeps the site before as the spare the
next build recycles), so the output must be a folder only builds own. It is refused when it
is the project folder or contains it, when it is or contains an input folder, and when it
already holds files without the marker every build writes into its output (a folder of the
maintainer's, not a site). MkDocs refuses a `site_dir` inside its sources for the same reason.
"""

from __future__ import annotations

import os
from pathlib import Path

MARKER = ".cchc-site"  # written into every output; a non-empty folder without it is not ours
MARKER_TEXT = "Built by the CCHC site generator: every build replaces this folder as a whole.\n"
# Folders and files of the project that are read, kept or versioned: never an output.
INPUTS = ("site.yaml", "build.py", "content", "datasets", "templates", "generator", "docs", "tests", ".git",
          "benchmarks", "drafts", ".cache", ".ci", "requirements.txt", "requirements-dev.txt", "README.md")


class UnsafeOutput(Exception):
    """The output folder would replace something that is not a site; the message says which and why."""


def is_inside(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or lies under it (both resolved)."""
    return path == folder or folder in path.parents


def check_output(root: Path, output: Path) -> Path:
    """`output` resolved, after checking that a build may replace it; else UnsafeOutput."""
    root, output = root.resolve(), Path(output).resolve()
    refuse = f"cannot build into {output}:"
    if output == root:
        raise UnsafeOutput(f"{refuse} it is the project folder")
    if output in root.parents:
        raise UnsafeOutput(f"{refuse} it contains the project folder {root}")
    for name in INPUTS:
        given = root / name
        if not (given.exists() or given.is_symlink()):
            continue
        folder = given.resolve()  # an input may be a link to a folder elsewhere
        if is_inside(output, folder):
            where = "it is" if output == folder else "it is inside"
            raise UnsafeOutput(f"{refuse} {where} the project's {_label(name, folder)}")
        if is_inside(folder, output):
            raise UnsafeOutput(f"{refuse} it contains the project's {_label(name, folder)}")
    if output.exists() and not output.is_dir():
        raise UnsafeOutput(f"{refuse} it is a file")
    if not is_ours(output):
        raise UnsafeOutput(f"{refuse} it is not empty and no build made it (it has no {MARKER} file); "
                           "delete it or choose another folder")
    return output


def is_ours(folder: Path) -> bool:
    """Whether a build may replace or recycle `folder`: missing, empty, or marked by a build."""
    if folder.is_symlink():
        return False
    if not folder.is_dir():
        return not folder.exists()
    if (folder / MARKER).is_file() and not (folder / MARKER).is_symlink():
        return True
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def _label(name: str, path: Path) -> str:
    return f"{name}/ folder" if path.is_dir() else name
