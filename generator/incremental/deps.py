"""What a page read, and whether it would read the same today (Sphinx's note_dependency,
Lektor's record_dependency).

A page renders against `Tracked(catalogue, deps)`: every lookup it makes is recorded in
`deps` as plain data (a method and its arguments, a key of a collection, an attribute).
`Resolver` answers a recorded lookup on the current catalogue and hashes the answer. The
engine knows no domain type: a catalogue row passed to a lookup is recorded by its type
name and id and found again through the catalogue's own collections; a large object says
what identifies it through the fingerprint protocol (`fingerprint()`: a smaller value
that changes whenever the object would render differently).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from itertools import islice
from typing import Any, Callable, Protocol, runtime_checkable


SHARED_MIN = 16  # a list or dict this long is hashed once per build however many pages show it
SHARED_KEPT = 4096  # how many such lists are remembered (the most recently added)
ANSWERS_KEPT = 100_000  # answers remembered, and catalogue objects' hashes (a few hundred bytes each)


@runtime_checkable
class Fingerprinted(Protocol):
    """A domain object that says what identifies its content (a document: its fields and the
    hash of its text, not the text; a table: its descriptor and the hash of its cells)."""

    def fingerprint(self) -> Any: ...


class Tracked:
    """The catalogue as a template sees it: every lookup is recorded in `deps`."""

    def __init__(self, catalogue, deps: set):
        self._catalogue, self._deps = catalogue, deps

    def __getattr__(self, name: str):
        value = getattr(self._catalogue, name)
        if callable(value) and getattr(value, "__self__", None) is self._catalogue:
            def lookup(*args, **kwargs):
                self._deps.add(call(name, *args, **kwargs))
                return value(*args, **kwargs)
            found = lookup
        elif isinstance(value, dict):
            found = TrackedMapping(name, value, self._deps)
        elif _fingerprinted(value):  # a part of the catalogue (its dataset): read attribute by attribute
            found = TrackedPart(name, value, self._deps)
        else:
            self._deps.add(("attr", name))
            found = value
        self.__dict__[name] = found  # a page asks for it again and again; what it read is recorded
        return found


def call(name: str, *args, **kwargs) -> tuple:
    """The lookup `catalogue.name(*args, **kwargs)` as a page records it."""
    return ("call", name, tuple(map(_ref, args)), tuple(sorted(kwargs.items())))


class TrackedMapping:
    """A catalogue dict (documents, places, …): a key read is one dependency, iteration all."""

    def __init__(self, name: str, mapping: dict, deps: set):
        self._name, self._mapping, self._deps = name, mapping, deps

    def __getitem__(self, key):
        self._deps.add(("item", self._name, key))
        return self._mapping[key]

    def get(self, key, default=None):
        self._deps.add(("item", self._name, key))
        return self._mapping.get(key, default)

    def __contains__(self, key) -> bool:
        self._deps.add(("item", self._name, key))
        return key in self._mapping

    def _all(self) -> dict:
        self._deps.add(("attr", self._name))
        return self._mapping

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def keys(self):
        return self._all().keys()

    def values(self):
        return self._all().values()

    def items(self):
        return self._all().items()


class TrackedPart:
    """An object of the catalogue (its dataset): each attribute read is one dependency."""

    def __init__(self, name: str, part, deps: set):
        self._name, self._part, self._deps = name, part, deps

    def __getattr__(self, attribute: str):
        self._deps.add(("part", self._name, attribute))
        return getattr(self._part, attribute)


_MISSING = object()
_ROW = "@row"


def _fingerprinted(value) -> bool:
    """Whether `value` follows the Fingerprinted protocol (isinstance on a Protocol is slow,
    and this is asked for every value a page shows)."""
    return callable(getattr(value, "fingerprint", None))


def _ref(value):
    """A catalogue row passed to a lookup (`progress_of(target)`) is recorded by its type and id."""
    if _is_row(value):
        return (_ROW, type(value).__name__, value.id)
    return value


def _is_row(value) -> bool:
    return _dataclass(type(value)) and isinstance(getattr(value, "id", None), str)


@functools.cache
def _dataclass(kind: type) -> bool:
    """Whether values of this type are dataclass instances (asked for every lookup's arguments)."""
    return dataclasses.is_dataclass(kind) and not issubclass(kind, type)


def catalogue_rows(catalogue) -> dict[tuple[str, str], Any]:
    """Every row of every collection of the catalogue (a dict's values, a list's items), by its
    type name and id: whatever collections the catalogue has, none named here."""
    rows: dict[tuple[str, str], Any] = {}
    for field in dataclasses.fields(catalogue):
        collection = getattr(catalogue, field.name)
        items = collection.values() if isinstance(collection, dict) else collection
        if isinstance(items, (list, tuple, type({}.values()))):
            for row in items:
                if _is_row(row):
                    rows.setdefault((type(row).__name__, row.id), row)
    return rows


_AS_TEXT, _AS_LIST, _AS_DICT, _AS_SET, _AS_NAME, _AS_FINGERPRINT, _AS_ROW, _AS_DATA = (
    "text", "list", "dict", "set", "name", "fingerprint", "row", "data")
_SHAPES: dict[type, str] = {}  # how a value of each type is made stable, decided at its first value


def _shape(value) -> str:
    """How `Resolver._plain` makes values of `value`'s type stable. Decided once per type
    (asked for every value of every answer): a type's values are all lists, or all
    fingerprinted, and so on."""
    if isinstance(value, (list, tuple)):
        return _AS_LIST
    if isinstance(value, dict):
        return _AS_DICT
    if isinstance(value, (set, frozenset)):
        return _AS_SET
    if callable(value) and hasattr(value, "__qualname__"):
        return _AS_NAME
    if _fingerprinted(value):
        return _AS_FINGERPRINT
    if _is_row(value):
        return _AS_ROW
    if dataclasses.is_dataclass(value):
        return _AS_DATA
    return _AS_TEXT


class Recent(dict):
    """A dict of the last `size` entries put in: when it has more, the older half goes. A
    render process's pages ask again mostly for what its last pages asked (a place's pages
    are next to each other); remembering every answer held ~480 MB in each render process
    at 10,000 documents."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, value)
        if len(self) > self.size:
            for old in list(islice(self, len(self) - self.size // 2)):
                del self[old]


class Resolver:
    """Answers recorded lookups on the current catalogue and hashes the answers (once each,
    while among the last ANSWERS_KEPT)."""

    def __init__(self, catalogue):
        self.catalogue = catalogue
        self._answers: dict = Recent(ANSWERS_KEPT)
        self._objects: dict[int, tuple[Any, str]] = Recent(ANSWERS_KEPT)  # catalogue objects' hashes
        self._lists: dict[int, tuple[Any, str]] = Recent(SHARED_KEPT)  # long lists' hashes
        self._rows: dict[tuple[str, str], Any] | None = None

    def _unref(self, value):
        if not (isinstance(value, tuple) and len(value) == 3 and value[0] == _ROW):
            return value
        if self._rows is None:
            self._rows = catalogue_rows(self.catalogue)
        return self._rows[value[1:]]

    def values(self, values: dict) -> str:
        """The hash of a spec's own values."""
        return self._hash(self._stable(values))

    def answer(self, dep: tuple) -> str:
        try:
            return self._answers[dep]
        except KeyError:
            pass
        except TypeError:  # an unhashable argument: answer without remembering
            return self._resolve(dep)
        self._answers[dep] = answer = self._resolve(dep)
        return answer

    def _resolve(self, dep: tuple) -> str:
        cat = self.catalogue
        try:
            kind, name, *rest = dep
            if kind == "call":
                value = getattr(cat, name)(*map(self._unref, rest[0]), **dict(rest[1]))
            elif kind == "item":
                value = getattr(cat, name).get(rest[0], _MISSING)
                value = "<missing>" if value is _MISSING else value
            elif kind == "part":
                value = getattr(getattr(cat, name), rest[0])
            else:
                value = getattr(cat, name)
        except Exception as exc:  # noqa: BLE001 - a lookup that fails now differs from one that worked
            return f"<failed {type(exc).__name__}: {exc}>"
        return self._hash(self._stable(value))

    @staticmethod
    def _hash(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _stable(self, value) -> str:
        """A text that changes whenever `value` would render differently."""
        known = self._objects.get(id(value))  # a catalogue object hashed already (most values of long answers)
        if known is not None:
            return known[1]
        if isinstance(value, (list, tuple, dict)) and len(value) >= SHARED_MIN:
            return self._shared(value)
        return self._plain(value)

    def _shared(self, value) -> str:
        """A long list or dict, hashed once while it is among the last SHARED_KEPT seen: the
        same list is often in many pages' values (an explorer list's facets, made once with
        the specs). A lookup's answer is a new list at each call (and is answered once per
        lookup anyway): holding every one kept every list of every page a render process made
        until the build ended."""
        return self._once(value, lambda: self._plain(value), self._lists)

    def _plain(self, value) -> str:
        shape = _SHAPES.get(type(value))
        if shape is None:
            shape = _SHAPES[type(value)] = _shape(value)
        if shape is _AS_TEXT:
            return repr(value)
        if shape is _AS_LIST:
            return "[" + ",".join(map(self._stable, value)) + "]"
        if shape is _AS_ROW:  # a catalogue row: hashed once
            return self._once(value, lambda: repr(value))
        if shape is _AS_FINGERPRINT:  # an object that says what identifies it: hashed once
            return self._once(value, lambda: self._stable(value.fingerprint()))
        if shape is _AS_DICT:
            return "{" + ",".join(f"{self._stable(k)}:{self._stable(v)}" for k, v in value.items()) + "}"
        if shape is _AS_SET:  # no order to render: the same members, the same text
            return "{" + ",".join(sorted(map(self._stable, value))) + "}"
        if shape is _AS_NAME:  # a helper function: its code is in the code hash
            return f"{value.__module__}.{value.__qualname__}"
        return f"{type(value).__name__}:{self._hash(repr(value))}"  # _AS_DATA: made for one answer, most often

    def _once(self, value, text: Callable[[], str], kept: dict | None = None) -> str:
        """`value`'s type and the hash of `text()`, computed once while it is among the last
        ANSWERS_KEPT objects hashed: many lookups return the same catalogue objects (a target
        is in its document's, place's and indicator's lists). The value is held while its
        hash is, so its id is not reused meanwhile. `kept`: where (default: the objects')."""
        kept = self._objects if kept is None else kept
        known = kept.get(id(value))
        if known is None:
            known = kept[id(value)] = (value, f"{type(value).__name__}:{self._hash(text())}")
        return known[1]
