from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organisations")

    def ready(self):
        from wulian.models import Agency
        from wulian.models.base import serve_pages

        # The agency is a core model (a scope dimension); its pages are this app's.
        serve_pages(Agency, "organizations")
