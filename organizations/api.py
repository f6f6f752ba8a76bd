"""API endpoints of the organisations app: social work agencies and community social organisations."""

from wulian.api import ScopedSerializer, ScopedViewSet, router
from wulian.models import Agency

from .filtersets import AgencyFilterSet, SocialOrganizationFilterSet
from .models import SocialOrganization


class AgencySerializer(ScopedSerializer):
    class Meta:
        model = Agency
        fields = [
            "id", "name", "credit_code", "region", "legal_representative", "contact_person", "phone",
            "address", "founded_on", "cultivated_by", "cultivated_on",
        ]


class AgencyViewSet(ScopedViewSet):
    queryset = Agency.objects.select_related("region", "cultivated_by")
    serializer_class = AgencySerializer
    filterset_class = AgencyFilterSet


class SocialOrganizationSerializer(ScopedSerializer):
    class Meta:
        model = SocialOrganization
        fields = [
            "id", "region", "name", "category", "status", "registration_number", "founded_on", "leader",
            "members_count", "contact_person", "phone", "is_federation", "federation",
        ]


class SocialOrganizationViewSet(ScopedViewSet):
    """Community social organisations (社区社会组织) and their federations in your scope."""

    queryset = SocialOrganization.objects.all()
    serializer_class = SocialOrganizationSerializer
    filterset_class = SocialOrganizationFilterSet


router.register("agencies", AgencyViewSet, basename="agency")
router.register("social-organizations", SocialOrganizationViewSet, basename="socialorganization")
