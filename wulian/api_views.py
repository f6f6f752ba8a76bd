"""API endpoints of the core: regions."""

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from rest_framework import serializers

from wulian.api import ScopedSerializer, ScopedViewSet, router
from wulian.models import Region


class RegionSerializer(ScopedSerializer):
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)
    # Only communities and villages have a kind; the schema says "" is a possible value (schemathesis found it).
    kind = serializers.ChoiceField(choices=Region._meta.get_field("kind").choices, allow_blank=True, read_only=True)

    class Meta:
        model = Region
        fields = ["id", "name", "level", "kind", "code", "population", "parent"]
        read_only_fields = fields


class RegionViewSet(ScopedViewSet):
    """Regions in your scope (read-only over the API; the tree is edited on the pages)."""

    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    http_method_names = ["get", "head", "options"]
    filterset_fields = ["level", "kind"]

    def get_queryset(self):
        parent = Region.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Region.steplen)
        ).values("pk")[:1]
        return super().get_queryset().annotate(parent_id=Subquery(parent))


router.register("regions", RegionViewSet, basename="region")
