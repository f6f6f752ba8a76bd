from django import forms
from django.utils.translation import gettext_lazy as _

from wulian.choices import RegionLevel
from wulian.forms import NamedRegionField, RegionChoiceField, ScopedModelForm, fix_fields
from wulian.models import Agency
from wulian.pickers import use_picker

from .choices import ServiceDomain
from .models import SocialOrganization


class AgencyForm(ScopedModelForm):
    region = RegionChoiceField()
    cultivated_by = RegionChoiceField(required=False)
    service_domains = forms.MultipleChoiceField(
        label=_("service domains"), choices=ServiceDomain.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
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
            "qualifications",
            "certified_staff_count",
            "service_domains",
            "cultivated_by",
            "cultivated_on",
        ]
        widgets = {"qualifications": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cultivated_by"].label = Agency._meta.get_field("cultivated_by").verbose_name
        if getattr(self.user, "agency_id", None):
            # An agency maintains its own record; where it is registered and which town cultivated it are the
            # registry's facts, shown as they are (the agency sees no region picker: regions are not its scope).
            fix_fields(self, region=self.instance.region, cultivated_by=self.instance.cultivated_by)
            self.fields["cultivated_on"].disabled = True
            # Eligibility is computed from the certified staff on record (its staff and their certificates).
            del self.fields["certified_staff_count"]


class SocialOrganizationForm(ScopedModelForm):
    region = RegionChoiceField()
    region_levels = {"region": [RegionLevel.TOWN, RegionLevel.COMMUNITY]}

    class Meta:
        model = SocialOrganization
        fields = [
            "region",
            "name",
            "category",
            "status",
            "registration_number",
            "founded_on",
            "leader",
            "members_count",
            "contact_person",
            "phone",
            "is_federation",
            "federation",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "federation" in self.fields:
            federations = self.fields["federation"].queryset.filter(is_federation=True).select_related("region")
            if self.instance.pk:
                federations = federations.exclude(pk=self.instance.pk)
            self.fields["federation"].queryset = federations
            use_picker(self.fields["federation"], {"is_federation": True})


class SocialOrganizationImportForm(SocialOrganizationForm):
    """One row of the organisations import: the community is given by name."""

    region = NamedRegionField(label=_("community"))
    region_levels = {"region": [RegionLevel.COMMUNITY]}

    class Meta(SocialOrganizationForm.Meta):
        fields = [f for f in SocialOrganizationForm.Meta.fields if f not in ("is_federation", "federation")]


class CommunitySummaryForm(forms.Form):
    """Which part of the user's area the per-community summary covers."""

    region = RegionChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(label=_("community kind"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        from wulian.choices import CommunityKind
        from wulian.models import Region

        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.restrict(user).filter(
            level__in=[RegionLevel.COUNTY, RegionLevel.TOWN]
        )
        use_picker(self.fields["region"], {"level__in": [int(RegionLevel.COUNTY), int(RegionLevel.TOWN)]})
        # A blank filter means every community (全部), as on the lists; never Django's "---------".
        self.fields["kind"].choices = [("", _("All")), *CommunityKind.choices]
        self.fields["region"].empty_label = _("All")
