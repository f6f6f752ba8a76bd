"""The page a county uses to move in: its towns and villages from the national division code list
(``wulian.region_import``), through the import page every list has."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from wulian.choices import AccessAction
from wulian.models import AccessLog, Region
from wulian.region_import import RegionTreeImporter
from wulian.views import generic


class RegionImportView(generic.ObjectImportView):
    importer_class = RegionTreeImporter
    template_name = "wulian/region_import.html"

    def post(self, request, *args, **kwargs):
        self.check_model_permission("add")
        importer = self.importer_class(request.user)
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose an Excel file to import."))
            return self.render_page(importer)
        result = importer.run(upload)
        if result.ok:
            AccessLog.record(request, AccessAction.IMPORT, Region, row_count=result.created)
            messages.success(
                request,
                _("%(created)d towns, communities and villages were added; %(unchanged)d already on record were left as they are.")
                % {"created": result.created, "unchanged": result.unchanged},
            )
            return redirect(reverse("wulian:region_list"))
        messages.error(request, _("Nothing was imported: correct the rows below and upload the file again."))
        return self.render_page(importer, result)
