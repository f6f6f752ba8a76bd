"""The page a county uses to move in: its towns and villages from the national division code list
(``wulian.region_import``), through the import page every list has."""

from __future__ import annotations

from django.utils.translation import gettext as _

from wulian.region_import import RegionTreeImporter
from wulian.views import generic


class RegionImportView(generic.ObjectImportView):
    importer_class = RegionTreeImporter
    template_name = "wulian/region_import.html"

    def imported_message(self, result) -> str:
        return _(
            "%(created)d towns, communities and villages were added; %(unchanged)d already on record were left as they are."
        ) % {"created": result.created, "unchanged": result.unchanged}
