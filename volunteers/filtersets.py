import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wulian.filtersets import DateRangeFilter, RegionFilter, ScopedFilterSet

from .choices import ActivityStatus, HoursSource, HoursStatus, IdType, VolunteerStatus
from .models import ServiceHours, Volunteer, VolunteerActivity, VolunteerCertificate, VolunteerTeam


class VolunteerFilterSet(ScopedFilterSet):
    # The ID number is searched by exact match only, so a search box cannot be used to guess numbers.
    search_fields = ("name", "volunteer_number", "skills")
    region = RegionFilter(lookup="community")
    status = django_filters.ChoiceFilter(label=_("status"), choices=VolunteerStatus.choices)
    id_type = django_filters.ChoiceFilter(label=_("ID type"), choices=IdType.choices)
    registered = DateRangeFilter(field_name="registered_on", label=_("registered on"))

    class Meta:
        model = Volunteer
        fields = ["region", "status", "id_type"]


class VolunteerTeamFilterSet(ScopedFilterSet):
    search_fields = ("name", "organising_body")
    region = RegionFilter(lookup="region")

    class Meta:
        model = VolunteerTeam
        fields = ["region"]


class VolunteerActivityFilterSet(ScopedFilterSet):
    search_fields = ("title", "place", "content", "organiser_name")
    region = RegionFilter(lookup="region")
    date = DateRangeFilter(label=_("date"))
    status = django_filters.ChoiceFilter(label=_("check-in"), choices=ActivityStatus.choices)

    class Meta:
        model = VolunteerActivity
        fields = ["region", "team", "status"]


class ServiceHoursFilterSet(ScopedFilterSet):
    search_fields = ("volunteer__name", "volunteer__volunteer_number", "activity__title")
    region = RegionFilter(lookup="activity__region")
    status = django_filters.ChoiceFilter(label=_("status"), choices=HoursStatus.choices)
    source = django_filters.ChoiceFilter(label=pgettext_lazy("how hours were recorded", "recorded by"), choices=HoursSource.choices)
    date = DateRangeFilter(field_name="activity__date", label=_("date"))

    class Meta:
        model = ServiceHours
        fields = ["region", "status", "source"]


class VolunteerCertificateFilterSet(ScopedFilterSet):
    search_fields = ("number", "volunteer__name", "issuer_name")
    region = RegionFilter(lookup="volunteer__community")
    issued = DateRangeFilter(field_name="issued_on", label=_("issued on"))

    class Meta:
        model = VolunteerCertificate
        fields = ["region"]
