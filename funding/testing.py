"""Builders the funding tests and the demo share: a source kind, a line with its allocation, a project in
service whose agreement is committed, a second bureau clerk who pays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F

from projects.choices import ProjectStatus
from projects.models import Milestone, Project
from projects.testing import advance, attach, make_project, people_of
from wulian.choices import Role
from wulian.models import User
from wulian.workflow import perform

from . import ledger
from .choices import Category, EntryKind, Purpose, SourceGroup
from .models import BudgetLine, SourceKind


def source(name: str = "县级财政预算", group=SourceGroup.FISCAL) -> SourceKind:
    kind, _ = SourceKind.objects.get_or_create(name=name, defaults={"group": group})
    return kind


def station_line(user, station, amount, *, year: int, category=Category.OFFICE, kind: SourceKind | None = None,
                 key: str | None = None) -> BudgetLine:
    line = BudgetLine.objects.create(source=kind or source(), year=year, purpose=Purpose.STATION, station=station,
                                     category=category, created_by=user)
    if Decimal(amount):
        ledger.post_one(user, line, EntryKind.ALLOCATION, Decimal(amount), key=key)
        line.refresh_from_db()
    return line


def project_line(user, project, amount, *, year: int | None = None, category=Category.ACTIVITY,
                 kind: SourceKind | None = None) -> BudgetLine:
    line = BudgetLine.objects.create(source=kind or source("政府购买服务", SourceGroup.PURCHASE),
                                     year=year or project.year, purpose=Purpose.PROJECT, project=project,
                                     category=category, created_by=user)
    if Decimal(amount):
        ledger.post_one(user, line, EntryKind.ALLOCATION, Decimal(amount))
        line.refresh_from_db()
    return line


def payer_of(cast) -> User:
    """A second bureau clerk: the one who confirms a milestone does not also pay it."""
    user, _ = User.objects.get_or_create(username="bureau_pay", defaults={
        "role": Role.BUREAU_ADMIN, "region": cast.mei, "last_name": "钱", "first_name": "会计"})
    return user


def contracted_project(cast, *, line_amount=Decimal("200000")) -> tuple[Project, BudgetLine]:
    """A project in service at 首善, with a line funding it and its agreement committed on the line."""
    people = people_of(cast)
    project = advance(make_project(cast.shoushan, proposer=people.town), ProjectStatus.IN_SERVICE, people)
    # The first tranche fell due a month ago (a payment is recorded once made, never dated ahead).
    Milestone.objects.filter(project=project).update(due_on=F("due_on") - dt.timedelta(days=60))
    line = project_line(people.bureau, project, line_amount)
    ledger.commit_agreement(people.bureau, project.agreement, line)
    line.refresh_from_db()
    return project, line


def confirm(milestone: Milestone, cast) -> Milestone:
    """The agency reports the milestone with evidence; the bureau confirms it."""
    attach(milestone, cast.user_agency)
    perform(cast.user_agency, Milestone, milestone.pk, "report")
    perform(cast.user_bureau, Milestone, milestone.pk, "confirm")
    return Milestone.objects.get(pk=milestone.pk)
