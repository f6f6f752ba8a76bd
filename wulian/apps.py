from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WulianConfig(AppConfig):
    name = "wulian"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from wulian import checks  # noqa: F401 - registers the scope-rule checks
        from wulian.security import sessions  # noqa: F401 - login, logout and failures: audited (issue 21)

        # Reports register themselves: the core's, then each app's reports.py.
        from wulian import api_views, attainment_report, core_reports  # noqa: F401

        autodiscover_modules("reports")
        # API endpoints register on the one router: the core's, then each app's api.py.
        autodiscover_modules("api")
        # Pickable models (searchable choices): the core's, then each app's pickers.py.
        from wulian.pickers import register_core_pickers

        register_core_pickers()
        autodiscover_modules("pickers")
        # Policy indicators (wulian.indicators): each app's indicators.py registers its own.
        autodiscover_modules("indicators")
        # Dashboard series (wulian.dashboard): each app's dashboard.py registers its own.
        autodiscover_modules("dashboard")
