import django_filters
from django.utils.translation import gettext_lazy as _

from wulian.choices import RegionLevel
from wulian.filtersets import RegionFilter, ScopedFilterSet
from wulian.models import Agency

from .choices import OrganizationCategory, RegistrationStatus, ServiceDomain
from .models import SocialOrganization


class AgencyFilterSet(ScopedFilterSet):
    search_fields = ("name", "credit_code", "legal_representative")
    region = RegionFilter(lookup="region")
    cultivated_by = RegionFilter(lookup="cultivated_by", levels=[RegionLevel.TOWN])
    service_domain = django_filters.ChoiceFilter(
        label=_("service domain"), choices=ServiceDomain.choices, method="filter_domain"
    )

    class Meta:
        model = Agency
        fields = ["region", "cultivated_by"]

    def filter_domain(self, queryset, name, value):
        # The JSON list is searched as text for the quoted code, which works on SQLite and PostgreSQL alike.
        return queryset.filter(service_domains__icontains=f'"{value}"') if value else queryset


class SocialOrganizationFilterSet(ScopedFilterSet):
    search_fields = ("name", "registration_number", "leader")
    region = RegionFilter(lookup="region", label=_("Region"))
    category = django_filters.ChoiceFilter(label=_("category"), choices=OrganizationCategory.choices)
    status = django_filters.ChoiceFilter(label=_("registration status"), choices=RegistrationStatus.choices)
    is_federation = django_filters.BooleanFilter(label=_("federation"))

    class Meta:
        model = SocialOrganization
        fields = ["region", "category", "status", "is_federation"]

