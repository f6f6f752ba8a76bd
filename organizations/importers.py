from django.utils.translation import gettext_lazy as _

from wulian.imports import Importer

from .forms import SocialOrganizationImportForm
from .models import SocialOrganization


class SocialOrganizationImporter(Importer):
    model = SocialOrganization
    form_class = SocialOrganizationImportForm
    fields = SocialOrganizationImportForm.Meta.fields
    duplicate_key = ("region", "name")
    title = _("community social organisations")
    hints = {
        "region": _("Name of the community or village, exactly as in the portal"),
        "registration_number": _("Required when the status is 依法登记"),
    }
