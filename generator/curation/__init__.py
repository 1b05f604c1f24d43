"""Adding a document: import a file into content/documents/, draft its figures into drafts/<id>/,
review them on the local review page of `serve`; the build checks each figure against its quote."""
