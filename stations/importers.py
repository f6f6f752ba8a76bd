"""Excel imports of the station network, through the portal's one import path (``wulian.imports``)."""

from django.utils.translation import gettext_lazy as _

from wulian.imports import Importer

from .forms import ActivityImportForm, StaffImportForm, StationImportForm
from .models import Activity, StaffAssignment, StaffMember, Station

ON_RECORD = _("A row already on record is left as it is, so the ledger can be imported again after adding to it.")


class StationImporter(Importer):
    """The county's stations from its ledger (issue 23 H); a station already on record (its name) is left as it is."""

    model = Station
    form_class = StationImportForm
    fields = StationImportForm.Meta.fields
    duplicate_key = ("name",)
    title = _("Stations")
    instructions = (ON_RECORD,)
    hints = {"region": _("The county, town, community or village, exactly as in the portal, e.g. 滨河社区")}

    def on_record(self, data: dict) -> bool:
        name = str(data.get("name") or "").strip()
        return bool(name) and Station.objects.filter(name=name).exists()


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
    instructions = (ON_RECORD,)
    hints = {
        "station": _("The station's name, exactly as in the portal, e.g. 滨河社区社工室"),
        "certificate_year": _("Year, e.g. 2021"),
    }

    def on_record(self, data: dict) -> bool:
        """The person already works at the station (an assignment still running): left as they are."""
        name, station = (str(data.get(key) or "").strip() for key in ("name", "station"))
        return bool(name and station) and StaffAssignment.objects.active().filter(
            station__name=station, person__name=name).exists()


class ActivityImporter(Importer):
    model = Activity
    form_class = ActivityImportForm
    fields = ActivityImportForm.Meta.fields
    duplicate_key = ("station", "date", "title")
    title = _("Activity log")
    hints = {"station": _("The station's name, exactly as in the portal, e.g. 滨河社区社工室")}
