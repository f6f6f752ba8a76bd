from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WulianConfig(AppConfig):
    name = "wulian"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"
