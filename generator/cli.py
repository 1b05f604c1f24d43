"""Command line: `python build.py [build|validate|serve|import]`.

The one place problems become text and exit codes: 0 built, 1 input problems, 2 usage.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from .build import Summary, build
from .errors import BuildError
from .numerals import SIZE_UNITS, readable_size
from .outputs import UnsafeOutput, check_output

ROOT = Path(__file__).resolve().parent.parent


def _interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def _run(ctx: click.Context, write: bool, output: Path | None = None) -> Summary:
    opts = ctx.obj
    def progress(name: str, seconds: float) -> None:
        click.echo(f"  {name:<8} {seconds:6.2f}s", err=True)
    try:
        summary = build(opts["root"], output=output or opts["output"], base_url=opts["base_url"],
                        strict=opts["strict"], write=write, jobs=opts["jobs"], use_cache=not opts["no_cache"],
                        on_stage=progress if _interactive() and not opts["quiet"] else None)
    except BuildError as exc:
        _print_report(exc.report, opts)
        sys.exit(1)
    except UnsafeOutput as exc:
        _refuse(exc)
    if summary.report.problems:
        _print_report(summary.report, opts)
    return summary


def _refuse(exc: UnsafeOutput) -> None:
    """An output a build must not replace: a usage error, one line, nothing touched."""
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


def _print_report(report, opts) -> None:
    if opts.get("format") == "json":
        click.echo(report.format_json())
    else:
        click.echo(report.format_text(opts.get("strict", False)), err=True)


@click.group(invoke_without_command=True)
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), help="Folder to build into (default: site.yaml output, _site).")
@click.option("--base-url", help="URL the site is served from, e.g. https://example.org/cchc/.")
@click.option("--quiet", is_flag=True, help="Print only problems.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes that read documents, write downloads and render pages (default: every core).")
@click.option("--no-cache", is_flag=True, help="Ignore .cache/ and build everything from scratch.")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path), default=ROOT,
              show_default=False, help="Project folder (default: the one holding build.py).")
@click.pass_context
def main(ctx, output, base_url, quiet, strict, jobs, no_cache, root):
    """Build the CCHC open-data site into _site/ (the default command)."""
    ctx.obj = {"output": output, "base_url": base_url, "quiet": quiet, "strict": strict, "root": root,
               "jobs": jobs, "no_cache": no_cache}
    logging.basicConfig(level=logging.WARNING, format="%(message)s", force=True)
    if ctx.invoked_subcommand is None:
        ctx.invoke(build_command)


@main.command("build")
@click.pass_context
def build_command(ctx):
    """Build the site (atomically: a failed build leaves the last site untouched)."""
    summary = _run(ctx, write=True)
    if not ctx.obj["quiet"]:
        click.echo(f"built {summary.pages} pages, {summary.datasets} dataset, {summary.rows} rows "
                   f"in {summary.seconds:.1f}s → {summary.output}, {size(summary.bytes)} in {summary.files:,} files "
                   f"({summary.rendered} pages rendered, {summary.pages - summary.rendered} unchanged)", err=True)
    note = hosting_note(summary.bytes, summary.files)
    if note:
        click.echo(note, err=True)


HOSTS = (("GitHub Pages", 2**30, None, "1 GB"), ("GitLab Pages", 2**30, 200_000, "1 GB, 200,000 files"))


def hosting_note(size_bytes: int, files: int) -> str | None:
    """One line when the site is larger than a free host publishes (the Pages workflow this
    project ships deploys to GitHub Pages); None when every host takes it."""
    refused = [f"{name} ({limits})" for name, most_bytes, most_files, limits in HOSTS
               if size_bytes > most_bytes or (most_files is not None and files > most_files)]
    if not refused:
        return None
    return (f"note: the site is {size(size_bytes)} in {files:,} files: {' and '.join(refused)} will not publish it;"
            f" deploy it to an object store with a CDN (README, Deploy)")


def size(count: int) -> str:
    """A whole site's bytes as people read them: 12.3 MB, 2.2 GB."""
    number, unit = readable_size(count, SIZE_UNITS)
    return f"{number} {unit}"


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Report format.")
@click.pass_context
def validate(ctx, fmt):
    """Check everything and write nothing."""
    ctx.obj["format"] = fmt
    summary = _run(ctx, write=False)
    if fmt == "json":
        if not summary.report.problems:
            click.echo(summary.report.format_json())
    elif not ctx.obj["quiet"]:
        click.echo(f"valid: {summary.datasets} dataset, {summary.rows} rows", err=True)


@main.command()
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1 (0: any free port, printed).")
@click.pass_context
def serve(ctx, port):
    """Build, serve on 127.0.0.1 and rebuild on change, keeping the last good build."""
    from .server import serve as run_server
    try:
        check_output(ctx.obj["root"], ctx.obj["output"] or ctx.obj["root"] / ".serve")
    except UnsafeOutput as exc:
        _refuse(exc)
    run_server(ctx.obj["root"], ctx.obj["output"], port, ctx.obj["strict"], ctx.obj["jobs"], not ctx.obj["no_cache"])


@main.command("draft")
@click.argument("document_id")
@click.pass_context
def draft_command(ctx, document_id):
    """Propose the figures and duties of content/documents/DOCUMENT_ID.md into drafts/DOCUMENT_ID/."""
    from .curation.draft import DraftError, draft
    try:
        summary = draft(ctx.obj["root"], document_id)
    except DraftError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    if not ctx.obj["quiet"]:
        for name, counts in summary.counts.items():
            shown = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none"
            click.echo(f"drafts/{document_id}/{name}.csv: {shown}", err=True)
        click.echo(f"drafted in {summary.seconds:.2f}s; review with `python build.py serve`, "
                   f"then /_review/{document_id}/", err=True)


@main.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--id", "document_id", help="The document's id (default: <place>-<number>-<year>, else the file name).")
@click.option("--force", is_flag=True, help="Replace content/documents/<id>.md if it exists.")
@click.pass_context
def import_command(ctx, file, document_id, force):
    """Import a .docx, .pdf, .html or .txt file into content/documents/<id>.md, its front matter drafted."""
    from .curation.importer import ImportProblem, write_document
    try:
        target, front, notes = write_document(file, ctx.obj["root"], document_id, force)
    except ImportProblem as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2 if exc.usage else 1)
    click.echo(f"wrote {target.relative_to(ctx.obj['root'])}", err=True)
    for note in notes:
        click.echo(f"  {note}", err=True)
    click.echo(f"  draft (to review): {', '.join(front['draft'])}", err=True)
    click.echo(f"next: check each draft key against the text and remove it from draft:, then "
               f"`python build.py draft {front['id']}`", err=True)
