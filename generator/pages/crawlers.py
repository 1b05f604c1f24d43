"""Files for crawlers: sitemap.xml and robots.txt."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..config import Config
from ..writer import Writer
from .targets import moved


def publish_meta(config: Config, writer: Writer) -> None:
    """The sitemap protocol wants absolute <loc> URLs: without an absolute site URL the
    sitemap is written empty (valid) and robots.txt has no `Sitemap:` line."""
    pages = sorted(p for p in writer.paths() if p.endswith("index.html") and not moved(p))
    base = config.absolute_url("")
    entries = "".join(f"  <url><loc>{escape(base + p[: -len('index.html')])}</loc></url>\n"
                      for p in pages) if base else ""
    writer.write("sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n")
    sitemap = config.absolute_url("sitemap.xml")
    writer.write("robots.txt", "User-agent: *\nAllow: /\n" + (f"Sitemap: {sitemap}\n" if sitemap else ""))
