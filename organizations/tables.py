import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wulian.tables import ObjectTable

from .models import Agency


class AgencyTable(ObjectTable):
    name = tables.Column(linkify=True)
    region = tables.Column(verbose_name=_("registered in"))
    cultivated_by = tables.Column(verbose_name=_("cultivated by town"))

    class Meta(ObjectTable.Meta):
        model = Agency
        fields = ("name", "credit_code", "region", "legal_representative", "contact_person", "cultivated_by", "cultivated_on")
