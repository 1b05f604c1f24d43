"""Pagefind's filter files made byte-reproducible (Pagefind writes each filter's values in
hash-map order, which changes from run to run)."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path


def canonical_filters(bundle: Path) -> None:
    """Make the filter files byte-reproducible: Pagefind writes each filter's values in
    hash-map order, which changes from run to run. Sort them, rename each file by its
    content, and point the language's meta file (and the entry file) at the new names.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = entry_path.read_text(encoding="utf-8")
    renamed: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        data = _sorted_filter(gzip.decompress(path.read_bytes()))
        lang, _, old = path.stem.rpartition("_")
        new = hashlib.sha256(data).hexdigest()[: len(old)]
        path.unlink()
        (bundle / "filter" / f"{lang}_{new}.pf_filter").write_bytes(gzip.compress(data, mtime=0))
        renamed[f"{lang}_{old}"] = f"{lang}_{new}"
    for path in sorted(bundle.glob("pagefind.*.pf_meta")):
        data = gzip.decompress(path.read_bytes())
        for old, new in renamed.items():
            data = data.replace(old.encode(), new.encode())  # same length: the CBOR stays valid
        data = _sorted_filter_list(data, set(renamed.values()))
        old_hash = path.name.split(".")[1]
        lang = old_hash.rpartition("_")[0]
        new_hash = f"{lang}_{hashlib.sha256(data).hexdigest()[: len(old_hash) - len(lang) - 1]}"
        path.unlink()
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(gzip.compress(data, mtime=0))
        entry = entry.replace(f'"{old_hash}"', f'"{new_hash}"')
    entry_path.write_text(json.dumps(json.loads(entry), ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                          encoding="utf-8")


_SIGNATURE = b"pagefind_dcd"


def _sorted_filter(data: bytes) -> bytes:
    """A filter file (`pagefind_dcd` + CBOR [name, [[value, [pages…]], …]]) with its values sorted."""
    if not data.startswith(_SIGNATURE):
        return data
    start = len(_SIGNATURE)
    position = start + 1  # the 2-item array
    position = _cbor_skip(data, position)  # the filter's name
    count, entries_start = _cbor_head(data, position)
    spans, position = [], entries_start
    for _ in range(count):
        end = _cbor_skip(data, position)
        spans.append(data[position:end])
        position = end
    spans.sort()
    return data[:entries_start] + b"".join(spans) + data[position:]


def _sorted_filter_list(data: bytes, filter_files: set[str]) -> bytes:
    """A meta file with its [[filter name, filter file], …] list sorted (it is in hash-map order too)."""
    if not data.startswith(_SIGNATURE):
        return data
    count, position = _cbor_head(data, len(_SIGNATURE))
    for _ in range(count):
        end = _cbor_skip(data, position)
        if data[position] >> 5 == 4:  # an array: is it the list of filters?
            items, inner = _cbor_head(data, position)
            spans = []
            for _ in range(items):
                item_end = _cbor_skip(data, inner)
                spans.append(data[inner:item_end])
                inner = item_end
            if spans and all(any(name.encode() in span for name in filter_files) for span in spans):
                return data[:position] + data[position:_cbor_head(data, position)[1]] + b"".join(sorted(spans)) + data[end:]
        position = end
    return data


def _cbor_head(data: bytes, position: int) -> tuple[int, int]:
    """The argument of the CBOR item at `position` and where its content starts."""
    info = data[position] & 31
    if info < 24:
        return info, position + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return int.from_bytes(data[position + 1: position + 1 + size], "big"), position + 1 + size


def _cbor_skip(data: bytes, position: int) -> int:
    """Where the (definite-length) CBOR item at `position` ends."""
    major = data[position] >> 5
    argument, position = _cbor_head(data, position)
    if major in (2, 3):
        return position + argument
    if major == 4:
        for _ in range(argument):
            position = _cbor_skip(data, position)
    elif major == 5:
        for _ in range(2 * argument):
            position = _cbor_skip(data, position)
    elif major == 6:
        position = _cbor_skip(data, position)
    return position
