"""The page a county uses to move in: its towns and villages from the national division code list
(``wulian.region_import``), through the import page every list has (the generic view and template; the
importer says what the page explains, which files it takes and what a success reports)."""

from __future__ import annotations

from wulian.region_import import RegionTreeImporter
from wulian.views import generic


class RegionImportView(generic.ObjectImportView):
    importer_class = RegionTreeImporter
