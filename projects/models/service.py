"""Service records: an entry of the stations' activity log that is a service of a project (the agency's service
log). Projects stand above stations, so the link lives here, one row per linked entry; stations never name
projects (``stations.links``; docs/decisions.md, issue 19 "the activity's project moved into projects")."""

from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from wulian.writes import Refused


class ServiceRecord(models.Model):
    """The project an activity-log entry is a service record of (at most one per entry)."""

    activity = models.OneToOneField(
        "stations.Activity", verbose_name=_("activity"), on_delete=models.CASCADE, related_name="service_record"
    )
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("service project"), on_delete=models.PROTECT, related_name="service_records"
    )

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")

    def __str__(self):
        return f"{self.project} · {self.activity}"

    def check_rules(self):
        """A service record lies within the project's agreement: not before its start, and in one of the stations
        it names (进驻), if it names any."""
        activity = self.activity
        agreement = getattr(self.project, "agreement", None)  # a missing one-to-one raises an AttributeError
        if agreement is None:
            return
        if agreement.start and activity.date and activity.date < agreement.start:
            raise Refused(
                _("The project's agreement starts on %(start)s; a service record cannot come before it.")
                % {"start": formats.date_format(agreement.start, "DATE_FORMAT")},
                field="date",
            )
        if agreement.stations.exists() and not agreement.stations.filter(pk=activity.station_id).exists():
            raise Refused(
                _("“%(station)s” is not among the stations of the project's agreement.") % {"station": activity.station},
                field="station",
            )
