from wulian.choices import RegionLevel
from wulian.filtersets import RegionFilter, ScopedFilterSet

from .models import Agency


class AgencyFilterSet(ScopedFilterSet):
    search_fields = ("name", "credit_code", "legal_representative")
    region = RegionFilter(lookup="region")
    cultivated_by = RegionFilter(lookup="cultivated_by", levels=[RegionLevel.TOWN])

    class Meta:
        model = Agency
        fields = ["region", "cultivated_by"]
