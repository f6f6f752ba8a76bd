"""Organisations: social work agencies (社会工作服务机构) and, later, community social organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wulian.choices import Role
from wulian.models import ScopedModel, ScopeRule


class Agency(ScopedModel):
    """A social work service agency (社会工作服务机构)."""

    scope_rule = ScopeRule(
        region=("region",),
        agency="",
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

    class Meta:
        verbose_name = _("social work agency")
        verbose_name_plural = _("social work agencies")
        ordering = ["name"]

    def __str__(self):
        return self.name
