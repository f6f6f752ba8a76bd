"""Volunteers (志愿者), teams (志愿服务队伍), activities (志愿服务活动), hours (志愿服务时长) and certificates
(志愿服务记录证明)."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Max, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wulian.choices import NOBODY, REGION_ROLES, WORKER_ROLES, RegionLevel, Role
from wulian.models import RemembersLoaded, ScopedModel, ScopeRule
from wulian.models.base import RegionCopyQuerySet, ScopedQuerySet
from wulian.workflow import Stateful, Transition, Workflow
from wulian.writes import Refused
from wulian.personal import PersonalKind
from wulian.pipl import ANONYMOUS_NAME, PersonRights, anonymous_token
from wulian.security.crypto import BlindIndexField, EncryptedCharField

from . import standards
from .choices import ActivityStatus, HoursSource, HoursStatus, IdType, VolunteerStatus
from .validators import normalize_id_number, validate_id_number, validate_phone, validate_volunteer_number


def _today():
    return timezone.localdate()


def new_activity_token() -> str:
    return secrets.token_urlsafe(18)


class RemembersFigureFields(RemembersLoaded):
    """Remembers, on loading, the fields whose change moves the kept figures (``volunteers.stats``), so a save
    knows which regions it leaves."""

    figure_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def remembered(cls) -> tuple[str, ...]:
        return (*super().remembered(), *cls.figure_fields)


class StatsQuerySetMixin:
    """Bulk loads skip the save signals: they mark the regions of the rows they insert themselves."""

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        from . import stats

        stats.mark_rows(self.model, created)
        return created


class StatsQuerySet(StatsQuerySetMixin, ScopedQuerySet):
    pass


class HoursQuerySet(StatsQuerySetMixin, RegionCopyQuerySet):
    pass


class Volunteer(RemembersFigureFields, ScopedModel):
    """A registered volunteer (实名注册志愿者) of a community or village."""

    figure_fields = ("community_id", "status", "registered_on")

    scope_rule = ScopeRule(
        region=("community",),
        view=REGION_ROLES,
        add=WORKER_ROLES,
        change=WORKER_ROLES,
        delete=frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF}),
    )
    personal_data = {"id_number": PersonalKind.ID_NUMBER, "phone": PersonalKind.PHONE}
    # 个人信息保护法 (wulian/pipl.py): the file of what is held, and anonymisation that keeps the hours, the community,
    # the status and the registration date; after WULIAN_RETENTION_YEARS["volunteers"] years without service.
    person_rights = PersonRights(
        kind="volunteers",
        record="person_record",
        replace={"name": ANONYMOUS_NAME, "id_number": anonymous_token, "phone": "", "skills": ""},
        file_name=lambda v: v.volunteer_number,
        last_active=Coalesce(Max("hours__activity__date"), F("registered_on")),
    )
    objects = StatsQuerySet.as_manager()

    name = models.CharField(_("full name"), max_length=50)
    id_type = models.CharField(_("ID type"), max_length=20, choices=IdType.choices, default=IdType.RESIDENT_ID)
    # Encrypted at rest (AES-GCM, wulian/security/crypto.py); found and kept unique through the keyed blind index.
    id_number = EncryptedCharField(
        _("ID number"),
        max_length=30,
        unique=True,
        index="id_number_index",
        error_messages={"unique": _("A volunteer with this ID number is already registered.")},
    )
    id_number_index = BlindIndexField(source="id_number", unique=True, null=True)
    volunteer_number = models.CharField(
        _("volunteer number"),
        max_length=20,
        unique=True,
        blank=True,
        help_text=_("Left blank, a number is given on saving."),
        error_messages={"unique": _("This volunteer number is already in use.")},
        validators=[validate_volunteer_number],
    )
    phone = EncryptedCharField(_("phone"), max_length=20, validators=[validate_phone], index="phone_index")
    phone_index = BlindIndexField(source="phone", db_index=True)
    community = models.ForeignKey(
        "wulian.Region", verbose_name=_("community"), on_delete=models.PROTECT, related_name="volunteers"
    )
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    registered_on = models.DateField(_("registered on"), default=_today)
    status = models.CharField(
        _("status"), max_length=10, choices=VolunteerStatus.choices, default=VolunteerStatus.ACTIVE
    )

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["volunteer_number"]
        indexes = [models.Index(fields=["status", "registered_on"])]

    def __str__(self):
        return self.name

    def person_record(self) -> dict:
        """Everything held about the volunteer: the record with full values, hours, activities, teams, certificates."""
        hours = ServiceHours.objects.filter(volunteer=self).select_related("activity").order_by("activity__date", "pk")
        return {
            "record": {
                "volunteer_number": self.volunteer_number, "name": self.name, "id_type": self.id_type,
                "id_number": self.id_number, "phone": self.phone, "community": str(self.community),
                "skills": self.skills, "registered_on": self.registered_on.isoformat(), "status": self.status,
            },
            "hours": [
                {"activity": h.activity.title, "date": h.activity.date.isoformat(), "hours": str(h.hours or ""),
                 "status": h.status, "source": h.source}
                for h in hours
            ],
            "activities": sorted({h.activity.title for h in hours}),
            "teams": [str(t) for t in self.teams.order_by("name")],
            "certificates": [
                {"number": c.number, "period": [c.period_start.isoformat(), c.period_end.isoformat()],
                 "hours": str(c.hours), "issued_on": c.issued_on.isoformat()}
                for c in self.certificates.order_by("issued_on")
            ],
        }

    def clean(self):
        super().clean()
        errors = {}
        self.id_number = normalize_id_number(self.id_number)
        if self.id_number:
            try:
                validate_id_number(self.id_type, self.id_number)
            except ValidationError as exc:
                errors["id_number"] = exc.messages
        if self.community_id and self.community.level != RegionLevel.COMMUNITY:
            errors["community"] = _("Choose a community or village.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.id_number = normalize_id_number(self.id_number)
        if not self.volunteer_number:
            self.volunteer_number = self.generate_number(self.registered_on or _today())
        super().save(*args, **kwargs)

    @classmethod
    def generate_number(cls, registered_on: dt.date) -> str:
        """A ten-digit number, year first (easy to type on a phone at check-in)."""
        while True:
            number = f"{registered_on.year}{secrets.randbelow(10**6):06d}"
            if not cls.objects.filter(volunteer_number=number).exists():
                return number

    @property
    def phone_last4(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return digits[-4:]

    @property
    def check_in_secret(self) -> str:
        """Month and day of birth (MMDD) from a GB 11643 ID number; "" for documents without a birth date."""
        from .validators import GB11643_TYPES

        number = self.id_number or ""
        if self.id_type in GB11643_TYPES and len(number) == 18 and number[10:14].isdigit():
            return number[10:14]
        return ""


class VolunteerTeam(ScopedModel):
    """A volunteer service team (志愿服务队伍)."""

    scope_rule = ScopeRule(
        region=("region",), view=REGION_ROLES, add=WORKER_ROLES, change=WORKER_ROLES, delete=WORKER_ROLES
    )

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        "wulian.Region", verbose_name=_("town or community"), on_delete=models.PROTECT, related_name="volunteer_teams"
    )
    organising_body = models.CharField(
        _("organising body"), max_length=200, help_text=_("The body that set up and runs the team, e.g. 滨河社区居委会.")
    )
    leader = models.ForeignKey(
        Volunteer,
        verbose_name=_("team leader"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_teams",
    )
    members = models.ManyToManyField(Volunteer, verbose_name=_("members"), blank=True, related_name="teams")
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="volunteerteam_unique_name_in_region")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.region_id and self.region.level not in (RegionLevel.TOWN, RegionLevel.COMMUNITY):
            raise ValidationError({"region": _("Choose a town, street or community.")})


class VolunteerActivity(RemembersFigureFields, Stateful, ScopedModel):
    """A volunteer service activity (志愿服务活动): when, where, who organised it, and who served how long."""

    figure_fields = ("region_id", "date")

    scope_rule = ScopeRule(
        region=("region",), view=REGION_ROLES, add=WORKER_ROLES, change=WORKER_ROLES, delete=WORKER_ROLES
    )
    workflow = Workflow(
        "status",
        Transition(
            "close_check_in", _("Close check-in"), source=[ActivityStatus.OPEN], target=ActivityStatus.CLOSED,
            style="secondary", icon="lock",
        ),
        Transition(
            "open_check_in", _("Open check-in"), source=[ActivityStatus.CLOSED], target=ActivityStatus.OPEN,
            style="secondary", icon="unlock",
        ),
    )

    title = models.CharField(_("activity title"), max_length=200)
    region = models.ForeignKey(
        "wulian.Region", verbose_name=_("town or community"), on_delete=models.PROTECT, related_name="volunteer_activities"
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=200)
    team = models.ForeignKey(
        VolunteerTeam, verbose_name=_("organising team"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="activities",
    )
    organization = models.ForeignKey(
        "organizations.SocialOrganization",
        verbose_name=_("organising social organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer_activities",
    )
    organiser_name = models.CharField(
        _("other organiser"), max_length=200, blank=True, help_text=_("E.g. a social work station, when not a team.")
    )
    content = models.TextField(_("service content"))
    status = models.CharField(
        _("check-in"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.OPEN
    )
    token = models.CharField(_("check-in token"), max_length=40, unique=True, default=new_activity_token, editable=False)
    # Issue 23 F: the work-log entry (工作台账) this activity's hours were recorded from, when there is one; the
    # entry's page offers to record the hours and then leads here.
    log_activity = models.OneToOneField(
        "stations.Activity",
        verbose_name=_("work-log entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer_activity",
    )

    objects = StatsQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer activity")
        verbose_name_plural = _("volunteer activities")
        ordering = ["-date", "-start_time"]
        indexes = [models.Index(fields=["date"]), models.Index(fields=["date", "id"], name="volunteeractivity_date_id_idx")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end time must be after the start time (an activity ends on its date).")
        organisers = [bool(self.team_id), bool(self.organization_id), bool(self.organiser_name.strip())]
        if sum(organisers) == 0:
            errors["organiser_name"] = _("Name the organiser: a team, a social organisation, or another organiser (one of the three).")
        elif sum(organisers) > 1:
            errors["organiser_name"] = _("Give exactly one organiser: a team, a social organisation, or another organiser.")
        if self.region_id and self.region.level not in (RegionLevel.TOWN, RegionLevel.COMMUNITY):
            errors["region"] = _("Choose a town, street or community.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The hour rows carry the activity's region (their scope column): they follow when it moves.
        ServiceHours.objects.filter(activity_id=self.pk).exclude(region_id=self.region_id).update(region_id=self.region_id)

    @property
    def organiser(self) -> str:
        if self.team_id:
            return str(self.team)
        if self.organization_id:
            return str(self.organization)
        return self.organiser_name

    def _at(self, time: dt.time) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date, time), timezone.get_current_timezone())

    @property
    def starts_at(self) -> dt.datetime:
        return self._at(self.start_time)

    @property
    def ends_at(self) -> dt.datetime:
        return self._at(self.end_time)

    @property
    def duration_hours(self) -> Decimal:
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"))


def _hours_entered(record, user):
    if record.hours is None:
        raise Refused(
            _("%(name)s has not checked out: enter the hours before confirming them.") % {"name": record.volunteer.name}
        )


class ServiceHours(RemembersFigureFields, Stateful, ScopedModel):
    """One volunteer's service time in one activity (志愿服务时长): actual service time, travel excluded.

    Hours entered or imported by staff count at once; hours a volunteer records by self check-in wait for a
    staff member to confirm them ("谁组织谁记录").
    """

    # The scope column is the row's own copy of the activity's region: a million hour rows are scoped by
    # one indexed column instead of a join through the activities. Confirming and rejecting are actions of
    # their own in the scope rule (the rows of "change"), with the roles the transitions below name.
    scope_rule = ScopeRule(
        region=("region",), view=REGION_ROLES, add=WORKER_ROLES, change=WORKER_ROLES, delete=WORKER_ROLES,
    )
    workflow = Workflow(
        "status",
        Transition(
            "confirm", _("Confirm"), roles=WORKER_ROLES, source=[HoursStatus.PENDING], target=HoursStatus.CONFIRMED,
            guard=_hours_entered, method="mark_reviewed", style="success", icon="check2",
        ),
        Transition(
            "reject", _("Reject"), roles=WORKER_ROLES, source=[HoursStatus.PENDING], target=HoursStatus.REJECTED,
            reason=True, method="mark_reviewed", style="danger", icon="x-lg",
        ),
    )

    activity = models.ForeignKey(
        VolunteerActivity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="hours"
    )
    region = models.ForeignKey(
        "wulian.Region",
        verbose_name=_("town or community"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("The activity's region, copied on every save."),
    )
    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT, related_name="hours")
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=HoursStatus.choices, default=HoursStatus.CONFIRMED)
    source = models.CharField(pgettext_lazy("how hours were recorded", "recorded by"), max_length=10, choices=HoursSource.choices, default=HoursSource.STAFF)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("service hours")
        verbose_name_plural = _("service hours")
        # Newest first, one activity's volunteers together: the activities' ("date", "id") index gives this order
        # without sorting a whole day's records (a province's busiest day held 28,000 of them: 250 ms for the
        # first page, where a city's 2,800 took a tenth of it).
        ordering = ["-activity__date", "-activity_id", "volunteer__volunteer_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "volunteer"],
                name="servicehours_one_record_per_volunteer_and_activity",
                violation_error_message=_("This volunteer's hours for this activity are already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gt=0, hours__lte=standards.MAX_HOURS_PER_RECORD),
                name="servicehours_hours_in_range",
                violation_error_message=_("Hours must be more than 0 and at most 24."),
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True)
                | Q(checked_out_at__isnull=True)
                | Q(checked_out_at__gt=F("checked_in_at")),
                name="servicehours_check_out_after_check_in",
                violation_error_message=_("The check-out time must be after the check-in time."),
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    region_copied_from = "activity"
    objects = HoursQuerySet.as_manager()
    figure_fields = ("region_id", "volunteer_id", "activity_id", "status", "hours")

    def __str__(self):
        return f"{self.activity.title}：{self.volunteer.name}"

    def save(self, *args, **kwargs):
        if self.activity_id is not None:
            self.region_id = self.activity.region_id
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.hours is not None and not (0 < self.hours <= standards.MAX_HOURS_PER_RECORD):
            errors["hours"] = _("Hours must be more than 0 and at most 24.")
        if self.checked_in_at and self.checked_out_at:
            span = self.checked_out_at - self.checked_in_at
            if span <= dt.timedelta(0):
                errors["checked_out_at"] = _("The check-out time must be after the check-in time.")
            elif span > dt.timedelta(hours=24):
                errors["checked_out_at"] = _("Check-in and check-out are more than 24 hours apart.")
            elif self.hours is not None and self.hours > Decimal(span.total_seconds()) / 3600 + Decimal("0.01"):
                errors["hours"] = _("The hours exceed the time between check-in and check-out.")
        if self.status == HoursStatus.CONFIRMED and self.hours is None:
            errors["hours"] = _("Enter the hours before confirming them.")
        if errors:
            raise ValidationError(errors)

    def mark_reviewed(self, user, reason=""):
        self.reviewed_by = user
        self.reviewed_at = timezone.now()

    def check_rules(self):
        """A volunteer serves at most 24 hours a day, over all activities of that day (checked on save)."""
        if self.hours is None or self.status == HoursStatus.REJECTED:
            return
        # Lock the volunteer: two entries for the same person at once are summed one after the other. (NO KEY
        # UPDATE: inserting hours takes KEY SHARE on the volunteer, which a plain FOR UPDATE would deadlock on.)
        Volunteer.objects.select_for_update(no_key=True).filter(pk=self.volunteer_id).values_list("pk").first()
        day = self.activity.date
        total = (
            ServiceHours.objects.filter(volunteer_id=self.volunteer_id, activity__date=day)
            .exclude(status=HoursStatus.REJECTED)
            .aggregate(total=Sum("hours"))["total"]
            or Decimal("0")
        )
        if total > standards.MAX_HOURS_PER_RECORD:
            raise Refused(
                _("%(name)s would have %(total)s hours of service on %(date)s; a day has at most 24.")
                % {"name": self.volunteer.name, "total": total.normalize(), "date": formats.date_format(day, "DATE_FORMAT")},
                field="hours",
            )


class VolunteerCertificate(ScopedModel):
    """An issued certificate of volunteer service (志愿服务记录证明), registered and archived (民发〔2015〕149号).

    What it certifies (hours, activities) is fixed at issue; the PDF is rendered from this record.
    """

    # An issued certificate is registered and archived: never changed or deleted.
    scope_rule = ScopeRule(
        region=("volunteer__community",), view=REGION_ROLES, add=WORKER_ROLES, change=NOBODY, delete=NOBODY
    )

    number = models.CharField(pgettext_lazy("volunteer service", "certificate number"), max_length=30, unique=True, editable=False)
    volunteer = models.ForeignKey(
        Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT, related_name="certificates"
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    hours = models.DecimalField(_("total hours"), max_digits=8, decimal_places=2, editable=False)
    activities_count = models.PositiveIntegerField(_("activities"), default=0, editable=False)
    items = models.JSONField(_("service record"), default=list, editable=False)
    issuer_name = models.CharField(_("issuing organisation"), max_length=200)
    person_in_charge = models.CharField(_("person in charge"), max_length=50)
    handler = models.CharField(_("handled by"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=30)
    remarks = models.CharField(_("remarks"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), default=_today, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    # Certificates issued twice for the same volunteer and period before issuing was idempotent are kept
    # (they are registered and never deleted) but point at the first one.
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("duplicate of"), on_delete=models.PROTECT, null=True, blank=True, editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certificate of volunteer service")
        verbose_name_plural = _("certificates of volunteer service")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="volunteercertificate_period_in_order",
                violation_error_message=_("The period must end on or after its start."),
            ),
            models.UniqueConstraint(
                fields=["volunteer", "period_start", "period_end"],
                condition=Q(duplicate_of__isnull=True),
                name="volunteercertificate_one_per_volunteer_and_period",
                violation_error_message=_("A certificate for this volunteer and period has already been issued."),
            ),
        ]

    def __str__(self):
        return self.number

    @classmethod
    def generate_number(cls, issued_on: dt.date) -> str:
        """ZM + issue date + six random characters: unique and not guessable from its neighbours."""
        alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
        while True:
            number = f"ZM{issued_on:%Y%m%d}" + "".join(secrets.choice(alphabet) for _ in range(6))
            if not cls.objects.filter(number=number).exists():
                return number


class CommunityYearStats(models.Model):
    """Volunteer figures of one region and one calendar year, summed from the rows by ``volunteers.stats``.

    The indicators pages read these few thousand rows instead of a million hour rows. Figures belong where
    they are counted: volunteers (``joined``, ``participants``) in their own community, activities and hours
    in the activity's region (a community, or a town for a town's own activity), so a town's or county's
    figure is the sum of the rows under its path. ``joined`` counts the active volunteers registered in the
    year (the registered total at a year's end is the sum up to that year); ``participants`` the active
    volunteers registered by the year's end with confirmed hours in an activity of the year.

    Kept current by ``volunteers.stats``: every save or delete of a volunteer, activity or hour row (and every
    bulk load through the managers) marks its regions as pending, and the next read or the periodic refresh
    recomputes those regions from the rows. No page of its own; read through ``restrict`` like the rows it
    sums (a town's staff read their town's rows), never written but by ``volunteers.stats``.
    """

    scope_rule = ScopeRule(region=("region",), view=REGION_ROLES, add=NOBODY, change=NOBODY, delete=NOBODY)
    objects = ScopedQuerySet.as_manager()

    region = models.ForeignKey("wulian.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    joined = models.PositiveIntegerField(_("volunteers registered in the year"), default=0)
    participants = models.PositiveIntegerField(_("volunteers who served"), default=0)
    activities = models.PositiveIntegerField(_("activities"), default=0)
    hours = models.DecimalField(_("confirmed hours"), max_digits=14, decimal_places=2, default=Decimal(0))
    refreshed_at = models.DateTimeField(_("recomputed at"))

    class Meta:
        verbose_name = _("volunteer figures of a region and year")
        verbose_name_plural = _("volunteer figures of regions and years")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="communityyearstats_one_per_region_year")]

    def __str__(self):
        return f"{self.region_id}/{self.year}"


class PendingStats(models.Model):
    """A region whose ``CommunityYearStats`` rows must be recomputed before they are read (0: every region)."""

    region_id = models.IntegerField(primary_key=True)

    class Meta:
        verbose_name = _("region with figures to recompute")
        verbose_name_plural = _("regions with figures to recompute")
