"""Documents' texts are kept on disk during a build, not in memory, and read back exactly."""

from __future__ import annotations

import os
from dataclasses import fields
from pathlib import Path

from generator.incremental import cache
from generator.incremental.cache import Cache
from generator.content import Document, load_content, split_front_matter
from generator.errors import Report
from generator.markup import render_markdown


def test_a_document_holds_where_its_text_is_and_reads_it_back_exactly(built_project):
    assert not {"body", "rendered"} & {f.name for f in fields(Document)}
    content = load_content(built_project, Report())
    assert len(content.documents) >= 5
    for document in reversed(content.documents):  # not in the order they were stored
        meta, body, _line = split_front_matter((built_project / document.source).read_text("utf-8"),
                                               document.source, Report())
        assert document.stored.body == body
        assert document.stored.rendered == render_markdown(body)
        assert repr(document.stored) == f"StoredText({document.stored.digest})"  # what page reuse hashes
    first, second = content.documents[:2]
    assert first.stored != second.stored and first.stored == load_content(built_project, Report()).documents[0].stored


def test_the_texts_file_is_in_the_projects_cache_and_has_no_name(project):
    with cache.using(Cache(project)):
        content = load_content(project, Report())
        where = Path(os.readlink(f"/proc/self/fd/{content.documents[0].stored.store._file.fileno()}"))
    assert where.parent == project / ".cache" and where.name.endswith("(deleted)")
    assert not [p for p in (project / ".cache").iterdir() if p.is_file()]
