"""Safe inputs: nothing read through a link leading outside the project, nothing from another
host on a page."""

from __future__ import annotations

import re

import pytest

from generator.markup import render_markdown
from tests.conftest import run
from tests.test_errors import DOC, edit, fails

HINT_LINK = "(hint: copy the file into the project: a build reads nothing outside it)"
HINT_IMAGE = "(hint: pages load nothing from other hosts; link to it instead: [what it shows](address))"


def test_a_document_linked_from_outside_is_never_read(project, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text((project / DOC).read_text("utf-8").replace("id: long-phu-53-2022", "id: bi-mat")
                      + "\nMật khẩu: hunter2\n", "utf-8")
    (project / "content/documents/bi-mat.md").symlink_to(secret)
    stderr = fails(project, f"content/documents/bi-mat.md: a link to {secret.resolve()}, outside the project "
                            f"{HINT_LINK}")
    assert "hunter2" not in stderr


def test_a_table_linked_from_outside_is_an_error(project, tmp_path):
    table = project / "datasets/cchc/areas.csv"
    copy = tmp_path / "areas.csv"
    copy.write_bytes(table.read_bytes())
    table.unlink()
    table.symlink_to(copy)
    fails(project, f"datasets/cchc/areas.csv: a link to {copy.resolve()}, outside the project {HINT_LINK}")


def test_a_template_folder_linked_from_outside_is_an_error(project, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (project / "templates/static/extra").symlink_to(tmp_path / "elsewhere")
    fails(project, f"templates/static/extra: a link to {(tmp_path / 'elsewhere').resolve()}, outside the project "
                   f"{HINT_LINK}")


def test_a_link_inside_the_project_is_read(project):
    (project / "content/pages/gioi-thieu.md").symlink_to(project / "content/pages/about.md")
    result = run(project, "--quiet", "validate")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("snippet, address, below", [
    ("![ảnh](https://example.org/pixel.png)", "https://example.org/pixel.png", 0),
    ('<img src="//example.org/pixel.png" alt="">', "//example.org/pixel.png", 0),
    ("![ảnh][p]\n\n[p]: HTTP://example.org/p.png", "HTTP://example.org/p.png", 2),  # the line of the address
])
def test_an_image_from_another_host_is_an_error_at_its_line(project, snippet, address, below):
    text = (project / DOC).read_text("utf-8")
    line = text[: text.index("**Triển khai")].count("\n") + 1
    edit(project, DOC, "**Triển khai", snippet + "\n\n**Triển khai")
    fails(project, f"{DOC}:{line + below}: image from another host: {address} {HINT_IMAGE}")


@pytest.mark.parametrize("snippet", [
    '![a](https://example.org/a.png)',
    '<img src=" //example.org/a.png">',
    '<img src="/\t/example.org/a.png">',
    '<img src="\\\\example.org/a.png">',
    '<img src="a.png" srcset="https://example.org/a.png 2x">',
    '<p style="background: url(https://example.org/a.png)">chữ</p>',
    '<table background="https://example.org/a.png"><tr><td>ô</td></tr></table>',
])
def test_no_remote_resource_reaches_the_html(snippet):
    rendered = render_markdown(snippet + "\n")
    assert "example.org" not in rendered.html
    assert re.search(r"<img|<p|<table", rendered.html)


@pytest.mark.parametrize("tag", ["video", "source", "svg"])
def test_media_and_embedded_html_is_refused(project, tag):
    text = (project / DOC).read_text("utf-8")
    line = text[: text.index("**Triển khai")].count("\n") + 1
    edit(project, DOC, "**Triển khai", f'<{tag} src="https://example.org/m"></{tag}>\n\n**Triển khai')
    fails(project, f"{DOC}:{line}: raw <{tag}> HTML is not allowed in content "
                   "(hint: write Markdown; scripts and embeds are never published)")


def test_ordinary_links_to_other_hosts_stay():
    html = render_markdown('[nguồn](https://example.org/x) và <a href="https://example.org/y">y</a>\n').html
    assert 'href="https://example.org/x"' in html and 'href="https://example.org/y"' in html
