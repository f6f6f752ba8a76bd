"""Scoring by a panel (issue 23 C): 评标委员会 of 5 or more (odd) for a tender, 磋商小组 / 询价小组 of 3 or more
(odd); each member scores each bid once, never the bid of an agency they belong to; the result follows the
notice's rule (综合评分法: the average of the members' totals, highest first, then the lower price); the award
waits until every member has scored, and goes to the bid ranked first; every member is named on the record.

Before: one bureau user scored every bid alone and could award with any scores.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.choices import ProcurementMethod, ProjectStatus
from projects.models import Bid, BidScore, MemberScore, Notice, Panel, PanelMember, Project
from projects.testing import (
    advance,
    agency_user,
    close_bidding,
    expert,
    make_bid,
    make_notice,
    make_project,
    people_of,
    second_agency,
)
from wulian.workflow import perform
from wulian.writes import Refused

S = ProjectStatus
pytestmark = pytest.mark.django_db


def published(cast, method=ProcurementMethod.COMPETITIVE_CONSULTATION):
    project = advance(make_project(cast.shoushan, proposer=cast.user_shoushan), S.APPROVED, people_of(cast))
    make_notice(project, method=method, deadline=timezone.now() + dt.timedelta(days=21))
    perform(cast.user_bureau, Project, project.pk, "publish")
    return Project.objects.get(pk=project.pk)


def with_bids(cast, project):
    other = second_agency(cast.shoushan)
    ours = make_bid(project, cast.agency, cast.user_agency, price=Decimal("140000"))
    theirs = make_bid(project, other, agency_user(other, "tongxin"), price=Decimal("120000"))
    close_bidding(project)
    return ours, theirs


def panel_post(members, formed_on=None):
    data = {"formed_on": (formed_on or timezone.localdate()).isoformat(), "members-TOTAL_FORMS": str(len(members)),
            "members-INITIAL_FORMS": "0", "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "1000"}
    for i, member in enumerate(members):
        data.update({f"members-{i}-{key}": value for key, value in member.items()})
    return data


def sheet_post(bids, criteria, fraction):
    return {f"score-{b.pk}-{c.pk}": str((c.weight * Decimal(fraction)).quantize(Decimal("0.01")))
            for b in bids for c in criteria}


def test_an_even_or_too_small_panel_is_refused_in_chinese(as_user, cast):
    project = published(cast)
    client = as_user("bureau")
    url = reverse("projects:panel_edit", args=[project.pk])
    for size in (2, 4):
        page = client.post(url, panel_post([{"name": f"专家{i}"} for i in range(size)])).content.decode()
        assert "磋商小组" in page and "3名以上单数" in page and f"本小组{size}名" in page, page[:500]
        assert "财库〔2014〕214号 第十四条" in page
    assert not Panel.objects.exists() and not PanelMember.objects.exists()
    response = client.post(url, panel_post([{"name": f"专家{i}", "is_chair": "on" if i == 0 else ""} for i in range(3)]))
    assert response.status_code == 302
    assert list(PanelMember.objects.values_list("name", flat=True).order_by("pk")) == ["专家0", "专家1", "专家2"]


def test_an_open_tender_needs_a_committee_of_five(as_user, cast):
    project = published(cast, ProcurementMethod.OPEN_TENDER)
    page = as_user("bureau").post(reverse("projects:panel_edit", args=[project.pk]),
                                  panel_post([{"name": f"专家{i}"} for i in range(3)])).content.decode()
    assert "评标委员会" in page and "5名以上单数" in page and "财政部令第87号 第四十七条" in page
    assert not Panel.objects.exists()


def form_panel(project, cast, *, outside=1, accounts=2, agency_member=None):
    panel = Panel.objects.create(notice=project.notice, formed_by=cast.user_bureau)
    for i in range(accounts):
        PanelMember.objects.create(panel=panel, user=expert(f"expert{i + 1}"), is_chair=i == 0)
    for i in range(outside):
        PanelMember.objects.create(panel=panel, name=f"外聘专家{i + 1}", agency=agency_member)
    return panel


def test_each_member_scores_once_and_the_award_waits_for_all(client, as_user, cast):
    project = published(cast)
    ours, theirs = with_bids(cast, project)
    panel = form_panel(project, cast)
    criteria = list(project.notice.criteria.order_by("order"))
    first, second = panel.members.filter(user__isnull=False).order_by("pk")
    outside = panel.members.get(user__isnull=True)

    # The first expert scores both bids in the portal with their own account.
    client.force_login(first.user)
    url = reverse("projects:panel_score", args=[project.pk])
    page = client.get(url).content.decode()
    assert "磋商小组" in page and first.name in page and ours.agency.name in page
    assert client.post(url, sheet_post([ours, theirs], criteria, "0.9")).status_code == 302
    assert MemberScore.objects.filter(member=first).count() == 6

    # Scoring again is refused in Chinese and changes nothing.
    again = client.post(url, sheet_post([ours], criteria, "0.5")).content.decode()
    assert f"{first.name}已对{ours.agency.name}的投标评分，每位成员对每份投标只评一次" in again
    assert MemberScore.objects.filter(member=first).count() == 6
    assert set(MemberScore.objects.filter(member=first, bid=ours).values_list("score", flat=True)) == {
        (c.weight * Decimal("0.9")).quantize(Decimal("0.01")) for c in criteria}

    # The award before every member has scored is refused, naming who has not.
    Project.objects.filter(pk=project.pk).update(awarded_bid=ours)
    with pytest.raises(Refused) as refused:
        perform(cast.user_bureau, Project, project.pk, "award", reason="综合评分第一")
    assert "每位成员对每份投标评分后方可确定成交" in refused.value.message
    assert second.name in refused.value.message and outside.name in refused.value.message
    assert Project.objects.get(pk=project.pk).status == S.PUBLISHED

    # The second expert scores; the bureau enters the outside expert's sheet (recorded by name, no account).
    client.force_login(second.user)
    assert client.post(url, sheet_post([ours, theirs], criteria, "0.7")).status_code == 302
    bureau = as_user("bureau")
    assert bureau.post(f"{url}?member={outside.pk}", {"member": outside.pk, **sheet_post([ours], criteria, "0.8"),
                                                      **sheet_post([theirs], criteria, "0.95")}).status_code == 302
    # The bureau may not score in an expert's name when the expert has an account.
    assert bureau.get(f"{url}?member={first.pk}").status_code == 404

    result = panel.result()
    assert result.complete
    averages = {r.bid.pk: r.average for r in result.rows}
    assert averages[ours.pk] == Decimal("80.00")  # (90 + 70 + 80) / 3
    assert averages[theirs.pk] == Decimal("85.00")  # (90 + 70 + 95) / 3
    assert [r.bid.pk for r in result.rows] == [theirs.pk, ours.pk]

    # The award goes to the bid ranked first under the notice's rule.
    with pytest.raises(Refused) as refused:
        perform(cast.user_bureau, Project, project.pk, "award", reason="价格高但方案好")
    assert "综合评分法" in refused.value.message and theirs.agency.name in refused.value.message
    response = bureau.post(reverse("projects:project_award", args=[project.pk]),
                           {"bid": theirs.pk, "reason": "磋商小组综合评分第一"})
    assert response.status_code == 302
    project = Project.objects.get(pk=project.pk)
    assert project.status == S.AWARDED and project.agency_id == theirs.agency_id
    # The panel's average per criterion is the bid's score on record.
    assert sum(BidScore.objects.filter(bid=theirs).values_list("score", flat=True)) == Decimal("85.00")

    # Every member is named on the project page, the scoring page and the history.
    for page_url in (project.get_absolute_url(), reverse("projects:bid_scoring", args=[project.pk])):
        body = bureau.get(page_url).content.decode()
        for member in (first, second, outside):
            assert member.name in body, page_url


def test_a_member_of_the_bidding_agency_cannot_score_its_bid(client, cast):
    project = published(cast)
    ours, theirs = with_bids(cast, project)
    panel = form_panel(project, cast, outside=0, accounts=3)
    member = panel.members.order_by("pk").last()
    member.user.agency = cast.agency  # an expert who works for the agency that bids
    member.user.save(update_fields=["agency"])
    criteria = list(project.notice.criteria.all())
    client.force_login(member.user)
    url = reverse("projects:panel_score", args=[project.pk])
    assert "利害关系" in client.get(url).content.decode()
    page = client.post(url, sheet_post([ours], criteria, "0.9")).content.decode()
    assert f"{member.name}属于{cast.agency.name}，与其投标有利害关系，不能评分" in page
    assert not MemberScore.objects.filter(member=member).exists()
    # The other bid is theirs to score; the recused one is left out of the average.
    assert client.post(url, sheet_post([theirs], criteria, "0.9")).status_code == 302
    row = {r.bid.pk: r for r in panel.result().rows}[ours.pk]
    assert row.totals[member.pk] == "conflict"


def test_equal_averages_are_ordered_by_the_lower_price(cast):
    project = published(cast)
    ours, theirs = with_bids(cast, project)
    panel = form_panel(project, cast, outside=3, accounts=0)
    for member in panel.members.all():
        for bid in (ours, theirs):
            for criterion in project.notice.criteria.all():
                MemberScore.objects.create(member=member, bid=bid, criterion=criterion, score=criterion.weight / 2)
    result = panel.result()
    assert [r.bid.pk for r in result.rows] == [theirs.pk, ours.pk]  # 120,000 before 140,000
    assert [r.rank for r in result.rows] == [1, 2]


def test_who_sees_the_panel(client, as_user, cast):
    project = published(cast)
    with_bids(cast, project)
    panel = form_panel(project, cast, outside=1, accounts=2)
    url = reverse("projects:panel_score", args=[project.pk])
    stranger = expert("expert9")
    client.force_login(stranger)
    assert client.get(url).status_code == 404  # an expert on no panel of this project
    assert not PanelMember.objects.restrict(stranger).exists()
    member = panel.members.filter(user__isnull=False).first()
    assert set(PanelMember.objects.restrict(member.user)) == set(panel.members.all())
    assert Bid.objects.restrict(member.user).filter(project=project).count() == 2
    assert not Bid.objects.restrict(stranger).exists()
    assert as_user("agency").get(url).status_code == 404
    assert not PanelMember.objects.restrict(cast.user_agency).exists()
    assert PanelMember.objects.restrict(cast.user_shoushan).count() == 3  # the town of the project
    assert not PanelMember.objects.restrict(cast.user_hengqu).exists()  # another town
    # Before the deadline nobody scores: the bids are sealed.
    Notice.objects.filter(project=project).update(bid_deadline=timezone.now() + dt.timedelta(days=1))
    client.force_login(member.user)
    assert not Bid.objects.restrict(member.user).filter(project=project).exists()
