from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.choices import RegionLevel
from wulian.forms import FORM_EMPTY_CHOICE, NamedRegionField, RegionChoiceField, ScopedModelForm, label_empty_choices
from wulian.pickers import use_picker
from wulian.templatetags.wulian import number as format_number

from . import standards
from .choices import HoursSource, HoursStatus, VolunteerStatus
from .models import ServiceHours, Volunteer, VolunteerActivity, VolunteerCertificate, VolunteerTeam
from .validators import normalize_id_number


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class VolunteerForm(ScopedModelForm):
    community = RegionChoiceField()
    region_levels = {"community": [RegionLevel.COMMUNITY]}

    class Meta:
        model = Volunteer
        fields = [
            "name",
            "id_type",
            "id_number",
            "volunteer_number",
            "phone",
            "community",
            "skills",
            "registered_on",
            "status",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].label = Volunteer._meta.get_field("community").verbose_name

    def clean_id_number(self):
        return normalize_id_number(self.cleaned_data.get("id_number"))


class VolunteerImportForm(VolunteerForm):
    community = NamedRegionField(label=_("community"))

    class Meta(VolunteerForm.Meta):
        fields = ["name", "id_type", "id_number", "phone", "community", "skills", "registered_on", "volunteer_number"]


class VolunteerTeamForm(ScopedModelForm):
    region = RegionChoiceField()
    region_levels = {"region": [RegionLevel.TOWN, RegionLevel.COMMUNITY]}

    class Meta:
        model = VolunteerTeam
        fields = ["name", "region", "organising_body", "leader", "members", "founded_on", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "members": forms.SelectMultiple(attrs={"size": 12})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = self.fields["members"].queryset.filter(status=VolunteerStatus.ACTIVE).select_related("community")
        self.fields["members"].queryset = active
        self.fields["leader"].queryset = active
        for name in ("members", "leader"):
            use_picker(self.fields[name], {"status": VolunteerStatus.ACTIVE.value})

    def clean(self):
        cleaned = super().clean()
        region = cleaned.get("region")
        if region is not None:
            outside = [v.name for v in cleaned.get("members") or [] if not v.community.path.startswith(region.path)]
            leader = cleaned.get("leader")
            if leader is not None and not leader.community.path.startswith(region.path):
                outside.append(leader.name)
            if outside:
                self.add_error(
                    "members",
                    _("These volunteers are not registered in %(region)s: %(names)s")
                    % {"region": region, "names": "、".join(sorted(set(outside)))},
                )
        return cleaned


def check_hours_within_activity(form: forms.Form, activity, hours, field: str = "hours") -> None:
    """Nobody serves longer than the activity lasted (its start to its end time)."""
    if activity is None or hours is None or not (activity.start_time and activity.end_time):
        return
    length = activity.duration_hours
    if hours > length:
        form.add_error(
            field,
            _("The activity lasted %(length)s hours (%(start)s–%(end)s); a volunteer's hours cannot exceed that.")
            % {
                "length": format_number(length),
                "start": activity.start_time.strftime("%H:%M"),
                "end": activity.end_time.strftime("%H:%M"),
            },
        )


class VolunteerActivityForm(ScopedModelForm):
    region = RegionChoiceField()
    region_levels = {"region": [RegionLevel.TOWN, RegionLevel.COMMUNITY]}

    class Meta:
        model = VolunteerActivity
        fields = [
            "title",
            "region",
            "date",
            "start_time",
            "end_time",
            "place",
            "team",
            "organization",
            "organiser_name",
            "content",
            "status",
            "log_activity",
        ]
        widgets = {"start_time": TimeInput(), "end_time": TimeInput(), "content": forms.Textarea(attrs={"rows": 3}),
                   "log_activity": forms.HiddenInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from stations.models import Activity

        # The work-log entry it is recorded from (issue 23 F): one the user may read, set by the entry's button.
        self.fields["log_activity"].queryset = Activity.objects.restrict(self.user, "view")
        self.fields["log_activity"].widget = forms.HiddenInput()

    def prefill_from_log(self, entry) -> dict:
        """What a work-log entry already says about the activity: its subject, day, place, region and station."""
        initial = {"log_activity": entry.pk, "title": entry.title, "date": entry.date, "place": entry.place,
                   "organiser_name": entry.station.name, "content": entry.notes or entry.title}
        if self.fields["region"].queryset.filter(pk=entry.region_id).exists():
            initial["region"] = entry.region_id
        return initial


class ServiceHoursForm(ScopedModelForm):
    """One volunteer's hours, entered (or corrected and confirmed) by staff."""

    class Meta:
        model = ServiceHours
        fields = ["activity", "volunteer", "hours", "checked_in_at", "checked_out_at", "status", "note"]
        widgets = {"checked_in_at": DateTimeInput(), "checked_out_at": DateTimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["activity"].queryset = VolunteerActivity.objects.restrict(self.user, "change")
        self.fields["volunteer"].queryset = self.fields["volunteer"].queryset.select_related("community")
        for name in ("checked_in_at", "checked_out_at"):
            self.fields[name].widget = DateTimeInput()
        self.fields["hours"].help_text = _("Actual service time in hours, travel excluded, e.g. 2.5.")
        if self.instance.pk:
            # Who served in which activity is fixed once recorded; correct the hours or delete the record.
            del self.fields["activity"]
            del self.fields["volunteer"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("checked_in_at"), cleaned.get("checked_out_at")
        if start and end and end > start and cleaned.get("hours") is None:
            span = Decimal((end - start).total_seconds()) / 3600
            cleaned["hours"] = min(span, standards.MAX_HOURS_PER_RECORD).quantize(Decimal("0.01"))
        activity = cleaned.get("activity") or (self.instance.activity if self.instance.activity_id else None)
        check_hours_within_activity(self, activity, cleaned.get("hours"))
        return cleaned

    def save(self, commit=True):
        record = super().save(commit=False)
        if self.instance._state.adding:
            record.source = HoursSource.STAFF
        if "status" in self.changed_data or record._state.adding:
            if record.status in (HoursStatus.CONFIRMED, HoursStatus.REJECTED):
                record.reviewed_by = self.user
                record.reviewed_at = timezone.now()
        if commit:
            record.save()
        return record


class BulkHoursForm(forms.Form):
    """The same hours for several volunteers of one activity: a whole team at once, and/or volunteers picked."""

    team = forms.ModelChoiceField(
        label=_("whole team"), queryset=VolunteerTeam.objects.none(), required=False,
        help_text=_("Every active member of the team gets the hours."),
    )
    volunteers = forms.ModelMultipleChoiceField(
        label=_("volunteers"), queryset=Volunteer.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    hours = forms.DecimalField(
        label=_("hours"), max_digits=5, decimal_places=2, min_value=Decimal("0.01"), max_value=standards.MAX_HOURS_PER_RECORD
    )

    def __init__(self, *args, user=None, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.fields["volunteers"].queryset = (
            Volunteer.objects.restrict(user).filter(status=VolunteerStatus.ACTIVE).select_related("community")
        )
        self.fields["volunteers"].label_from_instance = lambda v: f"{v.name}（{v.volunteer_number}，{v.community}）"
        use_picker(self.fields["volunteers"], {"status": VolunteerStatus.ACTIVE.value})
        teams = VolunteerTeam.objects.restrict(user).order_by("name")
        if activity is not None and activity.team_id:
            self.fields["team"].initial = activity.team_id
        self.fields["team"].queryset = teams
        label_empty_choices(self, FORM_EMPTY_CHOICE)
        if activity is not None:
            self.fields["hours"].initial = activity.duration_hours

    def clean(self):
        cleaned = super().clean()
        chosen = list(cleaned.get("volunteers") or [])
        team = cleaned.get("team")
        if team is not None:
            members = team.members.filter(pk__in=self.fields["volunteers"].queryset.values("pk"))
            chosen += [v for v in members.select_related("community") if v not in chosen]
        if not chosen and "volunteers" not in self.errors and "team" not in self.errors:
            self.add_error("volunteers", _("Choose a team or at least one volunteer."))
        taken = set(
            ServiceHours.objects.filter(activity=self.activity, volunteer__in=chosen).values_list("volunteer__name", flat=True)
        )
        if taken:
            self.add_error(
                None,
                _("Hours are already recorded for: %(names)s. Nothing was saved.") % {"names": "、".join(sorted(taken))},
            )
        cleaned["volunteers"] = chosen
        check_hours_within_activity(self, self.activity, cleaned.get("hours"))
        return cleaned


class ServiceHoursImportForm(ScopedModelForm):
    """One row of the hours import: the activity by date and title, the volunteer by number."""

    activity_date = forms.DateField(label=_("activity date"))
    activity_title = forms.CharField(label=_("activity title"), max_length=200)
    volunteer_number = forms.CharField(label=_("volunteer number"), max_length=20)

    class Meta:
        model = ServiceHours
        fields = ["activity_date", "activity_title", "volunteer_number", "hours", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours"].required = True

    def clean(self):
        cleaned = super().clean()
        date, title, number = cleaned.get("activity_date"), cleaned.get("activity_title"), cleaned.get("volunteer_number")
        if date and title:
            matches = list(
                VolunteerActivity.objects.restrict(self.user, "change").filter(date=date, title=title.strip())[:2]
            )
            if not matches:
                self.add_error("activity_title", _("No activity of that title on that date in your area."))
            elif len(matches) > 1:
                self.add_error("activity_title", _("Two activities have that title on that date; enter the hours on the activity's page."))
            else:
                cleaned["activity"] = self.instance.activity = matches[0]
        if number:
            volunteer = Volunteer.objects.restrict(self.user).filter(volunteer_number=number.strip()).first()
            if volunteer is None:
                self.add_error("volunteer_number", _("No volunteer with this number in your area."))
            else:
                cleaned["volunteer"] = self.instance.volunteer = volunteer
        if cleaned.get("activity") and cleaned.get("volunteer"):
            if ServiceHours.objects.filter(activity=cleaned["activity"], volunteer=cleaned["volunteer"]).exists():
                self.add_error(None, _("This volunteer's hours for this activity are already recorded."))
        hours = cleaned.get("hours")
        if hours is not None and not (0 < hours <= standards.MAX_HOURS_PER_RECORD):
            self.add_error("hours", _("Hours must be more than 0 and at most 24."))
        elif cleaned.get("activity") is not None:
            check_hours_within_activity(self, cleaned["activity"], hours)
        return cleaned

    def save(self, commit=True):
        record = super().save(commit=False)
        record.source = HoursSource.IMPORT
        record.status = HoursStatus.CONFIRMED
        record.reviewed_by = self.user
        record.reviewed_at = timezone.now()
        if commit:
            record.save()
        return record


class VolunteerCertificateForm(ScopedModelForm):
    class Meta:
        model = VolunteerCertificate
        fields = ["volunteer", "period_start", "period_end", "issuer_name", "person_in_charge", "handler", "contact_phone", "remarks"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = self.fields["volunteer"].queryset.select_related("community")
        self.fields["volunteer"].label_from_instance = lambda v: f"{v.name}（{v.volunteer_number}）"
        user = self.user
        if user is not None and not self.is_bound:
            region = user.region
            if region is not None:
                if region.level == RegionLevel.COMMUNITY:
                    issuer = f"{region.name}{'村民委员会' if region.kind == 'rural' else '居民委员会'}"
                elif region.level == RegionLevel.TOWN:
                    issuer = f"{region.name}社会工作服务站"
                else:
                    issuer = f"{region.name}民政局"
                self.fields["issuer_name"].initial = issuer
            self.fields["handler"].initial = str(user)
            self.fields["contact_phone"].initial = user.phone
            today = timezone.localdate()
            self.fields["period_start"].initial = today.replace(month=1, day=1)
            self.fields["period_end"].initial = today

    def clean(self):
        from .certificates import total_confirmed

        cleaned = super().clean()
        start, end, volunteer = cleaned.get("period_start"), cleaned.get("period_end"), cleaned.get("volunteer")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after its start."))
        elif start and end and end > timezone.localdate():
            self.add_error("period_end", _("The period cannot end in the future."))
        elif start and end and volunteer is not None and not total_confirmed(self.user, volunteer, start, end):
            self.add_error(None, _("The volunteer has no confirmed service hours in this period."))
        return cleaned

    def _post_clean(self):
        # Hours, number and issuer are filled in at issue; the period check above covers the constraint.
        self.instance.hours = Decimal("0")
        super()._post_clean()

    def _get_validation_exclusions(self):
        # A second request for the same volunteer and period is not an error: it gets the first certificate
        # (``certificates.issue_once``), so the one-per-period constraint is not a form error here.
        return super()._get_validation_exclusions() | {"volunteer"}


class RatesForm(forms.Form):
    region = RegionChoiceField(label=_("Region"), required=False)
    year = forms.TypedChoiceField(label=_("year"), coerce=int, required=False)

    def __init__(self, *args, user=None, years=(), **kwargs):
        from wulian.models import Region

        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.restrict(user).filter(level__gte=RegionLevel.COUNTY)
        use_picker(self.fields["region"], {"level__gte": int(RegionLevel.COUNTY)})
        self.fields["year"].choices = [(y, str(y)) for y in years]


class CheckInForm(forms.Form):
    phone = forms.CharField(
        label=_("your mobile number"),
        help_text=_("The number you registered with; your volunteer number also works."),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    birth_mmdd = forms.RegexField(
        label=_("your birthday (month and day, 4 digits)"),
        help_text=_("As on your ID card, e.g. 0307 for 7 March."),
        regex=r"^\d{4}$",
        error_messages={"invalid": _("Enter your birthday as 4 digits: month and day, e.g. 0307.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4, "autocomplete": "off"}),
    )
