"""`python build.py serve`: build, serve on 127.0.0.1, rebuild when an input changes.

A failed rebuild keeps the last good site on screen and shows the problems at the top
of every page, so the maintainer sees both what is published and what is wrong.
`/_review/<id>/` is the review page of a document's drafts (see generator/curation/review.py):
answered by this server only, never written into the site.
"""

from __future__ import annotations

import functools
import io
import html
import logging
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click

from .build import build
from .curation.review import MAX_BODY, Answer, Review
from .errors import BuildError

WATCHED = ("site.yaml", "content", "datasets", "templates")
POLL_SECONDS = 0.25  # how often inputs are checked for a change (a stat of each file)
REVIEW_QUIET_SECONDS = 3.0  # a rebuild waits until the review page has written nothing for this long


class State:
    def __init__(self):
        self.problems = ""  # text of the last failed build, '' when it succeeded


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every input file."""
    files = {}
    for name in WATCHED:
        path = root / name
        for item in [path] if path.is_file() else path.rglob("*"):
            try:
                if item.is_file():
                    files[str(item)] = item.stat().st_mtime
            except FileNotFoundError:
                pass  # a temporary file replaced as it was listed (the review page writes through one)
    return files


def rebuild(root: Path, output: Path, strict: bool, state: State, jobs: int | None = None,
            use_cache: bool = True) -> None:
    try:
        summary = build(root, output=output, base_url="/", strict=strict, jobs=jobs, use_cache=use_cache)
    except BuildError as exc:
        state.problems = exc.report.format_text()
        click.echo(state.problems, err=True)
        click.echo("build failed; still serving the last good build", err=True)
        return
    state.problems = ""
    click.echo(f"built {summary.pages} pages ({summary.rendered} rendered) in {summary.seconds:.2f}s", err=True)


class Handler(SimpleHTTPRequestHandler):
    state: State
    review: Review | None = None  # the review page's routes (serve sets them)

    def do_GET(self):
        if self.review and self.review.handles(self.path):
            return self._review()
        return super().do_GET()

    def do_POST(self):
        if self.review and self.review.handles(self.path):
            return self._review()
        return self.send_error(405, "only the review page takes writes")

    def _review(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            return self.send_error(413 if length > 0 else 400)
        try:
            answer = self.review.handle(self.command, self.path, self.headers, self.rfile.read(length),
                                        self.client_address[0])
        except Exception as exc:  # a bug, not bad input: answer it, keep serving, say it in the terminal
            logging.exception("review page: %s %s", self.command, self.path)
            answer = Answer(500, f"review page error: {exc}".encode("utf-8"), "text/plain; charset=utf-8")
        self.send_response(answer.status)
        for name, value in {"Content-Type": answer.content_type, **answer.headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def send_head(self):
        if not self.state.problems or not (self.path.endswith("/") or self.path.endswith(".html")):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        page = path.read_text("utf-8") if path.is_file() else "<!doctype html><html><body></body></html>"
        banner = ('<pre role="alert" class="build-errors">The last build failed; '
                  'this is the previous good build.\n\n'
                  f"{html.escape(self.state.problems)}</pre>")
        body = page.replace("<body>", "<body>" + banner, 1) if "<body>" in page else banner + page
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()

        return io.BytesIO(data)

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's own 404 page (in the path's language), status 404."""
        page = Path(self.directory) / ("en/404.html" if self.path.startswith("/en/") else "404.html")
        if code != 404 or self.command != "GET" or not page.is_file():
            return super().send_error(code, message, explain)
        data = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # keep the terminal for build output
        pass


def serve(root: Path, output: Path | None, port: int, strict: bool, jobs: int | None = None,
          use_cache: bool = True) -> None:
    root = root.resolve()
    output = (output or root / ".serve").resolve()
    state = State()
    rebuild(root, output, strict, state, jobs, use_cache)
    output.mkdir(parents=True, exist_ok=True)
    handler = type("BoundHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(output)))
    port = server.server_address[1]  # the one the system chose for --port 0
    handler.review = review = Review(root, port)

    def watch() -> None:
        seen = snapshot(root)
        while True:
            time.sleep(POLL_SECONDS)
            now = snapshot(root)
            # while a reviewer accepts row after row, rebuilding after each would slow every answer
            if now != seen and time.monotonic() - review.last_write >= REVIEW_QUIET_SECONDS:
                seen = now
                rebuild(root, output, strict, state, jobs, use_cache)

    threading.Thread(target=watch, daemon=True).start()
    click.echo(f"serving http://127.0.0.1:{port}/ (Ctrl-C to stop); review drafts at "
               f"http://127.0.0.1:{port}/_review/", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
