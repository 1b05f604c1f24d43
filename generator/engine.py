"""The rendering engine: page specs → HTML files, over every core, reusing unchanged pages.

Rendering one page in one language is a pure function of the catalogue, the page's
spec and the site's templates, settings and interface text. Worker processes are
forked after the catalogue is built (they inherit it; nothing is pickled per task) and
render chunks of pages, each into a file of its own beside the staging folder; they send
back what each page read, never its HTML. The parent is the one writer: in spec order it
claims each page's URL and renames the page's file there, so the site never depends on
timing, and no page's bytes pass through the parent's memory (at 10,000 documents, passing
them kept its heap ~320 MB larger to the end of the build).

While a page renders, every lookup it makes in the catalogue is recorded (which
document, which place's targets, which target's progress, …). The page store keeps
that list with the page; a rebuild re-renders a page only when one of those lookups,
the spec's own values, or the global hash (code, templates, translations, settings)
gives a different answer.
"""

from __future__ import annotations

import multiprocessing
import shutil
import traceback
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import jinja2

from .errors import BuildError, Problem
from .incremental.deps import Resolver, Tracked
from .incremental.pagestore import PageStore, deps_digest
from .pages.spec import Lazy
from .parallel import forked

PARALLEL_MIN = 48  # fewer pages than this render in-process: forking costs more than it saves
CHUNK_MAX = 64  # pages a worker renders per task: 2 × jobs tasks are in flight, their HTML held twice (pickled and not)


@dataclass
class Outcome:
    """A worker's answer for one page: the size of the file it wrote and what it read, or the
    problem it hit."""

    size: int = 0
    deps: tuple = ()
    deps_digest: str = ""
    problem: Problem | None = None
    crash: str | None = None


@dataclass
class Counts:
    rendered: int = 0
    reused: int = 0


_STATE: tuple | None = None  # (site, specs, tasks, scratch folder): set before forking, inherited by the workers
_RESOLVER: "Resolver | None" = None


def render_specs(site, specs: list, store: PageStore, jobs: int) -> Counts:
    """Write every spec in every language through `site.writer`; reuse what the store still holds."""
    global _STATE, _RESOLVER
    languages = site.config.languages
    tasks = [(i, lang) for i, spec in enumerate(specs) for lang in (spec.languages or languages)
             if lang in languages]
    resolver = site.resolver
    own: dict[int, str] = {}  # spec → the hash of its own values, once for all its languages

    def own_values(i: int) -> Callable[[], str]:
        def hashed() -> str:
            if i not in own:
                own[i] = resolver.values(specs[i].values)
            return own[i]
        return hashed

    current = store.reuse(((page_key(specs[i], lang), own_values(i)) for i, lang in tasks), resolver.answer)
    reuse = {k: current[page_key(specs[i], lang)] for k, (i, lang) in enumerate(tasks)
             if page_key(specs[i], lang) in current}
    todo = [k for k in range(len(tasks)) if k not in reuse]
    scratch = site.writer.root.with_name(site.writer.root.name + "-render")  # beside the staging folder, same disk
    scratch.mkdir(exist_ok=True)
    _STATE, _RESOLVER = (site, specs, tasks, scratch), resolver
    counts = Counts()
    outcomes = _outcomes(site, todo, jobs)
    try:
        for k, (i, lang) in enumerate(tasks):
            spec, page = specs[i], page_key(specs[i], lang)
            target = site.target(spec.path, lang)
            if k in reuse:
                file, entry = reuse[k]
                if site.writer.link(target, file, source=spec.source):
                    store.keep(page, entry)
                    counts.reused += 1
                continue
            outcome = next(outcomes)
            if outcome.crash:
                raise RuntimeError(f"rendering {target} failed in a worker:\n{outcome.crash}")
            if outcome.problem:
                site.report.problems.append(outcome.problem)
                raise BuildError(site.report)
            if site.writer.move(target, scratch / str(k), source=spec.source):
                store.store(page, site.writer.root / target, outcome.deps, outcome.deps_digest, outcome.size)
                counts.rendered += 1
    finally:
        outcomes.close()  # stops the workers when a problem ended the build early
        _STATE = _RESOLVER = None
        shutil.rmtree(scratch, ignore_errors=True)
    return counts


def page_key(spec, lang: str) -> str:
    return f"{lang}:{spec.template}:{spec.path}"


def _outcomes(site, todo: list[int], jobs: int) -> Iterator[Outcome]:
    """The outcome of every task in `todo`, in order, a chunk at a time (never all pages at
    once): in this process, or from forked workers."""
    chunks = _chunks(todo, max(8, min(CHUNK_MAX, len(todo) // (max(1, jobs) * 8))))
    if jobs <= 1 or len(todo) < PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in chunks:
            yield from _render_chunk(chunk)
        return
    site.preload()  # compiled once here, inherited by every worker
    with forked(site.report, "render", "a page-rendering process"):
        yield from _forked(chunks, jobs)


def _forked(chunks: list[list[int]], jobs: int) -> Iterator[Outcome]:
    # A bounded window of chunks in flight keeps memory flat; when a problem ends the build
    # early, pending chunks are cancelled and running ones finish (killing workers mid-task,
    # as Pool.terminate does, can deadlock on the task queue's lock).
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        waiting = iter(chunks)
        running = deque(pool.submit(_render_chunk, chunk) for chunk in islice(waiting, 2 * jobs))
        try:
            while running:
                outcomes = running.popleft().result()
                following = next(waiting, None)
                if following is not None:
                    running.append(pool.submit(_render_chunk, following))
                yield from outcomes
        finally:
            for future in running:
                future.cancel()


def _chunks(todo: list[int], size: int) -> list[list[int]]:
    """`todo` cut into chunks of about `size` tasks, never between two languages of one spec."""
    _site, _specs, tasks, _scratch = _STATE
    chunks: list[list[int]] = []
    for k in todo:
        if not chunks or (len(chunks[-1]) >= size and tasks[chunks[-1][-1]][0] != tasks[k][0]):
            chunks.append([])
        chunks[-1].append(k)
    return chunks


def _render_chunk(todo: list[int]) -> list[Outcome]:
    """Render these tasks (indices into the inherited task list); never raises.

    A spec's values are computed once for all its languages (its languages are next to
    each other in the task list), so a document's Markdown is rendered once.
    """
    site, specs, tasks, scratch = _STATE
    outcomes, current, values, own = [], None, None, ""
    for k in todo:
        i, lang = tasks[k]
        if i != current:
            current, values, own = i, _values(site, specs[i]), _RESOLVER.values(specs[i].values)
        outcomes.append(_render_one(site, specs[i], lang, values, own, _RESOLVER, scratch / str(k)))
    return outcomes


def _values(site, spec) -> tuple[dict, set] | BaseException:
    """The spec's values with every `Lazy` computed, and the lookups that took; or the error."""
    deps: set = set()
    catalogue = Tracked(site.catalogue, deps)
    try:
        return {name: value.function(catalogue, *value.args) if isinstance(value, Lazy) else value
                for name, value in spec.values.items()}, deps
    except Exception as exc:  # noqa: BLE001 - reported by _render_one, for the page that needs it
        return exc


def _render_one(site, spec, lang: str, values: tuple[dict, set] | BaseException, own: str,
                resolver: "Resolver", file: Path) -> Outcome:
    """Render one page into `file` (the parent moves it to its URL)."""
    try:
        if isinstance(values, BaseException):
            raise values
        deps = set(values[1])
        html = site.render(spec.template, spec.path, lang, values[0], Tracked(site.catalogue, deps))
    except Exception as exc:  # noqa: BLE001 - becomes a problem or a crash report for the parent
        problem = template_problem(exc, site.config.root / "templates")
        if problem is None:
            return Outcome(crash="".join(traceback.format_exception(exc)))
        return Outcome(problem=problem)
    data = html.encode("utf-8")
    file.write_bytes(data)  # an OSError (a full disk) reaches the parent as it would from its own write
    recorded = tuple(sorted(deps, key=repr))
    return Outcome(size=len(data), deps=recorded,
                   deps_digest=deps_digest(own, map(resolver.answer, recorded)))


def template_problem(exc: BaseException, folder: Path) -> Problem | None:
    """A template mistake as a problem at the template's file and line; None for anything else."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(f"templates/{exc.name or exc.filename}", f"template syntax error: {exc.message}",
                       "template", line=exc.lineno)
    if isinstance(exc, (jinja2.UndefinedError, jinja2.TemplateNotFound, KeyError, TypeError, AttributeError,
                        ValueError, IndexError, ZeroDivisionError)):
        file, line = None, None
        for frame in traceback.extract_tb(exc.__traceback__):
            path = Path(frame.filename)
            if path.suffix == ".html" and folder in path.parents:
                file, line = f"templates/{path.relative_to(folder).as_posix()}", frame.lineno
        if file is not None:
            return Problem(file, f"template error: {exc}", "template", line=line)
        if isinstance(exc, jinja2.TemplateNotFound):  # a page type's own template is missing or renamed
            return Problem(f"templates/{exc.name}", "template not found: a page type renders it",
                           "template", hint="restore the file, or rename it back")
    return None


