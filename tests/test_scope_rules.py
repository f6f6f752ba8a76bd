"""Scope rule v2: explicit rules only, rows that depend on the row's state and on the user, per-action roles,
``can(user, action, obj)`` for one row, and the start-up check that refuses a model without a rule."""

from __future__ import annotations

import pytest
from django.db import models
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import isolate_apps

from tests.conftest import CAST_USERS
from tests.scopeapp.models import Notice
from wulian.checks import check_scope_rules
from wulian.models import Agency, ScopedModel, ScopeRule
from wulian.models.base import can, user_can


@pytest.fixture
def notices(cast):
    """Drafts and published notices of the cast's agency and of another agency, in two towns."""
    other = Agency.objects.create(name="横渠另一家机构", region=cast.hengqu)
    make = Notice.objects.create
    return {
        "own_draft": make(title="本机构草稿", region=cast.shoushan, agency=cast.agency),
        "own_published": make(title="本机构已发布", region=cast.shoushan, agency=cast.agency, status=Notice.PUBLISHED),
        "other_draft": make(title="他机构草稿", region=cast.hengqu, agency=other),
        "other_published": make(title="他机构已发布", region=cast.hengqu, agency=other, status=Notice.PUBLISHED),
        "assigned": make(title="评估中", region=cast.hengqu_village, evaluator=cast.user_evaluator),
    }


ALL = "own_draft own_published other_draft other_published assigned"
# Written out by hand from the rule's meaning, not derived from the code.
VISIBLE = {
    "bureau": ALL,
    "shoushan": "own_draft own_published",
    "hengqu": "other_draft other_published assigned",
    "binhe": "",
    # Every published notice, and its own agency's draft; never another agency's draft.
    "agency": "own_draft own_published other_published",
    "evaluator": "assigned",
    "leader": ALL,
    # The three administrators (三员分立) have no business rights: no notice at all.
    "sysadmin": "", "secadmin": "", "auditor": "",
}
# Only drafts change, and only within the role's rows.
CHANGEABLE = {
    "bureau": "own_draft other_draft assigned",
    "shoushan": "own_draft",
    "hengqu": "other_draft assigned",
    "binhe": "",
    "agency": "own_draft",
    "evaluator": "",
    "leader": "",
    "sysadmin": "", "secadmin": "", "auditor": "",
}
PUBLISHABLE = {**{u: "" for u in CAST_USERS}, "bureau": "own_draft own_published other_draft other_published assigned"}


def test_the_expectations_name_every_cast_member():
    assert set(VISIBLE) == set(CHANGEABLE) == set(CAST_USERS)


@pytest.mark.parametrize("username", CAST_USERS)
def test_rows_depend_on_the_rows_state_and_the_users_agency(cast, notices, username):
    user = cast.users[username]
    seen = set(Notice.objects.restrict(user, "view").values_list("title", flat=True))
    assert seen == {notices[k].title for k in VISIBLE[username].split()}


@pytest.mark.parametrize("username", CAST_USERS)
def test_only_drafts_change_and_only_within_the_roles_rows(cast, notices, username):
    user = cast.users[username]
    changeable = set(Notice.objects.restrict(user, "change").values_list("title", flat=True))
    assert changeable == {notices[k].title for k in CHANGEABLE[username].split()}


@pytest.mark.parametrize("username", CAST_USERS)
def test_can_answers_for_one_row_like_restrict(cast, notices, username):
    user = cast.users[username]
    for key, notice in notices.items():
        assert can(user, "view", notice) == (key in VISIBLE[username].split()), key
        assert can(user, "change", notice) == (key in CHANGEABLE[username].split()), key


def test_a_model_specific_action_names_its_roles_and_takes_the_change_rows(cast, notices):
    bureau, shoushan = cast.user_bureau, cast.user_shoushan
    assert can(bureau, "publish", notices["other_draft"])
    assert not can(bureau, "publish", notices["other_published"]), "publishing is a change: drafts only"
    assert not can(shoushan, "publish", notices["own_draft"]), "town staff may not publish"
    assert user_can(bureau, Notice, "publish") and not user_can(shoushan, Notice, "publish")


def test_can_follows_the_rows_state_as_it_is_now(cast, notices):
    draft = notices["own_draft"]
    assert can(cast.user_agency, "change", draft)
    Notice.objects.filter(pk=draft.pk).update(status=Notice.PUBLISHED)  # another request published it
    assert not can(cast.user_agency, "change", draft)


def test_an_unknown_action_is_an_error_not_a_no(cast, notices):
    with pytest.raises(ValueError):
        can(cast.user_bureau, "approve", notices["own_draft"])


def test_can_on_a_model_answers_by_role(cast):
    assert can(cast.user_shoushan, "add", Notice)
    assert not can(cast.user_binhe, "add", Notice)
    assert not can(cast.user_leader, "change", Notice)


def test_anonymous_and_inactive_users_may_do_nothing(cast, notices):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "view", notices["own_published"])
    cast.user_bureau.is_active = False
    assert not can(cast.user_bureau, "view", notices["own_published"])
    assert Notice.objects.restrict(cast.user_bureau).count() == 0


def test_the_template_tag_answers_for_the_requests_user(cast, notices):
    request = RequestFactory().get("/")
    request.user = cast.user_agency
    template = Template(
        '{% load scope %}{% can "change" notice as may_edit %}{% if may_edit %}edit{% else %}read{% endif %}'
    )
    assert template.render(Context({"request": request, "notice": notices["own_draft"]})) == "edit"
    assert template.render(Context({"request": request, "notice": notices["other_published"]})) == "read"


# -- explicit rules -------------------------------------------------------------------------------
def test_the_projects_models_all_pass_the_scope_rule_check():
    assert check_scope_rules() == []


@isolate_apps("tests.scopeapp")
def test_a_scoped_model_without_a_rule_fails_the_start_up_check():
    class Forgetful(ScopedModel):
        region = models.ForeignKey("wulian.Region", on_delete=models.PROTECT)

        class Meta:
            app_label = "scopeapp"

    errors = check_scope_rules(models=[Forgetful])
    assert [e.id for e in errors] == ["wulian.E101"]


@isolate_apps("tests.scopeapp")
def test_a_model_without_a_rule_never_falls_back_to_permissive(cast):
    class Forgetful(ScopedModel):
        class Meta:
            app_label = "scopeapp"

    with pytest.raises(TypeError, match="declares no ScopeRule"):
        Forgetful.objects.restrict(cast.user_binhe, "change")
    with pytest.raises(TypeError):
        user_can(cast.user_binhe, Forgetful, "add")


def test_a_rule_without_its_roles_cannot_be_written():
    with pytest.raises(TypeError):
        ScopeRule(region=("region",))  # view/add/change/delete are required


@isolate_apps("tests.scopeapp")
def test_a_rule_whose_lookups_lead_nowhere_fails_the_check():
    from wulian.choices import NOBODY, REGION_ROLES

    class Misdeclared(ScopedModel):
        scope_rule = ScopeRule(
            region=("town",), agency="region", evaluator="owner", view=REGION_ROLES, add=NOBODY, change=NOBODY,
            delete=frozenset({"janitor"}),
        )
        region = models.ForeignKey("wulian.Region", on_delete=models.PROTECT)

        class Meta:
            app_label = "scopeapp"

    ids = sorted(e.id for e in check_scope_rules(models=[Misdeclared]))
    assert ids == ["wulian.E103", "wulian.E104", "wulian.E105", "wulian.E106"]


# -- the real rules ----------------------------------------------------------------------------------------------
# The mechanism above runs on a test model; here the same questions are asked of real models with rules that
# depend on the role, the region, the agency and the row's state — and of the transitions derived from them.


@pytest.fixture
def hours(cast):
    """Self-recorded hours waiting in a 滨河 community activity and in a 横渠 village activity, one confirmed."""
    from volunteers.choices import HoursStatus
    from volunteers.testing import make_activity, make_hours, make_volunteer

    binhe = make_activity(cast.binhe, "滨河清扫")
    village = make_activity(cast.hengqu_village, "崖下义诊")
    return {
        "binhe_pending": make_hours(binhe, make_volunteer(cast.binhe, "刘一"), status=HoursStatus.PENDING),
        "binhe_confirmed": make_hours(binhe, make_volunteer(cast.binhe, "刘二")),
        "village_pending": make_hours(village, make_volunteer(cast.hengqu_village, "张三"), status=HoursStatus.PENDING),
    }


# Written out by hand from volunteers.models.ServiceHours: region roles see their area, workers (not the leader)
# confirm, agencies and evaluators see no volunteer hours.
HOURS_VISIBLE = {
    "bureau": "binhe_pending binhe_confirmed village_pending", "shoushan": "binhe_pending binhe_confirmed",
    "hengqu": "village_pending", "binhe": "binhe_pending binhe_confirmed", "agency": "", "evaluator": "",
    "leader": "binhe_pending binhe_confirmed village_pending", "sysadmin": "", "secadmin": "", "auditor": "",
}
HOURS_CONFIRMABLE = {  # the confirm transition: the workers' rows, in every state (the workflow checks the state)
    "bureau": "binhe_pending binhe_confirmed village_pending", "shoushan": "binhe_pending binhe_confirmed",
    "hengqu": "village_pending", "binhe": "binhe_pending binhe_confirmed", "agency": "", "evaluator": "", "leader": "",
    "sysadmin": "", "secadmin": "", "auditor": "",
}


@pytest.mark.parametrize("username", CAST_USERS)
def test_the_real_hours_rule_and_its_confirm_transition(cast, hours, username):
    from volunteers.models import ServiceHours

    user = cast.users[username]
    for action, expected in (("view", HOURS_VISIBLE), ("confirm", HOURS_CONFIRMABLE)):
        rows = set(ServiceHours.objects.restrict(user, action).values_list("pk", flat=True))
        assert rows == {hours[k].pk for k in expected[username].split()}, action
    offered = {t.name for t in ServiceHours.workflow.offered(hours["binhe_pending"], user)}
    assert offered == ({"confirm", "reject"} if "binhe_pending" in HOURS_CONFIRMABLE[username] else set())
