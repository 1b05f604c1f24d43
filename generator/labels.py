"""Labels for coded values (levels, units, statuses …), marked for translation.

Templates show them with `label(kind, code)`; `pybabel extract` finds them through `N_`.
"""
from __future__ import annotations

def N_(message: str) -> str:
    """Mark a message for extraction; it is translated when shown."""
    return message


LABELS: dict[str, dict[str, str]] = {
    "document_type": {
        "decision": N_('Decision'),
        "plan": N_('Plan'),
        "press-report": N_('Press report'),
    },
    "comparator": {
        ">=": N_('at least'),
        ">": N_('more than'),
        "=": N_('exactly'),
        "<": N_('less than'),
        "<=": N_('at most'),
    },
    "level": {
        "tinh": N_('Provincial level'),
        "huyen": N_('District level'),
        "xa": N_('Commune level'),
        "toan-dia-ban": N_('Whole area'),
    },
    "status": {
        "met": N_('Met'),
        "not-met-yet": N_('Not met yet'),
        "no-data": N_('No data'),
    },
    "unit": {
        "percent": "%",  # a symbol, the same in every language
        "count": "",
        "vnd": N_('VND'),
        "rank": N_('(rank)'),
        "rank_change": N_('places'),
        "times": N_('times'),
    },
    "direction": {
        "increase": N_('Higher is better'),
        "decrease": N_('Lower is better'),
    },
    "place_type": {
        "quoc-gia": N_('Country'),
        "tinh": N_('Province'),
        "huyen": N_('District'),
        "xa": N_('Commune'),
    },
    "search_kind": {  # what a search result is
        "document": N_('Document'),
        "target": N_('Target'),
        "result": N_('Result'),
        "assignment": N_('Assignment'),
        "indicator": N_('Indicator'),
        "place": N_('Place'),
        "dataset": N_('Dataset'),
    },
    "page": {
        "documents": N_('Documents'),
        "targets": N_('Targets'),
        "indicators": N_('Indicators'),
        "topics": N_('Topics'),
        "places": N_('Places'),
        "areas": N_('Reform areas'),
        "legal": N_('Cited instruments'),
        "datasets": N_('Data'),
        "about": N_('About'),
        "search": N_('Search'),
    },
    # The instruments documents cite (legal_documents.csv, references): see generator/pages/legal.py.
    "legal_type": {
        "luat": N_('Law'),
        "nghi-quyet": N_('Resolution'),
        "nghi-dinh": N_('Decree'),
        "quyet-dinh": N_('Decision'),
        "chi-thi": N_('Directive'),
        "chuong-trinh": N_('Programme'),
        "ke-hoach": N_('Plan'),
    },
    "legal_level": {
        "quoc-gia": N_('National instruments'),
        "tinh": N_('Provincial instruments'),
        "huyen": N_('District instruments'),
        "xa": N_('Commune instruments'),
        "": N_('Instruments of unknown level'),
    },
    "relation": {
        "implements": N_('implements'),
        "reports-on": N_('reports on'),
        "cites": N_('cites'),
    },
    # Places over time (place_changes.csv, legal_documents.url_kind): see generator/places.py.
    "place_change": {
        "merged": N_('Merged'),
        "renamed": N_('Renamed'),
        "abolished": N_('Abolished'),
        "split": N_('Split'),
    },
    "url_kind": {  # the link to an instrument, worded by what it leads to
        "official-gazette": N_('Open the official text'),
        "legal-database": N_('Read its text in a legal database'),
        "portal": N_('Read it on a government portal'),
        "press": N_('Read a press report of it'),
    },
    "url_kind_note": {  # said under a link that is not the official gazette
        "legal-database": N_("A third party's copy of its text or heading, not the official gazette."),
        "portal": N_('A government portal, not the official gazette.'),
        "press": N_('A news report of the instrument: no page with its text was found.'),
    },
    "date_source": {
        "instrument": N_("The instrument's own date"),
        "citing-text": N_('As an official text that cites it gives it; not checked against the instrument itself'),
    },
}
