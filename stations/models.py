"""The station network (社会工作服务站点): stations, the people in them, agencies stationed there, training,
and the activity log (工作台账) of station workers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Max, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wulian.choices import REGION_ROLES, WORKER_ROLES, RegionLevel, Role
from wulian.models import AttachmentKind, AttachmentsMixin, ScopedModel, ScopeRule
from wulian.models.attachments import attachment_path, private_storage  # noqa: F401 - named by migration 0001
from wulian.models.base import RegionCopyQuerySet, ScopedQuerySet
from wulian.personal import PersonalKind
from wulian.pipl import ANONYMOUS_NAME, PersonRights, anonymous_token
from wulian.security.crypto import BlindIndexField, EncryptedCharField

from .links import agency_activity_rows
from .choices import (
    TIER_LEVEL,
    ActivityKind,
    CertificateLevel,
    Post,
    ServiceDomain,
    StationTier,
    TargetGroup,
    TrainingKind,
)

MANAGERS = frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF})
BUREAU = frozenset({Role.BUREAU_ADMIN})
AGENCY = frozenset({Role.AGENCY_STAFF})


class StationQuerySet(ScopedQuerySet):
    """Stations; ``with_compliance()`` adds the staff counts and, once per evaluation, the policy targets."""

    _attach_standards = False

    def _clone(self):
        clone = super()._clone()
        clone._attach_standards = self._attach_standards
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is None
        super()._fetch_all()
        if fetched and self._attach_standards and self._result_cache:
            # Every station of the page reads its standard from one book of targets (three queries).
            from wulian.attainment import TargetBook

            book = TargetBook()
            for station in self._result_cache:
                if isinstance(station, Station):
                    station._target_book = book

    def with_compliance(self, on: dt.date | None = None):
        """Annotate the staff counts the standards need (two subqueries, never one query per row)."""
        from .compliance import annotate_staff_counts

        # The region's path decides the profile each station follows.
        qs = annotate_staff_counts(self, on=on).select_related("region")
        qs._attach_standards = True
        return qs

    def compliant(self, on: dt.date | None = None):
        """Stations meeting every target of their standard."""
        from .compliance import compliant_q

        return self.with_compliance(on).filter(compliant_q())

    def not_compliant(self, on: dt.date | None = None):
        """Stations with a standard they fall short of (those without a standard are neither)."""
        from .compliance import not_compliant_q

        return self.with_compliance(on).filter(not_compliant_q())


class Station(AttachmentsMixin, ScopedModel):
    """A social work service station of one of the three tiers (总站 / 镇街站 / 社区社工室)."""

    scope_rule = ScopeRule(region=("region",), view=REGION_ROLES, add=MANAGERS, change=MANAGERS, delete=BUREAU)
    attachment_kinds = (AttachmentKind.PHOTO, AttachmentKind.OTHER)

    tier = models.CharField(_("tier"), max_length=20, choices=StationTier.choices)
    region = models.ForeignKey(
        "wulian.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="stations",
        help_text=_("County for the county hub, town or street for a town station, community or village for a room."),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    office_area = models.DecimalField(
        _("office area (m²)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    has_office = models.BooleanField(_("office"), default=False)
    has_case_room = models.BooleanField(_("casework / counselling room"), default=False)
    has_group_room = models.BooleanField(_("group activity room"), default=False)
    has_meeting_room = models.BooleanField(_("shared meeting room"), default=False)
    other_rooms = models.CharField(_("other rooms"), max_length=200, blank=True)
    desks = models.PositiveSmallIntegerField(_("desks and chairs (sets)"), default=0)
    computers = models.PositiveSmallIntegerField(_("computers"), default=0)
    printers = models.PositiveSmallIntegerField(_("printers"), default=0)
    filing_cabinets = models.PositiveSmallIntegerField(_("filing cabinets"), default=0)
    other_equipment = models.CharField(_("other equipment"), max_length=200, blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    is_pilot = models.BooleanField(_("pilot"), default=False)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        ordering = ["region__path", "tier"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "tier"],
                name="station_one_per_tier_and_region",
                violation_error_message=_("This region already has a station of this tier."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.tier and self.region_id:
            level = TIER_LEVEL[StationTier(self.tier)]
            if self.region.level != level:
                raise ValidationError(
                    {
                        "region": _("A %(tier)s sits on a %(level)s, not on a %(actual)s.")
                        % {
                            "tier": StationTier(self.tier).label,
                            "level": RegionLevel(level).label,
                            "actual": RegionLevel(self.region.level).label,
                        }
                    }
                )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The activity log carries the station's region (its scope column): it follows when the station moves.
        Activity.objects.filter(station_id=self.pk).exclude(region_id=self.region_id).update(region_id=self.region_id)

    @cached_property
    def standard(self):
        """The targets of the region's policy profile for this tier (``compliance.Standard``), or None."""
        from .compliance import standard_of

        return standard_of(self)

    @cached_property
    def compliance(self):
        """The checklist against the standard (uses annotated counts when present); [] without a standard."""
        from .compliance import assess

        return assess(self) if self.standard is not None else []

    @property
    def is_compliant(self) -> bool | None:
        """True or False against the standard; None when the station has no standard."""
        if self.standard is None:
            return None
        return all(check.ok for check in self.compliance)

    @property
    def missing_items(self) -> list:
        return [check for check in self.compliance if not check.ok]


class StaffMember(ScopedModel):
    """A person working in the station network (社工站工作人员)."""

    # An agency keeps the record of its own staff (issue 23 E): its certified staff on record are what a bid's
    # eligibility is computed from (``projects.guards.bid_rules``), not a count it declares.
    scope_rule = ScopeRule(region=("region",), agency="agency", view=REGION_ROLES | AGENCY, add=MANAGERS | AGENCY,
                           change=MANAGERS | AGENCY, delete=MANAGERS | AGENCY)
    personal_data = {"phone": PersonalKind.PHONE}
    # 个人信息保护法 (wulian/pipl.py), as for volunteers: the file of what is held; anonymisation keeps the posts,
    # the certificates' levels and years and the trainings attended (what the figures count), not the person;
    # WULIAN_RETENTION_YEARS["staff"] years after the last post ended (never while a post is open).
    person_rights = PersonRights(
        kind="staff",
        record="person_record",
        replace={"name": ANONYMOUS_NAME, "phone": "", "notes": ""},
        related={"certificates": {"number": anonymous_token}, "assignments": {"notes": ""}},
        file_name=lambda person: f"staff-{person.pk}",
        last_active=Coalesce(
            Max(Coalesce("assignments__end_date", Value(dt.date.max))), Value(dt.date.max),
            output_field=models.DateField(),
        ),
    )

    name = models.CharField(_("name"), max_length=50)
    region = models.ForeignKey(
        "wulian.Region",
        verbose_name=_("belongs to"),
        on_delete=models.PROTECT,
        related_name="station_staff",
        help_text=_("The county, town or community whose roster holds this person."),
    )
    phone = EncryptedCharField(_("phone"), max_length=20, blank=True, index="phone_index")  # AES-GCM at rest
    phone_index = BlindIndexField(source="phone", db_index=True)
    is_professional = models.BooleanField(
        _("professional social worker"),
        default=False,
        help_text=_("Works as a professional social worker (专业社工)."),
    )
    agency = models.ForeignKey(
        "wulian.Agency",
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="station_staff",
        help_text=_("For agency staff stationed in a station: the agency employing them."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["name", "pk"]
        # The list's order, walked for its first page instead of sorting a province's 30,000 staff (90 ms).
        indexes = [models.Index(fields=["name", "id"], name="staffmember_name_id_idx")]

    def __str__(self):
        return self.name

    def person_record(self) -> dict:
        """Everything held about the person: the record, posts, certificates, trainings and the work logs of the
        stations while they were posted there."""
        posts = list(self.assignments.select_related("station").order_by("start_date", "pk"))
        logs = Activity.objects.none()
        for post in posts:
            during = Activity.objects.filter(station=post.station, date__gte=post.start_date)
            logs = logs | (during.filter(date__lte=post.end_date) if post.end_date else during)
        return {
            "record": {
                "name": self.name, "phone": self.phone, "belongs_to": str(self.region),
                "is_professional": self.is_professional, "agency": str(self.agency or ""), "notes": self.notes,
            },
            "assignments": [
                {"station": str(p.station), "post": p.post, "start_date": p.start_date.isoformat(),
                 "end_date": p.end_date.isoformat() if p.end_date else None, "notes": p.notes}
                for p in posts
            ],
            "certificates": [
                {"level": c.level, "number": c.number, "year": c.year} for c in self.certificates.order_by("year")
            ],
            "trainings": [
                {"date": t.date.isoformat(), "topic": t.topic, "hours": str(t.hours)}
                for t in self.trainings.order_by("date", "pk")
            ],
            "work_logs": [
                {"station": str(a.station), "date": a.date.isoformat(), "title": a.title, "kind": a.kind}
                for a in logs.select_related("station").order_by("date", "pk")
            ],
        }


class PeriodQuerySet(ScopedQuerySet):
    """Rows with a start and an optional end date."""

    def active(self, on: dt.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on)))


class Period(models.Model):
    """From a start date to an end date (open while it lasts): the two fields, the check that the end is not
    before the start (``ends_after_start``, named by each model), ``is_active`` and ``objects.active()``."""

    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        abstract = True

    @staticmethod
    def ends_after_start(name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
            name=name,
            violation_error_message=_("The end date is before the start date."),
        )

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)


class StaffAssignment(Period, ScopedModel):
    """A person's post in a station from a start date to an end date (open while they work there).

    Moving a person ends one assignment and starts another, so the stations they worked in stay on record.
    """

    scope_rule = ScopeRule(
        region=("station__region",), view=REGION_ROLES, add=MANAGERS, change=MANAGERS, delete=MANAGERS
    )

    person = models.ForeignKey(
        StaffMember, verbose_name=_("person"), on_delete=models.CASCADE, related_name="assignments"
    )
    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="assignments")
    post = models.CharField(_("post"), max_length=20, choices=Post.choices, default=Post.RESIDENT_WORKER)
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff assignments")
        ordering = ["-start_date", "pk"]
        # The list's order (newest first, then by key), walked for its first page instead of a sort of all.
        indexes = [models.Index(fields=["-start_date", "id"], name="staffassignment_start_id_idx")]
        constraints = [Period.ends_after_start("assignment_ends_after_start")]

    def __str__(self):
        return f"{self.person.name}（{self.station.name}）"

    def clean(self):
        super().clean()
        if self.person_id and self.station_id and self.start_date:
            overlapping = StaffAssignment.objects.filter(person_id=self.person_id, station_id=self.station_id).exclude(
                pk=self.pk
            )
            end = self.end_date or dt.date.max
            overlapping = overlapping.filter(start_date__lte=end).filter(
                Q(end_date__isnull=True) | Q(end_date__gte=self.start_date)
            )
            if overlapping.exists():
                raise ValidationError(_("This person already has an assignment in this station for these dates."))


class Certificate(ScopedModel):
    """A national social work qualification certificate (社会工作者职业水平证书)."""

    scope_rule = ScopeRule(
        region=("person__region",), agency="person__agency", view=REGION_ROLES | AGENCY, add=MANAGERS | AGENCY,
        change=MANAGERS | AGENCY, delete=MANAGERS | AGENCY,
    )

    person = models.ForeignKey(
        StaffMember, verbose_name=_("person"), on_delete=models.CASCADE, related_name="certificates"
    )
    level = models.CharField(_("certificate level"), max_length=20, choices=CertificateLevel.choices)
    number = models.CharField(_("certificate number"), max_length=50, unique=True)
    year = models.PositiveSmallIntegerField(
        _("year obtained"), validators=[MinValueValidator(2008), MaxValueValidator(2100)]
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-year", "number"]

    def __str__(self):
        return self.number


class AgencyPlacement(Period, ScopedModel):
    """A social work agency stationed (进驻) in a station, from when to when."""

    # Agency staff see where their own agency is stationed (read-only).
    scope_rule = ScopeRule(
        region=("station__region",),
        agency="agency",
        view=REGION_ROLES | {Role.AGENCY_STAFF},
        add=MANAGERS,
        change=MANAGERS,
        delete=MANAGERS,
    )

    agency = models.ForeignKey(
        "wulian.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="placements"
    )
    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="placements")
    services = models.CharField(_("services provided"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("agency placement")
        verbose_name_plural = _("agency placements")
        ordering = ["-start_date", "pk"]
        constraints = [Period.ends_after_start("placement_ends_after_start")]

    def __str__(self):
        return f"{self.agency.name}（{self.station.name}）"


class Training(ScopedModel):
    """A training session (培训) organised by a station, for staff and agencies."""

    # Agency staff see the sessions their agency took part in (the 48 class hours they are held to).
    scope_rule = ScopeRule(
        region=("organizer__region",),
        agency="agencies",
        distinct=True,
        view=REGION_ROLES | {Role.AGENCY_STAFF},
        add=MANAGERS,
        change=MANAGERS,
        delete=MANAGERS,
    )

    topic = models.CharField(_("topic"), max_length=200)
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("class hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(200)]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TrainingKind.choices)
    organizer = models.ForeignKey(
        Station, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="trainings_organized"
    )
    lecturer = models.CharField(_("lecturer"), max_length=100, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    agencies = models.ManyToManyField(
        "wulian.Agency", verbose_name=_("agencies trained"), blank=True, related_name="trainings"
    )
    attendees = models.ManyToManyField(StaffMember, verbose_name=_("attendees"), blank=True, related_name="trainings")
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-date", "pk"]

    def __str__(self):
        return self.topic


class Activity(AttachmentsMixin, ScopedModel):
    """An entry of a station's activity log (工作台账)."""

    # The scope column is the row's own copy of its station's region (kept by save and the station's save),
    # so the log is scoped and counted without joining the stations. Agency staff's rows come from the apps
    # that link entries to their records (``stations.links``): projects gives them the entries of their
    # agency's projects, which they log while the project's service runs (the service log of "Projects").
    scope_rule = ScopeRule(
        region=("region",),
        view=REGION_ROLES | {Role.AGENCY_STAFF},
        add=WORKER_ROLES | {Role.AGENCY_STAFF},
        change=WORKER_ROLES | {Role.AGENCY_STAFF},
        delete=WORKER_ROLES | {Role.AGENCY_STAFF},
        rows={Role.AGENCY_STAFF: agency_activity_rows},
    )
    attachment_kinds = (AttachmentKind.PHOTO, AttachmentKind.SIGN_IN, AttachmentKind.OTHER)

    station = models.ForeignKey(Station, verbose_name=_("station"), on_delete=models.PROTECT, related_name="activities")
    region = models.ForeignKey(
        "wulian.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("The station's region, copied on every save."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=ActivityKind.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    title = models.CharField(_("subject"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    domain = models.CharField(_("service domain"), max_length=30, choices=ServiceDomain.choices, blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    volunteers = models.PositiveIntegerField(_("volunteers involved"), default=0)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(999)],
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="station_activities",
        editable=False,
    )

    region_copied_from = "station"
    objects = RegionCopyQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activity log")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["station", "date"]),
            # The list's order (newest first) and its sort by participants read an index, not every row.
            models.Index(fields=["date", "id"], name="activity_date_id"),
            models.Index(fields=["participants", "id"], name="activity_participants_id"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.station_id is not None:
            self.region_id = self.station.region_id
        super().save(*args, **kwargs)

    def get_target_groups_display(self) -> str:
        labels = dict(TargetGroup.choices)
        return "、".join(str(labels.get(code, code)) for code in self.target_groups or [])

    def clean(self):
        super().clean()
        if not isinstance(self.target_groups or [], list):
            raise ValidationError({"target_groups": _("Unknown target group: %s") % str(self.target_groups)[:50]})
        unknown = [str(code) for code in self.target_groups or [] if code not in TargetGroup.values]
        if unknown:
            raise ValidationError({"target_groups": _("Unknown target group: %s") % "、".join(unknown)[:200]})
