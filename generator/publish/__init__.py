"""Publish stage: downloads, machine-readable catalogues and crawler files."""
