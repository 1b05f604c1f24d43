"""Static-site generator for open data on Vietnam's administrative-reform (CCHC) plans."""

__version__ = "0.1.0"
