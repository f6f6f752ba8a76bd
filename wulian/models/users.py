"""Users: a role and a scope (a node of the region tree; an agency for agency staff)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wulian.choices import NOBODY, PERSONAL_DATA_ROLES, REGION_ROLES, ROLE_MIN_LEVEL, Role

from .base import PageUrlsMixin, ScopedQuerySetMixin, ScopeRule


class UserQuerySet(ScopedQuerySetMixin, models.QuerySet):
    def restrict(self, user, action: str = "view"):
        """Accounts in the user's area; superusers, and for changes one's own account, stay out of reach."""
        qs = super().restrict(user, action)
        if getattr(user, "is_superuser", False):
            return qs
        qs = qs.exclude(is_superuser=True)
        if action != "view":
            qs = qs.exclude(pk=user.pk)  # one's own role and scope are set by someone else
        return qs


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True


class User(PageUrlsMixin, AbstractUser):
    """A person who logs in: a role, and the region (or agency) that is their scope."""

    # The bureau manages the accounts of its area: people whose scope region, or whose agency, lies in it.
    scope_rule = ScopeRule(
        region=("region", "agency__region"),
        view=frozenset({Role.BUREAU_ADMIN}),
        add=frozenset({Role.BUREAU_ADMIN}),
        change=frozenset({Role.BUREAU_ADMIN}),
        delete=NOBODY,
    )

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    region = models.ForeignKey(
        "wulian.Region",
        verbose_name=_("scope region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("The user sees and edits what lies in this region and below it."),
    )
    agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_users",
        help_text=_("For social work agency staff: the agency they work for."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    objects = ScopedUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        full = f"{self.last_name}{self.first_name}".strip()
        return full or self.username

    @property
    def display_name(self) -> str:
        return str(self)

    @cached_property
    def scope_path(self) -> str | None:
        """The materialised path of the scope region ('' never: None means no region scope)."""
        if not self.region_id:
            return None
        return type(self).region.field.related_model.objects.filter(pk=self.region_id).values_list(
            "path", flat=True
        ).first()

    @property
    def sees_personal_data(self) -> bool:
        return self.is_superuser or self.role in PERSONAL_DATA_ROLES

    @property
    def is_read_only(self) -> bool:
        return self.role == Role.LEADER and not self.is_superuser

    def clean(self):
        super().clean()
        if self.role in REGION_ROLES:
            if not self.region_id:
                raise ValidationError({"region": _("This role needs a scope region.")})
            minimum = ROLE_MIN_LEVEL[Role(self.role)]
            if self.region.level > minimum and self.role != Role.COMMUNITY_WORKER:
                raise ValidationError({"region": _("The scope region is too low in the tree for this role.")})
            if self.role == Role.COMMUNITY_WORKER and self.region.level != minimum:
                raise ValidationError({"region": _("A community worker's scope is one community or village.")})
            if self.role == Role.TOWN_STAFF and self.region.level != minimum:
                raise ValidationError({"region": _("Town staff's scope is one town or street.")})
        if self.role == Role.AGENCY_STAFF and not self.agency_id:
            raise ValidationError({"agency": _("Agency staff need an agency.")})
