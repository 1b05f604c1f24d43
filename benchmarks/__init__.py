"""Benchmark suite for the site generator: `python -m benchmarks` (see benchmarks/README.md).

Never part of the test suite; its extra requirements are in benchmarks/requirements.txt.
"""
