"""The comparison point: Pelican building the same documents' Markdown.

Each generated document becomes a Pelican article with the same body and Pelican's own
metadata lines (Title:, Date:, Slug:). The settings are Pelican's defaults minus feeds:
the default theme, relative URLs, no content cache, so it is a cold build every time.
"""

from __future__ import annotations

import re
import shutil
from importlib import metadata
from pathlib import Path

import yaml

from .measure import PYTHON

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)

CONFIG = '''\
# Minimal Pelican settings for the benchmark: default theme, no feeds, no cache.
AUTHOR = "bench"
SITENAME = "bench"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
RELATIVE_URLS = True
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
'''


def version() -> str | None:
    try:
        return metadata.version("pelican")
    except metadata.PackageNotFoundError:
        return None


def write_project(corpus: Path, folder: Path) -> int:
    """A Pelican project in `folder` with every document of `corpus`; returns how many."""
    if folder.exists():
        shutil.rmtree(folder)
    content = folder / "content"
    content.mkdir(parents=True)
    (folder / "conf.py").write_text(CONFIG, "utf-8")
    count = 0
    for path in sorted((corpus / "content/documents").glob("*.md")):
        text = path.read_text("utf-8")
        match = _FRONT.match(text)
        meta = yaml.safe_load(match.group(1)) if match else {}
        body = text[match.end():] if match else text
        when = meta.get("date") or f"{meta.get('period_start', 2000)}-01-01"
        title = " ".join(str(meta.get("title") or path.stem).split())
        header = f"Title: {title}\nDate: {when}\nSlug: {meta.get('id', path.stem)}\n\n"
        (content / path.name).write_text(header + body.lstrip("\n"), "utf-8")
        count += 1
    return count


def command(folder: Path) -> list[str]:
    """`pelican content -o out -s conf.py -q`, run with this interpreter (cwd: `folder`)."""
    return [PYTHON, "-m", "pelican", "content", "-o", "out", "-s", "conf.py", "-q"]


def clean(folder: Path) -> None:
    shutil.rmtree(folder / "out", ignore_errors=True)
    shutil.rmtree(folder / "cache", ignore_errors=True)


def output_stats(folder: Path) -> tuple[int, float]:
    """(HTML pages, output MB) of the last Pelican build."""
    pages = size = 0
    for path in (folder / "out").rglob("*"):
        if path.is_file():
            size += path.stat().st_size
            pages += path.suffix == ".html"
    return pages, size / 2**20
