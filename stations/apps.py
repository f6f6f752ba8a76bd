from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "stations"
    verbose_name = _("Stations")

    def ready(self):
        from wulian.models import Agency
        from wulian.panels import DetailPanel, register_panel

        from .panels import agency_stations_and_training

        # The agency's page (served by organizations) shows where it is stationed and the training it received.
        register_panel(Agency, DetailPanel("stations/agency_panel.html", agency_stations_and_training, order=10))
