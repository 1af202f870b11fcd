"""PO catalogs: the entry model and status (model), reading and writing (pofile), msgmerge (merge)."""
