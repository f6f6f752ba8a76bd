"""The panel's make-up and who may act on it (issue 23, the items left open):

- the experts are at least two-thirds of the panel (财政部令第87号 第四十七条, 财库〔2014〕214号 第十四条, 财政部令第74号
  第七条): a member is an expert (评审专家) or the purchaser's representative (采购人代表); a panel short of experts
  is refused in Chinese when it is formed, when a member scores and at the award;
- the member picker offers the accounts of the bureau's own county only; another county's expert is refused;
- 「录入评分表」 and 「评分」 are shown only while the act would be allowed (not after the sheet was entered).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.choices import ProcurementMethod, ProjectStatus
from projects.models import MemberKind, MemberScore, Notice, Panel, PanelMember, Project
from projects.testing import expert
from tests.test_panels import form_panel, panel_post, published, sheet_post, with_bids
from wulian.choices import RegionLevel
from wulian.models import Region
from wulian.workflow import perform
from wulian.writes import Refused

S = ProjectStatus
pytestmark = pytest.mark.django_db
REP, EXP = MemberKind.PURCHASER, MemberKind.EXPERT


def test_a_panel_with_fewer_than_two_thirds_experts_is_refused(as_user, cast):
    project = published(cast)  # 竞争性磋商: 磋商小组 of 3 or more
    client = as_user("bureau")
    url = reverse("projects:panel_edit", args=[project.pk])
    # One representative and two experts in a panel of three: 2/3, allowed; two representatives: refused.
    page = client.post(url, panel_post([{"name": "采购人甲", "kind": REP}, {"name": "采购人乙", "kind": REP},
                                        {"name": "专家丙", "kind": EXP}])).content.decode()
    assert "磋商小组中评审专家不得少于成员总数的三分之二" in page and "财库〔2014〕214号 第十四条" in page
    assert "评审专家1名、采购人代表2名，评审专家至少应有2名" in page
    assert not Panel.objects.exists()
    response = client.post(url, panel_post([{"name": "采购人甲", "kind": REP}, {"name": "专家乙", "kind": EXP},
                                            {"name": "专家丙", "kind": EXP}]))
    assert response.status_code == 302
    assert sorted(PanelMember.objects.values_list("kind", flat=True)) == [EXP, EXP, REP]
    # The panel is named on the scoring page with each member's standing (once the bids are opened).
    with_bids(cast, project)
    page = client.get(reverse("projects:bid_scoring", args=[project.pk])).content.decode()
    assert "采购人甲" in page and "（采购人代表）" in page


def test_a_tender_committee_of_five_needs_four_experts(as_user, cast):
    project = published(cast, ProcurementMethod.OPEN_TENDER)
    members = [{"name": "采购人甲", "kind": REP}, {"name": "采购人乙", "kind": REP}] + [
        {"name": f"专家{i}", "kind": EXP} for i in range(3)]
    page = as_user("bureau").post(reverse("projects:panel_edit", args=[project.pk]), panel_post(members)).content.decode()
    assert "评标委员会中评审专家不得少于成员总数的三分之二（财政部令第87号 第四十七条）" in page
    assert "评审专家至少应有4名" in page
    assert not Panel.objects.exists()


def test_scoring_and_the_award_check_the_share_of_experts_on_record(client, cast):
    """A panel recorded short of experts (formed before the rule, or changed in the database) scores nothing."""
    project = published(cast)
    ours, theirs = with_bids(cast, project)
    panel = form_panel(project, cast, outside=1, accounts=2)
    PanelMember.objects.filter(panel=panel, user__isnull=False).update(kind=REP)
    first = panel.members.filter(user__isnull=False).first()
    client.force_login(first.user)
    page = client.post(reverse("projects:panel_score", args=[project.pk]),
                       sheet_post([ours, theirs], list(project.notice.criteria.all()), "0.9")).content.decode()
    assert "评审专家不得少于成员总数的三分之二" in page
    assert not MemberScore.objects.exists()
    Project.objects.filter(pk=project.pk).update(awarded_bid=ours)
    with pytest.raises(Refused) as refused:
        perform(cast.user_bureau, Project, project.pk, "award", reason="第一")
    assert "三分之二" in refused.value.message


def test_the_member_picker_offers_the_bureaus_own_county_only(as_user, cast):
    project = published(cast)
    fufeng = Region.objects.add_child(Region.objects.get(name="宝鸡市"), {"name": "扶风县", "level": RegionLevel.COUNTY})
    ours, theirs = expert("expert1"), expert("expert8", county=fufeng)
    client = as_user("bureau")
    url = reverse("projects:panel_edit", args=[project.pk])
    page = client.get(url).content.decode()
    assert f"{ours.display_name}（expert1）" in page
    assert "expert8" not in page
    # Posted anyway, the other county's expert is refused and no panel is formed.
    page = client.post(url, panel_post([{"user": theirs.pk, "kind": EXP}, {"name": "专家乙", "kind": EXP},
                                        {"name": "专家丙", "kind": EXP}])).content.decode()
    assert "所选内容不在可选范围内" in page
    assert not Panel.objects.exists()


def test_enter_the_sheet_is_offered_only_while_the_outside_expert_has_bids_to_score(as_user, cast):
    project = published(cast)
    ours, theirs = with_bids(cast, project)
    panel = form_panel(project, cast, outside=1, accounts=2)
    outside = panel.members.get(user__isnull=True)
    bureau = as_user("bureau")
    scoring = reverse("projects:bid_scoring", args=[project.pk])
    page = bureau.get(scoring).content.decode()
    assert f"?member={outside.pk}" in page and "录入评分表" in page

    criteria = list(project.notice.criteria.all())
    sheet = reverse("projects:panel_score", args=[project.pk])
    assert bureau.post(f"{sheet}?member={outside.pk}",
                       {"member": outside.pk, **sheet_post([ours, theirs], criteria, "0.8")}).status_code == 302
    page = bureau.get(scoring).content.decode()
    assert "录入评分表" not in page and f"?member={outside.pk}" not in page
    assert "已录入" in page
    # The entered sheet reads its scores and offers no submit button (a second submission would be refused).
    page = bureau.get(f"{sheet}?member={outside.pk}").content.decode()
    assert 'id="save-member-scores"' not in page and "本评分表已全部提交" in page


def test_an_experts_home_offers_scoring_only_when_there_is_something_to_score(client, cast):
    project = published(cast)
    Notice.objects.filter(project=project).update(bid_deadline=timezone.now() + dt.timedelta(days=1))
    panel = form_panel(project, cast, outside=1, accounts=2)
    member = panel.members.filter(user__isnull=False).first()
    client.force_login(member.user)
    page = client.get(reverse("home")).content.decode()
    assert 'id="panel-seats"' in page and "score-seat" not in page and "后评分" in page  # bids still sealed

    ours, theirs = with_bids(cast, project)  # the deadline passes
    page = client.get(reverse("home")).content.decode()
    assert "score-seat" in page
    url = reverse("projects:panel_score", args=[project.pk])
    assert client.post(url, sheet_post([ours, theirs], list(project.notice.criteria.all()),
                                       Decimal("0.9"))).status_code == 302
    page = client.get(reverse("home")).content.decode()
    assert "score-seat" not in page and "已评分" in page
    assert 'id="save-member-scores"' not in client.get(url).content.decode()
