"""Cache keys complete (issue 20): every library whose version reaches the output is in the
code hash, and a page's recorded lookups are answered for any catalogue row, so a reused
page is always what a clean build would write."""

from __future__ import annotations

import io
import sqlite3
import zlib
from dataclasses import dataclass, replace
from importlib import metadata

import pyarrow

from generator.tables import Dataset
from generator.downloads.formats import formats, libraries
from generator.downloads.parquet import write_parquet
from generator.downloads.tables import Table as PublishedTable
from generator.incremental.cache import Cache, loads
from generator.incremental.code import code_hash
from generator.incremental import deps
from generator.incremental.deps import Resolver, Tracked
from generator.model import Catalogue, LegalDocument


def _parquet_bytes() -> bytes:
    table = PublishedTable("areas", [{"name": "id", "type": "string"}], [{"id": "a"}])
    out = io.BytesIO()
    write_parquet(table, out)
    return out.getvalue()


def test_pyarrow_writes_its_version_into_parquet_and_the_key_has_it():
    assert f"parquet-cpp-arrow version {pyarrow.__version__}".encode() in _parquet_bytes()
    assert "pyarrow" in {library.name for library in formats()["parquet"].libraries}


def test_a_new_pyarrow_changes_the_code_hash(monkeypatch):
    before = code_hash(libraries())
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "0.0.1" if name == "pyarrow" else real(name))
    assert code_hash(libraries()) != before


def test_a_new_sqlite_library_changes_the_cache_key(monkeypatch, tmp_path):
    before = Cache(tmp_path, enabled=False, libraries=libraries()).code
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.0.0")
    assert Cache(tmp_path, enabled=False, libraries=libraries()).code != before


def test_a_new_zlib_changes_the_cache_key(monkeypatch, tmp_path):
    before = Cache(tmp_path, enabled=False, libraries=libraries()).code
    monkeypatch.setattr(zlib, "ZLIB_RUNTIME_VERSION", "0.9")
    assert Cache(tmp_path, enabled=False, libraries=libraries()).code != before


def test_the_formats_that_hold_library_bytes_name_them():
    names = {f.name: {library.name for library in f.libraries} for f in formats().values()}
    assert names["parquet"] == {"pyarrow"}
    assert names["sqlite"] == {"sqlite"}
    assert names["zip"] == {"zlib"} and names["xlsx"] == {"zlib"}


class _Catalogue(Catalogue):
    """A catalogue with one more lookup taking a row of a collection the engine does not name."""

    def issuer_of(self, instrument: LegalDocument) -> str | None:
        return instrument.issuer


def _catalogue(issuer: str) -> _Catalogue:
    instrument = LegalDocument("nd-61-2018", "61/2018/NĐ-CP", "decree", "Nghị định", None, issuer, None,
                               None, None, None, None, None)
    return _Catalogue({}, [], {}, {}, {}, [], [], [], Dataset("cchc", "cchc", {}, {}),
                      legal_documents={instrument.id: instrument})


def test_a_lookup_given_any_catalogue_row_is_answered_again():
    old = _catalogue("Chính phủ")
    deps: set = set()
    assert Tracked(old, deps).issuer_of(old.legal_documents["nd-61-2018"]) == "Chính phủ"
    (dep,) = deps
    assert Resolver(old).answer(dep) == Resolver(_catalogue("Chính phủ")).answer(dep)
    assert Resolver(old).answer(dep) != Resolver(_catalogue("Thủ tướng Chính phủ")).answer(dep)
    assert not Resolver(old).answer(dep).startswith("<failed")


def test_a_row_gone_from_the_catalogue_is_a_changed_answer():
    old = _catalogue("Chính phủ")
    deps: set = set()
    Tracked(old, deps).issuer_of(old.legal_documents["nd-61-2018"])
    (dep,) = deps
    gone = replace(old, legal_documents={})
    assert Resolver(gone).answer(dep).startswith("<failed KeyError")
    assert Resolver(gone).answer(dep) != Resolver(old).answer(dep)


def test_the_code_hash_covers_every_module_a_build_runs_and_not_the_maintainer_s_tools():
    """A build imports only hashed modules, so a change to any of them makes a cold build; the
    import/draft/review tools (the review page is served beside the site, never written into
    it) are left out, so editing them does not."""
    import subprocess
    import sys
    from pathlib import Path

    from generator.incremental.code import code_files

    probe = ("import sys, generator.build; "
             "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('generator') and m.__file__))")
    root = Path(__file__).resolve().parent.parent
    ran = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True)
    imported = {Path(line).resolve() for line in ran.stdout.split()}
    hashed = set(code_files())
    assert imported - hashed == set()
    assert root / "generator" / "curation" / "draft.py" not in hashed


def test_a_long_list_is_hashed_once_while_remembered_and_again_once_forgotten(monkeypatch):
    """The resolver keeps the hash of the last SHARED_KEPT long lists only (a lookup's
    answer is a new list each call): a remembered list is not hashed again, and one it has
    let go of is hashed from what it holds now."""
    monkeypatch.setattr(deps, "SHARED_KEPT", 3)
    resolver = Resolver(catalogue=None)
    lists = [list(range(start, start + deps.SHARED_MIN)) for start in range(10)]
    first = [resolver.values({"rows": rows}) for rows in lists]
    assert len(set(first)) == 10
    lists[9].append(99)  # still remembered: the hash kept is given back (pages' values do not change in a build)
    assert resolver.values({"rows": lists[9]}) == first[9]
    lists[0].append(99)  # long forgotten: hashed again, from what it holds now
    assert resolver.values({"rows": lists[0]}) != first[0]
    assert resolver.values({"rows": list(range(1, 1 + deps.SHARED_MIN))}) == first[1]  # equal lists, equal hashes


def test_answers_and_object_hashes_are_kept_for_the_last_answers_kept_only(monkeypatch):
    """A render process remembers the answers and object hashes of its last ANSWERS_KEPT
    lookups only (every one, kept, held ~480 MB a process at 10,000 documents): a recent
    lookup is not asked again, an old one is asked again and hashed from what it gives now,
    and what is forgotten never changes an answer."""
    monkeypatch.setattr(deps, "ANSWERS_KEPT", 4)

    @dataclass
    class Row:
        id: str
        value: int

    class Rows:
        def __init__(self):
            self.rows, self.asked = {f"r{i}": Row(f"r{i}", i) for i in range(10)}, []

        def row(self, key: str) -> Row:
            self.asked.append(key)
            return self.rows[key]

    catalogue = Rows()
    resolver = Resolver(catalogue)
    answers = [resolver.answer(deps.call("row", f"r{i}")) for i in range(10)]
    assert len(set(answers)) == 10 and catalogue.asked == [f"r{i}" for i in range(10)]
    assert len(resolver._answers) <= 4 and len(resolver._objects) <= 4  # what is held stays small
    assert resolver.answer(deps.call("row", "r9")) == answers[9] and len(catalogue.asked) == 10  # recent
    catalogue.rows["r0"].value = 100  # long forgotten: asked again, and hashed from what it holds now
    assert resolver.answer(deps.call("row", "r0")) != answers[0] and catalogue.asked[-1] == "r0"
    monkeypatch.setattr(deps, "ANSWERS_KEPT", 1000)
    unbounded = Resolver(Rows())
    assert [unbounded.answer(deps.call("row", f"r{i}")) for i in range(1, 10)] == answers[1:]


def test_an_object_made_for_one_answer_is_hashed_from_what_it_holds_and_not_kept():
    """A catalogue row (a dataclass with an id) is hashed once and remembered while the build
    lasts; an object a lookup makes for its answer (a progress: a dataclass with no id) is
    hashed from its fields each time and never held, so it neither pushes the rows' hashes
    out nor outlives its answer."""
    @dataclass
    class Row:
        id: str
        value: int

    @dataclass
    class Made:
        status: str
        row: Row

    resolver = Resolver(catalogue=None)
    row = Row("r1", 1)
    made = Made("met", row)
    before = resolver.values({"progress": made})
    made.status = "not-met-yet"
    assert resolver.values({"progress": made}) != before
    assert resolver.values({"progress": Made("met", Row("r1", 1))}) == before  # equal fields, equal hashes
    assert not any(isinstance(value, Made) for value, _ in resolver._objects.values())
    remembered = resolver.values({"row": row})
    assert any(value is row for value, _ in resolver._objects.values())
    row.value = 2  # rows do not change within a build: its hash is the one kept
    assert resolver.values({"row": row}) == remembered


def test_an_entry_pickled_into_its_file_reads_back_and_a_cut_one_is_discarded(tmp_path):
    """`Cache.dump` pickles straight into the entry's file (never one bytes object of the whole
    pickle): the payload read back is what `pickle.dumps` gives, under the same checksummed header
    as `write`; an entry cut short, or with a byte changed, is discarded and counted."""
    import pickle
    cache = Cache(tmp_path)
    value = {"rows": [(f"row-{i}", i, None) for i in range(50_000)], "text": "Cải cách hành chính"}
    dumped, written = cache.entry("test", "a" * 64), cache.entry("test", "b" * 64)
    cache.dump(dumped, value)
    cache.write(written, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert dumped.read_bytes() == written.read_bytes()
    assert pickle.loads(cache.read(dumped)) == value and not cache.corrupt
    whole = dumped.read_bytes()
    dumped.write_bytes(whole[:-1])
    assert cache.read(dumped) is None and not dumped.exists()
    written.write_bytes(whole[:-9] + bytes([whole[-9] ^ 1]) + whole[-8:])
    assert cache.read(written) is None and len(cache.corrupt) == 2
    several = cache.entry("test", "c" * 64)  # values one after another: the pickler forgets between them
    cache.dump(several, "head", value["rows"][:3], value["rows"][3:])
    assert list(loads(cache.read(several))) == ["head", value["rows"][:3], value["rows"][3:]]
