"""Organisations: social work agencies (社会工作服务机构) and community social organisations (社区社会组织)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.choices import REGION_ROLES, WORKER_ROLES, RegionLevel, Role
from wulian.models import ScopedModel, ScopeRule

from .choices import OrganizationCategory, RegistrationStatus, ServiceDomain


class Agency(ScopedModel):
    """A social work service agency (社会工作服务机构)."""

    scope_rule = ScopeRule(
        region=("region",),
        agency="",
        view=REGION_ROLES | {Role.AGENCY_STAFF},
        add=frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF}),
        change=frozenset({Role.BUREAU_ADMIN, Role.TOWN_STAFF, Role.AGENCY_STAFF}),
        delete=frozenset({Role.BUREAU_ADMIN}),
    )

    name = models.CharField(_("name"), max_length=200, unique=True)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True, help_text=_("统一社会信用代码, 18 characters.")
    )
    region = models.ForeignKey(
        "wulian.Region",
        verbose_name=_("registered in"),
        on_delete=models.PROTECT,
        related_name="agencies",
        help_text=_("The county or town where the agency is registered."),
    )
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    cultivated_by = models.ForeignKey(
        "wulian.Region",
        verbose_name=_("cultivated by town"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cultivated_agencies",
        help_text=_("The town or street that cultivated (培育) the agency."),
    )
    cultivated_on = models.DateField(_("cultivated on"), null=True, blank=True)
    qualifications = models.TextField(
        _("qualifications"), blank=True, help_text=_("Grade of assessment, licences and other qualifications.")
    )
    certified_staff_count = models.PositiveIntegerField(
        _("certified social workers"), default=0, help_text=_("Staff holding a social work qualification certificate.")
    )
    service_domains = models.JSONField(_("service domains"), default=list, blank=True)

    class Meta:
        verbose_name = _("social work agency")
        verbose_name_plural = _("social work agencies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_service_domains_display_list(self) -> list[str]:
        labels = dict(ServiceDomain.choices)
        return [str(labels.get(code, code)) for code in self.service_domains or []]

    def get_service_domains_display(self) -> str:
        return "、".join(self.get_service_domains_display_list())

    def clean(self):
        super().clean()
        unknown = [code for code in self.service_domains or [] if code not in ServiceDomain.values]
        if unknown:
            raise ValidationError({"service_domains": _("Unknown service domain: %s") % "、".join(unknown)})


class SocialOrganization(ScopedModel):
    """A community social organisation (社区社会组织); a federation (联合会) is one too.

    An ordinary organisation belongs to a community or village; a federation of community social
    organisations (社区社会组织联合会) belongs to a town or street (or, as in 淮南, to a community), and the
    organisations of that town may be its members.
    """

    scope_rule = ScopeRule(
        region=("region",), view=REGION_ROLES, add=WORKER_ROLES, change=WORKER_ROLES, delete=WORKER_ROLES
    )

    region = models.ForeignKey(
        "wulian.Region",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="social_organizations",
        help_text=_("The community or village; for a federation, the town or street (or community) it serves."),
    )
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=OrganizationCategory.choices)
    status = models.CharField(_("registration status"), max_length=20, choices=RegistrationStatus.choices)
    registration_number = models.CharField(
        _("registration number"),
        max_length=30,
        blank=True,
        help_text=_("Unified social credit code or registration certificate number; required when registered."),
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    leader = models.CharField(_("person in charge"), max_length=50, blank=True)
    members_count = models.PositiveIntegerField(_("members"), default=0)
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    is_federation = models.BooleanField(
        _("federation"), default=False, help_text=_("A federation of community social organisations (社区社会组织联合会).")
    )
    federation = models.ForeignKey(
        "self",
        verbose_name=_("member of federation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        limit_choices_to={"is_federation": True},
        help_text=_("The federation of its town it has joined, if any."),
    )

    class Meta:
        verbose_name = _("community social organisation")
        verbose_name_plural = _("community social organisations")
        ordering = ["region__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="socialorganization_unique_name_in_region"),
            models.CheckConstraint(
                condition=~models.Q(status=RegistrationStatus.REGISTERED) | ~models.Q(registration_number=""),
                name="socialorganization_registered_has_number",
            ),
        ]
        indexes = [models.Index(fields=["category", "status"])]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.status == RegistrationStatus.REGISTERED and not self.registration_number.strip():
            errors["registration_number"] = _("A registered organisation needs its registration number.")
        region = self.region if self.region_id else None
        if region is not None:
            allowed = (
                (RegionLevel.TOWN, RegionLevel.COMMUNITY) if self.is_federation else (RegionLevel.COMMUNITY,)
            )
            if region.level not in allowed:
                errors["region"] = (
                    _("A federation belongs to a town, street or community.")
                    if self.is_federation
                    else _("Choose a community or village.")
                )
        if self.federation_id:
            federation = self.federation
            if self.is_federation:
                errors["federation"] = _("A federation cannot be a member of another federation.")
            elif not federation.is_federation:
                errors["federation"] = _("Choose a federation.")
            elif region is not None and region.level == RegionLevel.COMMUNITY:
                if not federation.region.path.startswith(region.ancestor_path(RegionLevel.TOWN)):
                    errors["federation"] = _("The federation must be in the same town or street.")
        if errors:
            raise ValidationError(errors)
