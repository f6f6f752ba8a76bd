"""Excel imports of the station network, through the portal's one import path (``wulian.imports``)."""

from django.utils.translation import gettext_lazy as _

from wulian.imports import Importer

from .forms import ActivityImportForm, StaffImportForm
from .models import Activity, StaffMember


class StaffImporter(Importer):
    model = StaffMember
    form_class = StaffImportForm
    fields = [
        "name",
        "station",
        "post",
        "start_date",
        "is_professional",
        "phone",
        "certificate_level",
        "certificate_number",
        "certificate_year",
        "agency",
    ]
    duplicate_key = ("name", "station")
    title = _("Staff")
    hints = {
        "station": _("The station's name, exactly as in the portal, e.g. 滨河社区社工室"),
        "certificate_year": _("Year, e.g. 2021"),
    }


class ActivityImporter(Importer):
    model = Activity
    form_class = ActivityImportForm
    fields = ActivityImportForm.Meta.fields
    duplicate_key = ("station", "date", "title")
    title = _("Activity log")
    hints = {"station": _("The station's name, exactly as in the portal, e.g. 滨河社区社工室")}
