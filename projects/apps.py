from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from stations.links import register_activity_link
        from wulian.choices import Role
        from wulian.panels import DetailPanel, register_home_panel

        from . import pickers  # noqa: F401 - registers the project picker
        from .panels import agency_home, evaluator_home
        from .service import ProjectServiceLink

        # The agency's service log: the project of an activity-log entry (stations never name projects).
        register_activity_link(ProjectServiceLink())

        # The agency's home: open tenders, its bids and contracts; the evaluator's: its assigned projects.
        register_home_panel({Role.AGENCY_STAFF}, DetailPanel("projects/home_agency.html", agency_home, order=10))
        register_home_panel({Role.EVALUATOR}, DetailPanel("projects/home_evaluator.html", evaluator_home, order=10))
