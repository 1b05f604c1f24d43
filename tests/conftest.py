"""Shared fixtures: the real site built once per session (and once more for a public site URL),
read only by every test that reads it; scratch copies of the project in tmp_path that a test may
break (never the working tree); one Chromium and one local web server per session."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from generator.cli import main
from tests.support import make_project

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ("site.yaml", "content", "datasets", "templates")
OUTPUTS = ("_site", ".cache")  # what a build writes in a project: never written into in place, only replaced
# A plan with targets and a report with results (and the rows of their own figures only)
SMALL = ("long-phu-53-2022", "soc-trang-ket-qua-2022-2023")
BASE = "https://example.org/cchc/"  # the public site URL of the session's `absolute_site`
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


# The files that take longest, longest first: two workers (pytest.ini: --dist loadfile, handed
# out in collection order) then finish together instead of one waiting for the other's last
# long file. The rest follow in their own order. (Seconds summed over a file's tests, measured.)
LONGEST_FIRST = ("test_incremental.py", "test_axe.py", "test_errors.py", "test_safety.py", "test_search.py",
                 "test_browser_site.py", "test_site3_cite.py", "test_site3_browser.py", "test_figure_check.py",
                 "test_legal.py", "test_browser.py", "test_build.py", "test_search_ranking.py")


# Where the tests write: a folder in memory (/dev/shm) when the machine has one with room, else
# pytest's usual temporary folder. A build makes hundreds of small files and folders, and on this
# machine's disk making one costs about a millisecond (0.03 ms in memory): the tests' work went
# from 542 s to 458 s. Made by the controller, before pytest reads its basetemp; the workers get a
# folder in it each (xdist). A passed test's tmp_path is removed as it ends (pytest.ini), the
# whole folder at the end of a run that passed; `--basetemp DIR` chooses the folder instead.
MEMORY = Path("/dev/shm")
MEMORY_NEEDED = 4 * 1024 ** 3  # room to spare: a whole run held 0.53 GB there at most (measured)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    if config.option.basetemp is None and not hasattr(config, "workerinput") and MEMORY.is_dir() \
            and os.access(MEMORY, os.W_OK) and shutil.disk_usage(MEMORY).free >= MEMORY_NEEDED \
            and not os.statvfs(MEMORY).f_flag & os.ST_NOEXEC:  # some tests run a script they write
        config.option.basetemp = config.in_memory = tempfile.mkdtemp(prefix="cchc-tests-", dir=MEMORY)


def pytest_sessionfinish(session, exitstatus):
    folder = getattr(session.config, "in_memory", None)
    if folder and exitstatus == 0:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    folder = getattr(config, "in_memory", None)
    if folder and exitstatus != 0:
        terminalreporter.write_line(f"the failed tests' files are kept in {folder} (it holds memory: remove it when done)")


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a file's tests keep their order


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
    """Run the CLI on `root` in-process; returns click's Result (exit_code, stdout, stderr).
    One process unless `args` say `--jobs`: the suite's two workers already keep both cores
    busy, and a pool of forked workers in each build would only add their cost (the tests of
    parallel builds, and test_incremental's rebuilds, ask for two)."""
    jobs = () if {"--jobs", "-j"} & set(args) else ("--jobs", "1")
    return CliRunner().invoke(main, ["--root", str(root), *jobs, *args], catch_exceptions=False)


def digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the hash of its bytes: equal digests, identical trees."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file under `folder` with its inode, size and modification time, read without
    opening one: a file written (even with the same bytes), replaced, added or removed changes
    it. For "left untouched" (a failed build); `digest` compares two trees' contents."""
    found = {}
    for parent, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(parent, name)
            stat = os.stat(path)
            found[os.path.relpath(path, folder)] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return found


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of the project's inputs (no _site, no cache) that a test may break."""
    return copy_project(tmp_path / "project")


def kept_built(root: Path) -> Iterator[Path]:
    """Build `root` once for the session, yield it, and fail if a test changed its outputs (scratch
    copies share their files: see `copy_built`)."""
    result = run(root, "--quiet")
    assert result.exit_code == 0, result.stderr
    before = {name: digest(root / name) for name in OUTPUTS}
    yield root
    assert {name: digest(root / name) for name in OUTPUTS} == before, \
        f"a test wrote into the outputs of the session's {root.parent.name} project in place (see copy_built)"


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Iterator[Path]:
    """A fresh copy of the real project (no _site, no cache), built once: what a newcomer's
    first build does; a failed build fails every test that reads it."""
    yield from kept_built(copy_project(tmp_path_factory.mktemp("real") / "project"))


def copy_built(built: Path, tmp_path: Path, linked: bool = True) -> Path:
    """A scratch copy of a built project (its inputs, last good _site and warm .cache/).

    Its inputs are copied. Its outputs are hard links to the built project's files (a copy costs
    about a second, a link a fifth of it): a build never writes into an output file, it replaces
    it, so the copy's builds leave the original as it was. A test that edits an output file in
    place (a tampered page or cache entry) asks for `linked=False`; the session fixtures fail if
    one did not."""
    root = tmp_path / "project"
    shutil.copytree(built, root, ignore=lambda folder, names: OUTPUTS if linked and Path(folder) == built else ())
    for name in OUTPUTS if linked else ():
        if (built / name).is_dir():
            shutil.copytree(built / name, root / name, copy_function=os.link)
    return root


@pytest.fixture
def project(built_project, tmp_path) -> Path:
    """A scratch copy of the built project, including its last good _site."""
    return copy_built(built_project, tmp_path)


@pytest.fixture(scope="session")
def built_small(tmp_path_factory) -> Iterator[Path]:
    """A small project (tests/support.py: the documents in SMALL and only their rows), built once."""
    yield from kept_built(make_project(tmp_path_factory.mktemp("small") / "project", SMALL))


@pytest.fixture
def small(built_small, tmp_path) -> Path:
    """A scratch copy of the built small project, including its last good _site and warm .cache/."""
    return copy_built(built_small, tmp_path)


@pytest.fixture(scope="session")
def site(built_project) -> Path:
    return built_project / "_site"


@pytest.fixture(scope="session")
def absolute_site(built_project, tmp_path_factory) -> Path:
    """The real project built for the public site URL `BASE` (read only, like `site`)."""
    out = tmp_path_factory.mktemp("absolute") / "site"
    # --no-cache: the shared built project's .cache/ must stay the one its own _site was built with
    # (other tests copy it and expect a rebuild with nothing changed to render nothing)
    result = run(built_project, "--quiet", "--no-cache", "--base-url", BASE, "--output", str(out))
    assert result.exit_code == 0, result.stderr
    return out


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    """Serve `folder` on a free local port: yields its base URL (for a fixture)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(site):
    """The session's site served on a free local port."""
    yield from serve(site)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session; each test opens (and closes) its own page."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()
