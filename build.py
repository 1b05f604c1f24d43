#!/usr/bin/env python3
"""Build the CCHC open-data site: `python build.py` (see README.md)."""

from generator.cli import main

if __name__ == "__main__":
    main()
