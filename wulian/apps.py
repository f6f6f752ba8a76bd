from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WulianConfig(AppConfig):
    name = "wulian"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Reports register themselves: the core's, then each app's reports.py.
        from wulian import core_reports  # noqa: F401

        autodiscover_modules("reports")
