"""API endpoints of the organisations app."""

from wulian.api import ScopedSerializer, ScopedViewSet, router

from .models import Agency


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


router.register("agencies", AgencyViewSet, basename="agency")
