"""Social work service agencies (社会工作服务机构): the second scope dimension, beside the region tree.

Agency staff see and edit what their own agency is party to; every app that records work done by agencies
(stations, projects, funding) points here, so the agency lives in the core beside regions and users.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.choices import REGION_ROLES, Role, ServiceDomain

from .base import ScopedModel, ScopeRule


class Agency(ScopedModel):
    """A social work service agency (社会工作服务机构)."""

    scope_rule = ScopeRule(
        region=("region", "cultivated_by"),  # a town sees the agencies it cultivated (the figure it is judged by)
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
