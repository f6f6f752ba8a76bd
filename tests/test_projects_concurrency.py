"""Two people press a project's buttons at the same moment, on PostgreSQL with real threads: one wins, the
other gets a clear Chinese refusal, and nothing is written twice (no second review row, award or amendment
lost)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from projects.choices import BidStatus, ProjectStatus, ReviewDecision
from projects.models import Amendment, Bid, Project, Review, amend_agreement
from projects.testing import advance, agency_user, make_bid, make_project, people_of, second_agency
from tests.test_concurrency import in_threads
from wulian.choices import Role
from wulian.models import Notification, StateChange, User
from wulian.workflow import perform
from wulian.writes import Refused

pytestmark = [pytest.mark.xdist_group("concurrency"), pytest.mark.django_db(transaction=True)]
S = ProjectStatus


@pytest.fixture
def crowd_cast(crowd_cast):
    """The shared crowd cast (tests/conftest.py) with a second bureau clerk."""
    cast = crowd_cast
    cast.second_clerk = User.objects.create(username="bureau2", role=Role.BUREAU_ADMIN, region=cast.mei,
                                            last_name="周", first_name="强")
    return cast


def outcome(user, model, pk, name, reason=""):
    try:
        perform(user, model, pk, name, reason=reason)
        return "done"
    except Refused as exc:
        return exc.message


def test_approve_and_return_at_once_one_wins_and_one_review_is_written(crowd_cast):
    cast = crowd_cast
    project = advance(make_project(cast.shoushan), S.SUBMITTED, people_of(cast))
    steps = [(cast.user_bureau, "approve", "同意"), (cast.second_clerk, "return", "预算偏高")]
    results = in_threads(2, lambda i: steps[i], lambda s: outcome(s[0], Project, project.pk, s[1], s[2]))
    assert results.count("done") == 1, results
    refusal = next(r for r in results if r != "done")
    assert "当前为" in refusal and "可能已被他人处理" in refusal
    project.refresh_from_db()
    review = Review.objects.get(project=project)  # exactly one
    assert project.status == {ReviewDecision.APPROVE: S.APPROVED, ReviewDecision.RETURN: S.RETURNED}[review.decision]
    assert StateChange.objects.filter(object_id=project.pk, action__in=["approve", "return"]).count() == 1


def test_two_awards_at_once_award_one_bid_and_notify_once(crowd_cast):
    cast = crowd_cast
    project = advance(make_project(cast.shoushan), S.PUBLISHED, people_of(cast))
    make_bid(project, cast.agency, cast.user_agency)
    other = second_agency(cast.mei)
    other_staff = agency_user(other, "agency2")
    make_bid(project, other, other_staff, certified=3)
    from projects.testing import close_bidding, score_bids

    close_bidding(project)
    score_bids(project, cast.user_bureau)
    Project.objects.filter(pk=project.pk).update(awarded_bid=Bid.objects.get(project=project, agency=cast.agency))
    clerks = (cast.user_bureau, cast.second_clerk)
    results = in_threads(2, lambda i: clerks[i], lambda user: outcome(user, Project, project.pk, "award", "评分第一"))
    assert results.count("done") == 1, results
    assert "已确定承接机构" in next(r for r in results if r != "done")
    statuses = sorted(Bid.objects.filter(project=project).values_list("status", flat=True))
    assert statuses == sorted([BidStatus.AWARDED, BidStatus.NOT_AWARDED])
    assert Notification.objects.filter(recipient=other_staff).count() == 1


def test_two_amendments_at_once_are_applied_one_after_the_other(crowd_cast):
    cast = crowd_cast
    project = advance(make_project(cast.shoushan), S.IN_SERVICE, people_of(cast))
    agreement = project.agreement
    end = agreement.end
    changes = [({"end": end - dt.timedelta(days=10)}, "提前十天结束"), ({"deliverables": "新增结项汇报会"}, "增加成果要求")]

    def act(change):
        try:
            amend_agreement(cast.user_bureau, agreement.pk, change[0], reason=change[1])
            return "done"
        except Refused as exc:
            return exc.message
        finally:
            connection.close()

    results = in_threads(2, lambda i: changes[i], act)
    assert results == ["done", "done"]
    agreement.refresh_from_db()
    assert agreement.end == end - dt.timedelta(days=10)
    assert agreement.deliverables == "新增结项汇报会"  # neither change overwrote the other
    assert Amendment.objects.filter(agreement=agreement).count() == 2
