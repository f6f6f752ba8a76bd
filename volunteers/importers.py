from django.utils.translation import gettext_lazy as _

from wulian.imports import Importer

from .forms import ServiceHoursImportForm, VolunteerImportForm
from .models import ServiceHours, Volunteer


class VolunteerImporter(Importer):
    """Volunteers from the registry template. A repeated ID number — twice in the file, or already registered
    — is reported on its row, never merged."""

    model = Volunteer
    form_class = VolunteerImportForm
    fields = ["name", "id_type", "id_number", "phone", "community", "skills", "registered_on", "volunteer_number"]
    duplicate_key = ("id_number",)
    title = _("volunteers")
    hints = {
        "id_number": _("18 characters for a resident ID card; the last may be X"),
        "community": _("Name of the community or village, exactly as in the portal"),
        "volunteer_number": _("Leave blank to have one given"),
    }


class ServiceHoursImporter(Importer):
    """Confirmed hours from an attendance sheet: activity (date and title), volunteer number, hours."""

    model = ServiceHours
    form_class = ServiceHoursImportForm
    fields = ["activity_date", "activity_title", "volunteer_number", "hours", "note"]
    duplicate_key = ("activity", "volunteer")
    title = _("service hours")
    hints = {
        "activity_title": _("Title of the activity, exactly as in the portal"),
        "hours": _("Actual service time in hours, e.g. 2.5"),
    }
