"""The whole pipeline in one readable function: config → content → data → model →
checks → render → publish → swap. Everything is written to a temporary folder beside
the output; only a fully successful build replaces it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .incremental import cache
from .incremental.cache import Cache
from .incremental.templates import TemplateCache
from .incremental.deps import call
from .incremental.pagestore import Inputs, page_store
from .checks import check_catalogue
from .release import check_release
from .sourcelinks import check_source_urls
from .config import load_config
from .content import load_content
from .data import load_datasets
from .errors import Report
from .inputs import check_links
from .model import Catalogue, build_catalogue
from .outputs import MARKER, MARKER_TEXT, check_output, is_ours
from .downloads.formats import libraries
from .downloads.publish import downloads_key, publish_downloads
from .pages.crawlers import publish_meta
from .render import Site, pages_key, render_pages
from .search import index_site, search_key, search_pages_key
from .searchtext import load_abbreviations
from .writer import Writer


@dataclass
class Summary:
    """What a build produced, for the closing line of the CLI."""

    report: Report
    pages: int = 0
    rendered: int = 0  # pages rendered by this build; the others were reused from .cache/
    datasets: int = 0
    rows: int = 0
    seconds: float = 0.0
    output: Path | None = None
    files: int = 0  # files in the site built
    bytes: int = 0  # and their size
    stages: list[tuple[str, float]] = field(default_factory=list)


def build(root: Path, *, output: Path | None = None, base_url: str | None = None, strict: bool = False,
          write: bool = True, jobs: int | None = None, use_cache: bool = True,
          on_stage: Callable[[str, float], None] | None = None) -> Summary:
    """Build the site in `root` (or only validate it, with `write=False`); raise BuildError on problems.

    `jobs` processes read documents, write downloads, render and index pages (default: every
    core); `use_cache=False` ignores `.cache/`.
    """
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
    if write and config is not None:  # before anything is read or written: an output that is not a site is refused
        summary.output = check_output(root, output or config.output_dir)
    stage("config")
    # every check runs whatever an earlier one found (every problem in one run); the first
    # `report.check` comes only when all have run, before anything is written
    with cache.using(Cache(root, enabled=use_cache, readonly=not write, libraries=libraries())) as store:
        check_links(root, report)  # a link leading outside the project is never read (nor published)
        workers = jobs or os.cpu_count() or 1
        content = load_content(root, report, workers)
        stage("content")
        datasets = load_datasets(root, content, report)
        stage("data")
        catalogue = build_catalogue(content, datasets)
        if catalogue is not None:
            check_catalogue(catalogue, report)
            check_release(datasets, report)
            if config is not None and config.check_source_urls:
                check_source_urls(catalogue, report)
        abbreviations = load_abbreviations(root, report)
        report.check(strict)
        stage("model")
        summary.datasets = len(datasets)
        summary.rows = sum(len(t.rows) for d in datasets for t in d.tables.values())
        if write:
            remove_leftovers(summary.output)
            with staging_folder(summary.output, recycle=use_cache) as (folder, recycled), \
                    Writer(folder, report, recycled, folders_of=_folders_to_make(summary.output, use_cache, recycled)) as writer:
                writer.write(MARKER, MARKER_TEXT)  # only a marked folder is ever replaced or recycled
                epoch = source_date_epoch()
                files = page_store(store, summary.output, "downloads", Inputs(), "download-files")
                downloads = cache.tree("downloads", downloads_key(datasets, config, epoch), writer,
                                       lambda: publish_downloads(catalogue, config, writer, epoch, workers, files))
                files.save()  # now, not after the swap: a national site's index of downloads is not held meanwhile
                del files
                stage("downloads")
                site = Site(config, catalogue, writer, report, TemplateCache(store))
                site.downloads = downloads
                report.check(strict)
                inputs = catalogue_inputs(root, content, datasets, epoch)
                pages = page_store(store, summary.output, pages_key(config), inputs)
                counts = render_pages(site, pages, workers)
                summary.pages, summary.rendered = counts.rendered + counts.reused, counts.rendered
                stage("render")
                publish_meta(config, writer)
                report.check(strict)
                stage("publish")
                search_pages = page_store(store, summary.output, search_pages_key(pages_key(config), abbreviations),
                                          inputs, "search-pages")
                cache.tree("search", search_key(pages_key(config), inputs.digest()), writer,
                           lambda: index_site(site, writer, abbreviations, report, search_pages, workers))
                report.check(strict)
                stage("search")
                writer.finish()
                summary.files, summary.bytes = len(writer.written), writer.size()
                swap(folder, summary.output, keep=use_cache)
                pages.save()
                search_pages.save()
                stage("swap")
    summary.seconds = time.perf_counter() - started
    return summary


def catalogue_inputs(root: Path, content, datasets: list, epoch: int) -> Inputs:
    """What the catalogue is made from (see Inputs): every table and content file, and apart
    from them each document's text, which a page reads through one lookup (`text_of`)."""
    texts = {root / document.source for document in content.documents}
    base = cache.digest(cache.data_hash(datasets), cache.folder_hash(root / "content", skip=texts),
                        [document.fingerprint() for document in content.documents], epoch)
    reads = Catalogue.text_of.__name__  # the lookup as pages record it: renaming the method keeps this true
    return Inputs(base, {call(reads, document.id): document.stored.digest for document in content.documents})


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed date, never the clock."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else 315532800  # 1980-01-01, the earliest zip time


def remove_leftovers(output: Path) -> None:
    """Remove the staging and old folders a killed build left beside `output` (their process is dead)."""
    for kind in ("build", "old"):
        cache.remove_stale(output.parent, f".{output.name}.{kind}-")


def _folders_to_make(output: Path, recycle: bool, recycled: bool) -> Path | None:
    """The site whose folders a build with nothing to recycle makes in the background: the
    current one, when there is one and the next build will recycle."""
    return output if recycle and not recycled and output.is_dir() else None


def spare(output: Path) -> Path:
    """Where the site before the current one is kept (`._site.spare`), for the next build to
    recycle: its folders are reused (creating tens of thousands costs seconds), its files are
    replaced or removed (see Writer). Deleting it is always safe."""
    return output.with_name(f".{output.name}.spare")


@contextmanager
def staging_folder(output: Path, recycle: bool = False) -> Iterator[tuple[Path, bool]]:
    """A temporary folder beside `output` (named with our PID), and whether it is the recycled
    spare; unless it was swapped in, it becomes the spare again (or is removed)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f".{output.name}.build-{os.getpid()}-", dir=output.parent))
    recycled = False
    if recycle and spare(output).is_dir() and is_ours(spare(output)):
        path.rmdir()
        try:
            os.rename(spare(output), path)  # atomic: of two builds, one gets it
            recycled = True
        except OSError:
            path.mkdir()
    path.chmod(0o755)
    try:
        yield path, recycled
    finally:
        if path.exists() and not (recycle and _rename(path, spare(output))):
            shutil.rmtree(path, ignore_errors=True)


def swap(folder: Path, output: Path, keep: bool = False) -> None:
    """Replace `output` by `folder` with two renames; the old site is kept as the spare
    (`keep`) or deleted, only afterwards."""
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
    if old and not (keep and _rename(old, spare(output))):
        shutil.rmtree(old, ignore_errors=True)


def _rename(source: Path, target: Path) -> bool:
    try:
        os.rename(source, target)  # fails when `target` is a folder with files (another build's spare)
    except OSError:
        return False
    return True
