"""The downloads stage and its format registry (formats.py): every data file, catalogue and API file."""
