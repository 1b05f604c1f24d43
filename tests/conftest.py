"""Shared fixtures: the real site built once per session, and scratch copies of the
project in tmp_path that a test may break (never the working tree)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ("site.yaml", "content", "datasets", "templates")


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def run(root: Path, *args: str):
    """Run the CLI on `root` in-process; returns click's Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(main, ["--root", str(root), *args], catch_exceptions=False)


def digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the hash of its bytes: equal digests, identical trees."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of the project's inputs (no _site, no cache) that a test may break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """A copy of the real project, built once (its _site is the last good build)."""
    root = copy_project(tmp_path_factory.mktemp("real") / "project")
    result = run(root, "--quiet")
    assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture
def project(built_project, tmp_path) -> Path:
    """A scratch copy of the built project, including its last good _site."""
    root = tmp_path / "project"
    shutil.copytree(built_project, root)
    return root


@pytest.fixture(scope="session")
def site(built_project) -> Path:
    return built_project / "_site"
