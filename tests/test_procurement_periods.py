"""Procurement by the rules (issue 23 C): the period from notice to bid deadline per method, the single source's
publicity before the award, the bid's own team against the notice's requirement, deadlines with their hour.

Before, an 8-minute bid window was published and a team with 1 certified worker against 2 required was taken.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from projects.choices import MemberCertificate, ProcurementMethod, ProjectStatus
from projects.models import Bid, BidMember, Notice, Project
from projects.testing import advance, make_notice, make_project, people_of, staff_on_record
from wulian.workflow import perform
from wulian.writes import Refused, write

S = ProjectStatus
SHANGHAI = ZoneInfo("Asia/Shanghai")
FRIDAY = dt.datetime(2027, 3, 12, 10, 0, tzinfo=SHANGHAI)


def approved(cast, method, *, deadline=None, direct_agency=None):
    project = advance(make_project(cast.shoushan, proposer=cast.user_shoushan), S.APPROVED, people_of(cast))
    make_notice(project, method=method, deadline=deadline, direct_agency=direct_agency)
    return project


def publish(cast, project):
    perform(cast.user_bureau, Project, project.pk, "publish")


def test_an_open_tender_stands_twenty_days(cast):
    project = approved(cast, ProcurementMethod.OPEN_TENDER, deadline=timezone.now() + dt.timedelta(days=19))
    with pytest.raises(Refused) as refused:
        publish(cast, project)
    assert "公开招标" in refused.value.message and "20 日" in refused.value.message
    assert "《中华人民共和国政府采购法》第三十五条" in refused.value.message
    assert Project.objects.get(pk=project.pk).status == S.APPROVED
    Notice.objects.filter(project=project).update(bid_deadline=timezone.now() + dt.timedelta(days=20))
    publish(cast, project)
    assert Project.objects.get(pk=project.pk).status == S.PUBLISHED


def test_an_eight_minute_bid_window_is_refused(cast):
    project = approved(cast, ProcurementMethod.COMPETITIVE_CONSULTATION, deadline=timezone.now() + dt.timedelta(minutes=8))
    with pytest.raises(Refused) as refused:
        publish(cast, project)
    assert "竞争性磋商" in refused.value.message and "10 日" in refused.value.message
    assert "财库〔2014〕214号" in refused.value.message


def test_an_inquiry_counts_working_days(cast):
    with time_machine.travel(FRIDAY, tick=False):
        monday = FRIDAY + dt.timedelta(days=3, hours=7)
        project = approved(cast, ProcurementMethod.INQUIRY, deadline=monday)
        with pytest.raises(Refused) as refused:
            publish(cast, project)
        assert "3 个工作日" in refused.value.message and "2027年3月17日" in refused.value.message
        Notice.objects.filter(project=project).update(bid_deadline=FRIDAY + dt.timedelta(days=5, hours=7))
        publish(cast, project)
    assert Project.objects.get(pk=project.pk).status == S.PUBLISHED


def test_a_single_source_is_published_five_working_days_before_the_award(cast):
    project = approved(cast, ProcurementMethod.SINGLE_SOURCE, direct_agency=cast.agency)
    with time_machine.travel(FRIDAY, tick=False):
        publish(cast, project)
    with time_machine.travel(FRIDAY + dt.timedelta(days=4), tick=False):
        with pytest.raises(Refused) as refused:
            perform(cast.user_bureau, Project, project.pk, "award", reason="进驻三年，服务连续")
        assert "单一来源" in refused.value.message and "5 个工作日" in refused.value.message
        assert "2027年3月19日" in refused.value.message
    with time_machine.travel(FRIDAY + dt.timedelta(days=7), tick=False):
        perform(cast.user_bureau, Project, project.pk, "award", reason="进驻三年，服务连续")
    assert Project.objects.get(pk=project.pk).status == S.AWARDED


def test_a_team_short_of_certified_workers_is_refused(cast):
    project = approved(cast, ProcurementMethod.COMPETITIVE_CONSULTATION)
    publish(cast, project)
    Notice.objects.filter(project=project).update(min_certified_workers=2)
    project = Project.objects.get(pk=project.pk)
    # The agency has three certified social workers on record; the team names one of them and an uncertified one.
    certified, _second, _third, plain = staff_on_record(cast.agency, [
        ("王敏", "social_worker"), ("赵亮", "assistant"), ("钱红", "assistant"), ("李静", None)])

    def save():
        bid = Bid.objects.create(project=project, agency_id=cast.agency.pk, proposal="方案", price=Decimal("1000"),
                                 submitted_by=cast.user_agency)
        members = [BidMember.objects.create(bid=bid, staff=certified), BidMember.objects.create(bid=bid, staff=plain)]
        return [*members, bid]

    with pytest.raises(Refused) as refused:
        write(cast.user_agency, "add", save)
    assert refused.value.message == "项目公告要求团队中持证社会工作者不少于2名，本团队只有1名。"
    assert not Bid.objects.filter(project=project).exists()


def test_the_award_before_the_deadline_names_its_hour_and_minute(cast):
    deadline = timezone.localtime(timezone.now() + dt.timedelta(days=12)).replace(hour=17, minute=30, second=0, microsecond=0)
    project = approved(cast, ProcurementMethod.COMPETITIVE_CONSULTATION, deadline=deadline)
    publish(cast, project)
    with pytest.raises(Refused) as refused:
        perform(cast.user_bureau, Project, project.pk, "award", reason="x")
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日 17:30" in refused.value.message


def test_certificates_count_from_the_record_not_from_the_bid(cast):
    """A member typed into the team with a certificate the record does not show counts for nothing, and an agency
    whose self-declared count is high but has no certified staff on record cannot bid (issue 23 C)."""
    project = approved(cast, ProcurementMethod.COMPETITIVE_CONSULTATION)
    publish(cast, project)
    project = Project.objects.get(pk=project.pk)
    type(cast.agency).objects.filter(pk=cast.agency.pk).update(certified_staff_count=10)

    def save():
        bid = Bid.objects.create(project=project, agency_id=cast.agency.pk, proposal="方案", price=Decimal("1000"),
                                 submitted_by=cast.user_agency)
        return [bid]

    with pytest.raises(Refused) as refused:
        write(cast.user_agency, "add", save)
    assert refused.value.message == f"公告要求至少1名持证社工，{cast.agency.name}登记的持证社工为0名。"
    declared = BidMember(name="王敏", certificate=MemberCertificate.SOCIAL_WORKER, certificate_number="S1")
    staff_on_record(cast.agency, [("真持证", "social_worker")])
    bid = Bid.objects.create(project=project, agency_id=cast.agency.pk, proposal="方案", price=Decimal("1000"))
    declared.bid = bid
    declared.save()
    from projects.guards import certified_members

    assert certified_members(bid) == 0

