"""One module per page type, one list of page types, one URL builder."""
