"""The region tree: 省 → 市 → 县/区 → 镇/街道 → 社区/村.

A materialised path (django-treebeard ``MP_Node``) makes "everything under this node" one indexed
``path LIKE 'prefix%'`` query, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from wulian.choices import REGION_ROLES, CommunityKind, RegionLevel, Role

from .base import PageUrlsMixin, ScopedQuerySetMixin, ScopeRule


class RegionQuerySet(ScopedQuerySetMixin, MP_NodeQuerySet):
    def under(self, region: Region, include_self: bool = True):
        """Every region at or below ``region``: one prefix query, no walking."""
        qs = self.filter(path__startswith=region.path)
        return qs if include_self else qs.exclude(pk=region.pk)

    def of_level(self, level: int):
        return self.filter(level=level)


class RegionManager(MP_NodeManager):
    def get_queryset(self):
        return RegionQuerySet(self.model, using=self._db).order_by("path")

    def restrict(self, user, action: str = "view"):
        return self.get_queryset().restrict(user, action)

    def under(self, region: Region, include_self: bool = True):
        return self.get_queryset().under(region, include_self)


class Region(PageUrlsMixin, MP_Node):
    """A node of the administrative region tree (省/市/县区/镇街道/社区村)."""

    scope_rule = ScopeRule(
        region=("",),
        view=REGION_ROLES,
        add=frozenset({Role.BUREAU_ADMIN}),
        change=frozenset({Role.BUREAU_ADMIN}),
        delete=frozenset({Role.BUREAU_ADMIN}),
    )

    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices)
    code = models.CharField(
        _("division code"),
        max_length=12,
        blank=True,
        help_text=_("Statistical division code (统计用区划代码), optional."),
    )
    kind = models.CharField(
        _("community kind"),
        max_length=10,
        choices=CommunityKind.choices,
        blank=True,
        help_text=_("Urban community or rural village; communities only."),
    )
    population = models.PositiveIntegerField(_("resident population"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RegionManager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["path"]
        indexes = [models.Index(fields=["level"])]

    def __str__(self) -> str:
        return self.name

    @cached_property
    def parent(self) -> Region | None:
        return Region.objects.filter(path=self.path[: -self.steplen]).first() if self.depth and self.depth > 1 else None

    def ancestors_path_prefixes(self) -> list[str]:
        return [self.path[:i] for i in range(self.steplen, len(self.path), self.steplen)]

    def ancestor_path(self, level: int) -> str | None:
        """The path of this region's ancestor at ``level`` (itself at its own level); None above its level.

        Works whatever level the tree's root has: depth and level move together below the root.
        """
        if self.level < level:
            return None
        return self.path[: self.steplen * (self.depth - (self.level - level))]

    @property
    def full_name(self) -> str:
        """Names from the county down, e.g. 眉县/首善街道/滨河社区 (one query)."""
        prefixes = self.ancestors_path_prefixes()
        names = list(
            Region.objects.filter(path__in=prefixes, level__gte=RegionLevel.COUNTY).values_list("name", flat=True)
        )
        return "/".join([*names, self.name])

    def validate_level(self, parent: Region | None) -> None:
        errors = {}
        if parent is not None and self.level != parent.level + 1:
            errors["level"] = _("A %(child)s cannot sit directly under a %(parent)s.") % {
                "child": RegionLevel(self.level).label,
                "parent": RegionLevel(parent.level).label,
            }
        if self.kind and self.level != RegionLevel.COMMUNITY:
            errors["kind"] = _("Only communities and villages are urban or rural.")
        if self.level == RegionLevel.COMMUNITY and not self.kind:
            errors["kind"] = _("Say whether the community is urban or rural.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The level rule holds however a node is created (form, admin, import, shell).
        parent = None
        if self.path and self.depth and self.depth > 1:
            parent = Region.objects.get(path=self.path[: -self.steplen])
        self.validate_level(parent)
        super().save(*args, **kwargs)

    @property
    def is_community(self) -> bool:
        return self.level == RegionLevel.COMMUNITY
