"""Compiled templates, kept for the life of the process and in the build cache."""

from __future__ import annotations

import hashlib
import types

import jinja2
import jinja2.bccache

from .cache import Cache


class TemplateCache(jinja2.BytecodeCache):
    """Jinja's compiled templates, by template name and source (Jinja checks the source's hash).

    Kept in memory for the life of the process, whatever the project: the second language's
    environment, a rebuild by `serve` and the next build in one process compile nothing. With
    the cache on, also stored as checksummed entries in `.cache/jinja/`, never swept (a build
    that reuses every page compiles no template, yet still needs them next time). Code
    compiled for one project's file is handed out with that file's name in its place, since
    Jinja reads the template's file name, and a template error its line, from the code.
    """

    _memory: dict[tuple[str, str], bytes] = {}

    def __init__(self, cache: Cache):
        self.cache = cache

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()  # not the file: the source's hash decides

    def get_bucket(self, environment, name, filename, source) -> jinja2.bccache.Bucket:
        bucket = super().get_bucket(environment, name, filename, source)
        if bucket.code is not None and filename and bucket.code.co_filename != filename:
            bucket.code = _refiled(bucket.code, filename)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._memory.get((bucket.key, bucket.checksum))
        if data is None and self.cache.enabled:
            data = self.cache.read(self.cache.entry("jinja", bucket.key))
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._memory[bucket.key, bucket.checksum] = bucket.bytecode_to_string()
        self.cache.write(self.cache.entry("jinja", bucket.key), data)


def _refiled(code: types.CodeType, filename: str) -> types.CodeType:
    """`code` and the code inside it (macros, blocks), as if compiled from `filename`."""
    return code.replace(co_filename=filename, co_consts=tuple(
        _refiled(const, filename) if isinstance(const, types.CodeType) else const for const in code.co_consts))
