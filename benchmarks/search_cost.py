"""What search costs a reader: the size of the Pagefind bundle and the bytes a first query moves.

    python -m benchmarks.search_cost _site [query]

serves the built site on localhost, opens its search page in headless Chromium, runs one
query and sums the bytes of every request to pagefind/ (nothing is cached: a fresh browser).
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def search_cost(site_dir: Path | str, query: str = "thanh toan truc tuyen") -> dict:
    """Index size (bytes of pagefind/) and the bytes the first query transfers from pagefind/."""
    from playwright.sync_api import sync_playwright

    site = Path(site_dir)
    bundle = site / "pagefind"
    index_bytes = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    transferred: dict[str, int] = {}
    compressed: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            page = browser.new_page()

            def record(response):
                if "/pagefind/" in response.url:
                    try:
                        body = response.body()
                    except Exception:  # a request the page cancelled has no body
                        body = b""
                    transferred[response.url] = len(body)
                    # pf_* and wasm files are gzipped already; a static host gzips the .js too
                    compressed[response.url] = len(gzip.compress(body)) if ".js" in response.url else len(body)

            page.on("response", record)
            page.goto(f"{base}/search/?q={quote(query)}", wait_until="networkidle")
            page.wait_for_selector(".search-status:not(:empty)", timeout=180_000)
            for _ in range(900):  # results, or "nothing found" (the only status without a number)
                status = page.locator(".search-status").inner_text()
                if page.locator(".search-result").count() or not any(c.isdigit() for c in status):
                    break
                page.wait_for_timeout(200)
            page.wait_for_load_state("networkidle")
            results = page.locator(".search-result").count()
            browser.close()
    finally:
        server.shutdown()
    return {"query": query, "index_bytes": index_bytes, "index_files": sum(1 for p in bundle.rglob("*") if p.is_file()),
            "first_query_bytes": sum(transferred.values()), "first_query_requests": len(transferred),
            "first_query_bytes_with_gzip": sum(compressed.values()),
            "results_shown": results}


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python -m benchmarks.search_cost SITE_DIR [QUERY]")
    print(json.dumps(search_cost(*sys.argv[1:3]), indent=2))
