"""The review page's HTTP side, for `python build.py serve`: `/_review/<id>/` and its writes.

It is a tool for the maintainer's own machine, never part of a built site: the server binds
127.0.0.1; every request must come from there and name the server as `127.0.0.1:<port>` or
`localhost:<port>` in its Host header (a page of another site whose name was made to resolve
to 127.0.0.1, DNS rebinding, is refused); a write (POST) must also come from this origin
(Origin header) and carry the page's token (X-CSRF-Token, a secret made when the server
starts), as JSON. Anything else is refused with 403 before it is read.
"""

from __future__ import annotations

import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..frontmatter import SLUG
from .review_accept import TABLES, Refused, accept_row
from .review_drafts import ACCEPTED, REJECTED, DraftError, mark
from .review_page import STATIC, render_review

PREFIX = "/_review/"
MAX_BODY = 1 << 20  # a row is a few KB
STATIC_FILES = {"review.css": "text/css; charset=utf-8", "review.js": "text/javascript; charset=utf-8"}
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


def _json(status: int, data: dict) -> Answer:
    return Answer(status, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _refuse(status: int, message: str) -> Answer:
    return _json(status, {"problems": [message]})


class Review:
    """The review routes of one server: its project, its port and its token."""

    def __init__(self, root: Path, port: int):
        self.root, self.port = root.resolve(), port
        self.token = secrets.token_urlsafe(32)
        self.last_write = float("-inf")  # time.monotonic() of the last row written into datasets

    @staticmethod
    def handles(path: str) -> bool:
        return urlsplit(path).path.startswith(PREFIX)

    def handle(self, method: str, path: str, headers, body: bytes, client: str) -> Answer:
        """Answer one request for a path under /_review/ (`headers` as http.server gives them)."""
        hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        if client not in ("127.0.0.1", "::1", "::ffff:127.0.0.1"):
            return _refuse(403, "the review page answers only this machine")
        if headers.get("Host") not in hosts:
            return _refuse(403, f"refused: Host must be one of {', '.join(sorted(hosts))}")
        parts = unquote(urlsplit(path).path)[len(PREFIX):].split("/")
        if method == "GET":
            return self._get(parts)
        if method != "POST":
            return _refuse(405, "only GET and POST")
        if headers.get("Origin") not in {f"http://{host}" for host in hosts}:
            return _refuse(403, "refused: a write must come from the review page itself (Origin)")
        if not hmac.compare_digest(headers.get("X-CSRF-Token", ""), self.token):
            return _refuse(403, "refused: missing or wrong review token; reload the page")
        if (headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            return _refuse(415, "expected JSON")
        if len(parts) != 2 or not SLUG.match(parts[0]) or parts[1] not in ("accept", "reject"):
            return _refuse(404, "no such action")
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return _refuse(400, "expected a JSON object")
        if not isinstance(data, dict) or data.get("table") not in TABLES:
            return _refuse(400, f"expected a table, one of {', '.join(TABLES)}")
        if parts[1] == "accept":
            return self._accept(parts[0], data)
        return self._reject(parts[0], data)

    def _get(self, parts: list[str]) -> Answer:
        if len(parts) == 2 and parts[0] == "static" and parts[1] in STATIC_FILES:
            return Answer(200, (STATIC / parts[1]).read_bytes(), STATIC_FILES[parts[1]], HEADERS)
        if len(parts) == 1 and SLUG.match(parts[0]):
            return Answer(301, b"", "text/plain", {"Location": f"{PREFIX}{parts[0]}/"})
        if len(parts) == 2 and SLUG.match(parts[0]) and parts[1] == "":
            page = render_review(self.root, parts[0], self.token)
            if page is not None:
                return Answer(200, page.encode("utf-8"), "text/html; charset=utf-8", HEADERS)
        if parts == [""]:
            return Answer(200, self._index().encode("utf-8"), "text/html; charset=utf-8", HEADERS)
        return Answer(404, b"no such review page", "text/plain; charset=utf-8", HEADERS)

    def _index(self) -> str:
        drafts = sorted(p.name for p in (self.root / "drafts").glob("*") if p.is_dir() and SLUG.match(p.name))
        items = "".join(f'<li><a href="{PREFIX}{name}/">{name}</a></li>' for name in drafts) or \
            "<li>No drafts yet: run <code>python build.py draft DOCUMENT_ID</code>.</li>"
        return ('<!doctype html><html lang="en"><meta charset="utf-8"><title>Review</title>'
                '<link rel="stylesheet" href="/_review/static/review.css">'
                f"<h1>Documents with drafts</h1><ul>{items}</ul></html>")

    def _accept(self, document_id: str, data: dict) -> Answer:
        values = data.get("values")
        if not isinstance(values, dict):
            return _refuse(400, "expected values, an object of column: text")
        try:
            accepted = accept_row(self.root, data["table"], {str(k): str(v) for k, v in values.items()})
        except Refused as refused:
            return _json(422, {"problems": [p.format() for p in refused.problems]})
        self.last_write = time.monotonic()
        warnings = list(accepted.warnings)
        if data.get("draft"):
            try:
                mark(self.root, document_id, data["table"], str(data["draft"]), ACCEPTED, accepted.id)
            except DraftError as exc:
                warnings.append(f"written, but the proposal was not marked: {exc}")
        return _json(200, {"id": accepted.id, "file": accepted.file, "line": accepted.line, "warnings": warnings})

    def _reject(self, document_id: str, data: dict) -> Answer:
        try:
            mark(self.root, document_id, data["table"], str(data.get("draft") or ""), REJECTED)
        except DraftError as exc:
            return _refuse(404, str(exc))
        return _json(200, {"status": REJECTED})
