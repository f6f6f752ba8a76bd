"""Forms of the station network; every choice is cut to the user's scope (``ScopedModelForm``)."""

from __future__ import annotations

from datetime import timedelta

from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wulian.attachments import AttachmentFilesField, save_attachments
from wulian.choices import RegionLevel, Role
from wulian.forms import NamedRegionField, RegionChoiceField, ScopedModelForm, fix_fields
from wulian.models import Agency, AttachmentKind
from wulian.pickers import use_picker

from .choices import CertificateLevel, Post, StationTier, TargetGroup
from .models import (
    PROJECT_SERVING_STATES,
    Activity,
    AgencyPlacement,
    Certificate,
    StaffAssignment,
    StaffMember,
    Station,
    Training,
)

ROOM_FIELDS = ["has_office", "has_case_room", "has_group_room", "has_meeting_room"]
EQUIPMENT_FIELDS = ["desks", "computers", "printers", "filing_cabinets"]
STATION_LEVELS = [RegionLevel.COUNTY, RegionLevel.TOWN, RegionLevel.COMMUNITY]


class StationForm(ScopedModelForm):
    region = RegionChoiceField()
    region_levels = {"region": STATION_LEVELS}
    photos = AttachmentFilesField(label=_("Add photos"), help_text=_("JPG, PNG or PDF, at most 10 MB each."))

    class Meta:
        model = Station
        fields = [
            "tier",
            "region",
            "name",
            "address",
            "phone",
            "office_area",
            "has_office",
            "has_case_room",
            "has_group_room",
            "has_meeting_room",
            "other_rooms",
            "desks",
            "computers",
            "printers",
            "filing_cabinets",
            "other_equipment",
            "opened_on",
            "is_pilot",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Row(Column("tier"), Column("region")),
            Row(Column("name"), Column("phone")),
            "address",
            Row(Column("office_area"), Column("opened_on"), Column("is_pilot", css_class="col-md pt-md-4")),
            Fieldset(
                _("Functional rooms"),
                Row(*(Column(name, css_class="col-6 col-md-3") for name in ROOM_FIELDS)),
                "other_rooms",
            ),
            Fieldset(
                _("Office equipment"),
                Row(*(Column(name, css_class="col-6 col-md-3") for name in EQUIPMENT_FIELDS)),
                "other_equipment",
            ),
            "notes",
            "photos",
        )

    def save(self, commit=True):
        station = super().save(commit)
        if commit:
            save_attachments(self.cleaned_data.get("photos"), owner=station, kind=AttachmentKind.PHOTO, user=self.user)
        return station


class StaffMemberForm(ScopedModelForm):
    region = RegionChoiceField()
    region_levels = {"region": STATION_LEVELS}

    class Meta:
        model = StaffMember
        fields = ["name", "region", "phone", "is_professional", "agency", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agency = getattr(self.user, "agency", None) if self.user is not None else None
        if agency is not None:  # an agency's own staff: on its roster, where it is registered
            fix_fields(self, region=agency.region, agency=agency)



class StaffAssignmentForm(ScopedModelForm):
    end_previous = forms.BooleanField(
        label=_("End the person's other current assignments the day before"),
        required=False,
        initial=True,
        help_text=_("Use this when the person moves here from another station."),
    )

    class Meta:
        model = StaffAssignment
        fields = ["person", "station", "post", "start_date", "end_date", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["end_previous"]
        person = self.fields["person"]
        # Equal names are told apart by where the person belongs.
        person.queryset = person.queryset.select_related("region")
        person.label_from_instance = lambda obj: f"{obj.name}（{obj.region.name}）"

    def save(self, commit=True):
        assignment = super().save(commit)
        if commit and self.cleaned_data.get("end_previous"):
            # Only assignments the user may change are ended; the day before the new one starts.
            previous = (
                StaffAssignment.objects.restrict(self.user, "change")
                .filter(person=assignment.person, end_date__isnull=True, start_date__lt=assignment.start_date)
                .exclude(pk=assignment.pk)
            )
            for old in previous:
                old.end_date = assignment.start_date - timezone.timedelta(days=1)
                old.save(update_fields=["end_date", "updated_at"])
        return assignment


class CertificateForm(ScopedModelForm):
    class Meta:
        model = Certificate
        fields = ["person", "level", "number", "year"]


class AgencyPlacementForm(ScopedModelForm):
    class Meta:
        model = AgencyPlacement
        fields = ["agency", "station", "start_date", "end_date", "services"]


class TrainingForm(ScopedModelForm):
    class Meta:
        model = Training
        fields = ["topic", "date", "hours", "kind", "organizer", "lecturer", "place", "agencies", "attendees", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organizers = [StationTier.COUNTY_HUB, StationTier.TOWN_STATION]
        self.fields["organizer"].queryset = self.fields["organizer"].queryset.filter(tier__in=organizers)
        use_picker(self.fields["organizer"], {"tier__in": [str(tier) for tier in organizers]})
        self.fields["agencies"].queryset = self.fields["agencies"].queryset.order_by("name")


class ActivityForm(ScopedModelForm):
    """Quick to fill on a phone: station preselected, date today, four required fields."""

    target_groups = forms.MultipleChoiceField(
        label=_("target groups"), choices=TargetGroup.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    photos = AttachmentFilesField(label=_("Photos"), help_text=_("JPG, PNG or PDF, at most 10 MB each."))
    sign_in_sheets = AttachmentFilesField(label=_("Sign-in sheet scans"), help_text=_("JPG, PNG or PDF, at most 10 MB each."))

    class Meta:
        model = Activity
        fields = [
            "title",
            "kind",
            "date",
            "station",
            "place",
            "domain",
            "target_groups",
            "participants",
            "volunteers",
            "hours",
            "project",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_projects()
        self.fields["participants"].required = False
        self.fields["volunteers"].required = False
        self.fields["participants"].widget.attrs["inputmode"] = "numeric"
        self.fields["volunteers"].widget.attrs["inputmode"] = "numeric"
        self.fields["hours"].widget.attrs["inputmode"] = "decimal"

    def limit_projects(self):
        """A service record names a project whose service runs, among those the user sees; agency staff log only
        for their agency's projects (the project is then required) in the stations its agreements name (进驻)."""
        field = self.fields.get("project")
        if field is None:
            return
        field.queryset = field.queryset.filter(status__in=PROJECT_SERVING_STATES).order_by("-year", "-pk")
        user = self.user
        if getattr(user, "role", None) == Role.AGENCY_STAFF:
            field.queryset = field.queryset.filter(agency_id=user.agency_id)
            field.required = True
            stations = self.fields["station"].queryset = Station.objects.filter(
                project_agreements__project__agency_id=user.agency_id,
                project_agreements__project__status__in=PROJECT_SERVING_STATES,
            ).distinct()
            self.preselect_the_only_station(stations)
        field.help_text = _("For a service record of a project: the project it belongs to.")

    def preselect_the_only_station(self, stations):
        """Agency staff serve in the stations their agreements name: with one, it is the answer; with none, the
        form says why no station can be chosen instead of a bare 「这个字段是必需的」."""
        choices = list(stations[:2])
        if len(choices) == 1 and not self.instance.pk:
            self.initial["station"] = choices[0].pk
        elif not choices:
            self.fields["station"].error_messages["required"] = _(
                "The agreements of your projects name no station served (进驻): ask the civil affairs bureau to "
                "name the stations in the agreement."
            )

    def clean_participants(self):
        return self.cleaned_data.get("participants") or 0

    def clean_volunteers(self):
        return self.cleaned_data.get("volunteers") or 0

    def clean(self):
        """Plausible figures: the log records what happened (by tomorrow at the latest, for late-evening
        entries across midnight), and the volunteers are counted among the participants."""
        cleaned = super().clean()
        day = cleaned.get("date")
        latest = timezone.localdate() + timedelta(days=1)
        if day and day > latest:
            self.add_error(
                "date",
                _("The activity log records work already done: the date can be %(latest)s at the latest.")
                % {"latest": date_format(latest)},
            )
        participants, volunteers = cleaned.get("participants") or 0, cleaned.get("volunteers") or 0
        if volunteers > participants:
            self.add_error(
                "volunteers",
                _("Volunteers are counted among the participants: at most %(participants)s.")
                % {"participants": participants},
            )
        return cleaned

    def save(self, commit=True):
        activity = self.instance
        if activity.pk is None and activity.recorded_by_id is None and getattr(self.user, "pk", None):
            activity.recorded_by = self.user
        activity = super().save(commit)
        if commit:
            for name, kind in (("photos", AttachmentKind.PHOTO), ("sign_in_sheets", AttachmentKind.SIGN_IN)):
                save_attachments(self.cleaned_data.get(name), owner=activity, kind=kind, user=self.user)
        return activity


# -- import forms: one row of an Excel file each --------------------------------------------------
class StationByNameField(forms.ModelChoiceField):
    """A station named exactly as in the portal (import files name stations, not ids)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Station.objects.all())
        kwargs.setdefault("to_field_name", "name")
        kwargs.setdefault("error_messages", {"invalid_choice": _("No station of this name in your area.")})
        super().__init__(*args, **kwargs)


class ActivityImportForm(ActivityForm):
    station = StationByNameField(label=_("station"))

    class Meta(ActivityForm.Meta):
        fields = [
            "station",
            "date",
            "kind",
            "title",
            "place",
            "domain",
            "target_groups",
            "participants",
            "volunteers",
            "hours",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["photos"]
        del self.fields["sign_in_sheets"]
        self.fields["date"].required = True
        self.fields["station"].label = Activity._meta.get_field("station").verbose_name


class StationImportForm(StationForm):
    """A station of the county's ledger: its region named as in the portal (issue 23 H)."""

    region = NamedRegionField(missing_message=_("No region called “%(name)s” in your area."))

    class Meta(StationForm.Meta):
        fields = [name for name in StationForm.Meta.fields if name not in ("other_rooms", "other_equipment", "notes")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["photos"]
        self.fields["region"].label = Station._meta.get_field("region").verbose_name


class StaffImportForm(ScopedModelForm):
    """One person on a station's staff, with their post and (optionally) their certificate."""

    station = StationByNameField(label=_("station"))
    post = forms.ChoiceField(label=_("post"), choices=Post.choices)
    start_date = forms.DateField(label=_("start date"))
    certificate_level = forms.ChoiceField(
        label=_("certificate level"), choices=[("", "")] + list(CertificateLevel.choices), required=False
    )
    certificate_number = forms.CharField(label=_("certificate number"), max_length=50, required=False)
    certificate_year = forms.IntegerField(label=_("year obtained"), min_value=2008, max_value=2100, required=False)
    agency = forms.ModelChoiceField(
        label=_("agency"),
        queryset=Agency.objects.all(),
        to_field_name="name",
        required=False,
        error_messages={"invalid_choice": _("No agency of this name in your area.")},
    )

    class Meta:
        model = StaffMember
        fields = ["name", "phone", "is_professional", "agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = Station.objects.restrict(self.user, "change")

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("certificate_level")
        number = (cleaned.get("certificate_number") or "").strip()
        year = cleaned.get("certificate_year")
        if level or number or year:
            if not (level and number and year):
                raise ValidationError(_("A certificate needs its level, number and year."))
            if Certificate.objects.filter(number=number).exists():
                self.add_error("certificate_number", _("A certificate with this number is already recorded."))
        station = cleaned.get("station")
        name = cleaned.get("name")
        if station and name:
            if StaffAssignment.objects.active().filter(station=station, person__name=name).exists():
                self.add_error("name", _("%(name)s is already on the staff of %(station)s.") % {"name": name, "station": station})
        return cleaned

    def save(self, commit=True):
        person = self.instance
        station = self.cleaned_data["station"]
        person.region = station.region
        person = super().save(commit)
        StaffAssignment.objects.create(
            person=person, station=station, post=self.cleaned_data["post"], start_date=self.cleaned_data["start_date"]
        )
        if self.cleaned_data.get("certificate_level"):
            Certificate.objects.create(
                person=person,
                level=self.cleaned_data["certificate_level"],
                number=self.cleaned_data["certificate_number"].strip(),
                year=self.cleaned_data["certificate_year"],
            )
        return person
