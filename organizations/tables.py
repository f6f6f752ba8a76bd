import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from wulian.models import Agency
from wulian.tables import ObjectTable

from .models import SocialOrganization


class AgencyTable(ObjectTable):
    name = tables.Column(linkify=True)
    region = tables.Column(verbose_name=_("registered in"))
    cultivated_by = tables.Column(verbose_name=_("cultivated by town"))
    service_domains = tables.Column(verbose_name=_("service domains"), orderable=False)

    class Meta(ObjectTable.Meta):
        model = Agency
        fields = (
            "name",
            "credit_code",
            "region",
            "legal_representative",
            "certified_staff_count",
            "service_domains",
            "cultivated_by",
            "cultivated_on",
        )

    def render_service_domains(self, record):
        return record.get_service_domains_display()

    def value_service_domains(self, record):
        return record.get_service_domains_display()


class SocialOrganizationTable(ObjectTable):
    name = tables.Column(linkify=True)
    region = tables.Column(verbose_name=_("community"), order_by=("region__path",))
    federation = tables.Column(verbose_name=_("member of federation"))

    class Meta(ObjectTable.Meta):
        model = SocialOrganization
        fields = (
            "name",
            "region",
            "category",
            "status",
            "registration_number",
            "founded_on",
            "leader",
            "members_count",
            "is_federation",
            "federation",
        )
