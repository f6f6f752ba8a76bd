from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")

    def ready(self):
        from projects.models import Project
        from stations.models import Station
        from wulian.panels import DetailPanel, register_panel

        from . import execution_report  # noqa: F401 - registers the execution report with the pipeline
        from .panels import project_money, station_money

        # funding stands above projects and stations: it adds its panels to their pages, they never name it.
        register_panel(Project, DetailPanel("funding/project_panel.html", project_money, order=60))
        register_panel(Station, DetailPanel("funding/station_panel.html", station_money, order=60))
        # …and the paid tranches to the projects' OCDS contracts.
        from projects.ocds import register_contract_part

        from .ocds import transactions

        register_contract_part(transactions)
        _charity_ready()


def _charity_ready():
    """Charity resources: the public page's link (the core's registry) and the disclosure statement report."""
    from django.utils.translation import gettext_lazy as _

    from wulian.public_links import PublicLink, register_public_link

    from .charity import reports  # noqa: F401 - registers the disclosure statement

    register_public_link(PublicLink("funding:charity_public", _("Charity funds: income, use and balance"), order=60))

