"""The whole pipeline in one readable function: config → content → data → model →
checks → render → publish → swap. Everything is written to a temporary folder beside
the output; only a fully successful build replaces it.
"""

from __future__ import annotations

import os
import shutil

import tempfile
from contextlib import contextmanager
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import jinja2

from .checks import check_catalogue
from .config import load_config
from .content import load_content
from .data import load_datasets
from .errors import BuildError, Report
from .model import build_catalogue
from .publish.data import publish_data
from .publish.meta import publish_meta
from .render import Site, render_pages
from .search import index_site
from .searchtext import load_abbreviations
from .writer import Writer


@dataclass
class Summary:
    """What a build produced, for the closing line of the CLI."""

    report: Report
    pages: int = 0
    datasets: int = 0
    rows: int = 0
    seconds: float = 0.0
    output: Path | None = None
    stages: list[tuple[str, float]] = field(default_factory=list)


def build(root: Path, *, output: Path | None = None, base_url: str | None = None, strict: bool = False,
          write: bool = True, on_stage: Callable[[str, float], None] | None = None) -> Summary:
    """Build the site in `root` (or only validate it, with `write=False`); raise BuildError on problems."""
    root = root.resolve()
    report = Report()
    summary = Summary(report)
    started = clock = time.perf_counter()

    def stage(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        summary.stages.append((name, now - clock))
        if on_stage:
            on_stage(name, now - clock)
        clock = now

    config = load_config(root, report, {"base_url": base_url})
    report.check(strict)
    stage("config")
    content = load_content(root, report)
    stage("content")
    datasets = load_datasets(root, content, report)
    report.check(strict)
    stage("data")
    catalogue = build_catalogue(content, datasets)
    check_catalogue(catalogue, report)
    abbreviations = load_abbreviations(root, report)
    report.check(strict)
    stage("model")
    summary.datasets = len(datasets)
    summary.rows = sum(len(t.rows) for d in datasets for t in d.tables.values())
    if write:
        summary.output = Path(output).resolve() if output else config.output_dir
        with staging_folder(summary.output) as folder:
            writer = Writer(folder, report)
            site = Site(config, catalogue, writer, report)
            report.check(strict)
            summary.pages = render_templates(site, report)
            stage("render")
            publish_data(catalogue, config, writer, source_date_epoch())
            publish_meta(config, writer)
            report.check(strict)
            stage("publish")
            index_site(site, folder, abbreviations, report)
            report.check(strict)
            stage("search")
            swap(folder, summary.output)
            stage("swap")
    summary.seconds = time.perf_counter() - started
    return summary


def render_templates(site: Site, report: Report) -> int:
    """Render pages, turning template mistakes into problems at the template's line."""
    try:
        return render_pages(site)
    except jinja2.TemplateSyntaxError as exc:
        report.add(f"templates/{exc.name or exc.filename}", f"template syntax error: {exc.message}",
                   "template", line=exc.lineno)
    except (jinja2.UndefinedError, jinja2.TemplateNotFound, KeyError, TypeError, AttributeError) as exc:
        file, line = _template_frame(exc, site.config.root / "templates")
        if file is None:
            raise
        report.add(file, f"template error: {exc}", "template", line=line)
    raise BuildError(report)


def _template_frame(exc: BaseException, folder: Path) -> tuple[str | None, int | None]:
    """The innermost template file and line in a rendering traceback."""
    found = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.suffix == ".html" and folder in path.parents:
            found = (f"templates/{path.relative_to(folder).as_posix()}", frame.lineno)
    return found


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed date, never the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else 315532800  # 1980-01-01, the earliest zip time


@contextmanager
def staging_folder(output: Path) -> Iterator[Path]:
    """A temporary folder beside `output`, removed unless it was swapped in."""
    output.parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f".{output.name}.build-", dir=output.parent))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)  # gone already when swapped in


def swap(folder: Path, output: Path) -> None:
    """Replace `output` by `folder` with two renames; the old site is deleted only afterwards."""
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        os.rename(output, old)
    try:
        os.rename(folder, output)
    except OSError:
        if old:
            os.rename(old, output)
        raise
    if old:
        shutil.rmtree(old, ignore_errors=True)


