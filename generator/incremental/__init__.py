"""The build cache (cache.py), the page store and its one reuse decision (pagestore.py), and
dependency tracking (deps.py): what makes a rebuild redo only what changed."""
