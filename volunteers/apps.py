from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from stations.models import Activity
        from wulian.panels import DetailPanel, register_panel

        from . import stats
        from .panels import work_log_hours

        stats.connect()
        # A work-log entry's page (served by stations) records its volunteers' hours (issue 23 F).
        register_panel(Activity, DetailPanel("volunteers/work_log_panel.html", work_log_hours, order=20))
