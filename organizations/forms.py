from wulian.choices import RegionLevel
from wulian.forms import RegionChoiceField, ScopedModelForm

from .models import Agency


class AgencyForm(ScopedModelForm):
    region = RegionChoiceField()
    cultivated_by = RegionChoiceField(required=False)
    region_levels = {"region": [RegionLevel.COUNTY, RegionLevel.TOWN], "cultivated_by": [RegionLevel.TOWN]}

    class Meta:
        model = Agency
        fields = [
            "name",
            "credit_code",
            "region",
            "legal_representative",
            "contact_person",
            "phone",
            "address",
            "founded_on",
            "cultivated_by",
            "cultivated_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].label = Agency._meta.get_field("region").verbose_name
        self.fields["cultivated_by"].label = Agency._meta.get_field("cultivated_by").verbose_name
