"""Users: a role and a scope (a node of the region tree; an agency for agency staff)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wulian.choices import ADMIN_ROLES, NOBODY, REGION_ROLES, ROLE_MIN_LEVEL, Role

from .base import PageUrlsMixin, ScopedQuerySetMixin, ScopeRule


class UserQuerySet(ScopedQuerySetMixin, models.QuerySet):
    def restrict(self, user, action: str = "view"):
        """Accounts in the user's area; superusers, and for changes one's own account, stay out of reach."""
        qs = super().restrict(user, action)
        if getattr(user, "is_superuser", False):
            return qs
        qs = qs.exclude(is_superuser=True).exclude(role__in=ADMIN_ROLES)  # administrators: the superuser's
        if action != "view":
            qs = qs.exclude(pk=user.pk)  # one's own role and scope are set by someone else
        return qs


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True


class User(PageUrlsMixin, AbstractUser):
    """A person who logs in: a role, and the region (or agency) that is their scope."""

    # 三员分立: the system administrator opens and keeps the accounts of its area (people whose scope region, or
    # whose agency, lies in it); the security administrator grants their role and scope ("grant"), unlocks them
    # and resets their second factor; neither touches an administrator's account (the superuser installs those).
    # The bureau sees the accounts of its area (to assign evaluators, read who did what) but changes none.
    scope_rule = ScopeRule(
        region=("region", "agency__region"),
        view=frozenset({Role.BUREAU_ADMIN, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN}),
        add=frozenset({Role.SYSTEM_ADMIN}),
        change=frozenset({Role.SYSTEM_ADMIN}),
        delete=NOBODY,
        actions={"grant": frozenset({Role.SECURITY_ADMIN})},
        rows={
            Role.SYSTEM_ADMIN: lambda scope: scope.region(),
            Role.SECURITY_ADMIN: lambda scope: scope.region(),
        },
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
        "wulian.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_users",
        help_text=_("For social work agency staff: the agency they work for."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # Issue 21: when the password was last set (administrators change it every 90 days), and the one session
    # the account may have open (a new login ends the old one).
    password_changed_at = models.DateTimeField(_("password changed"), null=True, blank=True)
    current_session_key = models.CharField(max_length=40, blank=True, editable=False)
    # Issue 23 H: an account opened from a ledger (or with a password someone else chose) changes its password at
    # the first login before it reaches any other page; choosing a password clears it.
    must_change_password = models.BooleanField(_("must change the password at the next login"), default=False)

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
    def is_administrator(self) -> bool:
        """One of the three separated administrators (三员)."""
        return self.role in ADMIN_ROLES

    def set_password(self, raw_password):
        super().set_password(raw_password)
        from django.utils import timezone

        self.password_changed_at = timezone.now()
        self.must_change_password = False
        self._password_to_remember = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if getattr(self, "_password_to_remember", False) and self.password:
            from .security import PasswordHistory

            self._password_to_remember = False
            PasswordHistory.objects.create(user=self, password=self.password)

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
        if self.role in ADMIN_ROLES and not self.region_id:
            raise ValidationError({"region": _("This role needs a scope region.")})
        if self.role == Role.AGENCY_STAFF and not self.agency_id:
            raise ValidationError({"agency": _("Agency staff need an agency.")})
