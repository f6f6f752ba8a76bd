"""Step 3: the panel that scores the bids of a notice (评标委员会, 磋商小组, 询价小组, 谈判小组), its members and
each member's scores (``Panel``, ``PanelMember``, ``MemberScore``; issue 23 C). The rules are
``projects.procurement.PANELS`` and ``projects.guards``; the result is ``projects.scoring.panel_result``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wulian.choices import REGION_ROLES, Role
from wulian.models import ScopedModel
from wulian.writes import Refused

from .. import guards
from .base import BUREAU, EVALUATOR, S, _child_rule, _while
from .tender import Bid, Criterion, Notice
# -- step 3: the panel that scores the bids (issue 23 C) --------------------------------------------------------


def _panel_rows_for_member(prefix: str):
    """A member of the panel (an expert's account) sees the panel, its members and its own scores."""

    def rows(scope) -> Q | None:
        if scope.action != "view":
            return None
        return Q(**{f"{prefix}members__user": scope.user})

    return rows


PANEL_EDITS = {a: _while("notice__project__", S.PUBLISHED) for a in ("add", "change", "delete")}


class Panel(ScopedModel):
    """The panel that scores the bids of a notice (评标委员会 for a tender, 磋商小组, 询价小组, 谈判小组): formed
    by the bureau, its size the method's (``projects.procurement.PANELS``), every member named on the record."""

    fixed_fields = ("notice",)

    scope_rule = _child_rule(view=REGION_ROLES | EVALUATOR, add=BUREAU, change=BUREAU, delete=BUREAU,
                             prefix="notice__project__", where=PANEL_EDITS,
                             rows={Role.EVALUATOR: _panel_rows_for_member("")})

    notice = models.OneToOneField(Notice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="panel")
    formed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("formed by"), on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+", editable=False)
    formed_on = models.DateField(_("formed on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("scoring panel")
        verbose_name_plural = _("scoring panels")
        ordering = ["-pk"]

    def __str__(self):
        rule = guards.panel_rule(self.notice)
        return f"{self.notice.project.code} {rule.name if rule else _('scoring panel')}"

    @property
    def project(self):
        return self.notice.project

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("projects:bid_scoring", args=[self.notice.project_id])

    def scores_given(self) -> bool:
        return self.pk is not None and MemberScore.objects.filter(member__panel=self).exists()

    def result(self):
        from ..scoring import panel_result

        return panel_result(self)


class MemberKind(models.TextChoices):
    """Who a member is (财政部令第87号 第四十七条: 评标委员会由采购人代表和评审专家组成): the experts are at least
    two-thirds of the panel (``guards.panel_composition``)."""

    EXPERT = "expert", "评审专家"
    PURCHASER = "purchaser", "采购人代表"


class PanelMember(ScopedModel):
    """A member of a panel: a user of the portal (an expert's account, or the bureau's representative) or an
    outside expert recorded by name; ``agency`` is an agency they belong to (a conflict with its bid)."""

    fixed_fields = ("panel",)

    scope_rule = _child_rule(view=REGION_ROLES | EVALUATOR, add=BUREAU, change=BUREAU, delete=BUREAU,
                             prefix="panel__notice__project__",
                             where={a: _while("panel__notice__project__", S.PUBLISHED) for a in ("add", "change", "delete")},
                             rows={Role.EVALUATOR: _panel_rows_for_member("panel__")})

    panel = models.ForeignKey(Panel, verbose_name=_("scoring panel"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="panel_seats",
                             help_text=_("The member's account, when they score in the portal themselves."))
    name = models.CharField(_("full name"), max_length=50, blank=True,
                            help_text=_("An outside expert without an account is recorded by name."))
    agency = models.ForeignKey("wulian.Agency", verbose_name=_("belongs to agency"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+",
                               help_text=_("An agency the member works for: they cannot score its bid."))
    kind = models.CharField("身份", max_length=12, choices=MemberKind.choices, default=MemberKind.EXPERT,
                            help_text="评审专家不得少于成员总数的三分之二。")
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        ordering = ["panel", "-is_chair", "pk"]

    def __str__(self):
        return self.name or (self.user.display_name if self.user_id else "")

    def save(self, *args, **kwargs):
        if self.user_id and not self.name:
            self.name = self.user.display_name
        super().save(*args, **kwargs)

    def check_rules(self):
        guards.panel_member_rules(self)


class MemberScore(ScopedModel):
    """One member's score of one bid on one criterion (at most the criterion's weight), given once."""

    fixed_fields = ("member", "bid", "criterion", "score")

    scope_rule = _child_rule(view=REGION_ROLES | EVALUATOR, add=BUREAU | EVALUATOR, prefix="bid__project__",
                             where={"add": _while("bid__project__", S.PUBLISHED)},
                             rows={Role.EVALUATOR: lambda s: Q(member__user=s.user),
                                   **dict.fromkeys(REGION_ROLES, lambda s: s.region() & Q(
                                       bid__project__notice__bid_deadline__lte=timezone.now()))})

    member = models.ForeignKey(PanelMember, verbose_name=_("panel member"), on_delete=models.PROTECT,
                               related_name="scores")
    bid = models.ForeignKey(Bid, verbose_name=_("bid"), on_delete=models.PROTECT, related_name="member_scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT,
                                  related_name="member_scores")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+", editable=False)

    class Meta:
        verbose_name = _("member's score")
        verbose_name_plural = _("members' scores")
        ordering = ["member", "bid", "criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "bid", "criterion"], name="memberscore_once",
                                    violation_error_message=_("This member has already scored this bid on this criterion.")),
        ]

    def __str__(self):
        return f"{self.member}：{self.bid.agency} {self.criterion}"

    def save(self, *args, **kwargs):
        if self.pk is not None:  # a score is given once; it is never changed afterwards
            raise Refused(_("%(member)s has already scored the bid of %(agency)s; a member scores each bid once.")
                          % {"member": self.member.name, "agency": self.bid.agency})
        super().save(*args, **kwargs)

    def check_rules(self):
        guards.member_score_rules(self)
