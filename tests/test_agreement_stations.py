"""An agreement names the stations the agency works in (进驻) where the project has a service place (issue 23,
open item 6). Before: an agreement with no station was saved and signed, and service records then went anywhere."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from projects import testing as t
from projects.choices import ProjectStatus
from projects.models import Agreement, Project
from tests.stations_helpers import station_at
from wulian.workflow import perform
from wulian.writes import Refused

S = ProjectStatus
pytestmark = pytest.mark.django_db


def awarded(cast):
    return t.advance(t.make_project(cast.binhe), S.AWARDED, t.people_of(cast))


def agreement_post(project, **extra):
    ceiling = project.notice.budget_ceiling
    today = timezone.localdate()
    return {
        "number": "MX-ST-1", "amount": str(ceiling), "start": today.isoformat(),
        "end": (today + dt.timedelta(days=360)).isoformat(), "deliverables": "台账",
        "targets-TOTAL_FORMS": "1", "targets-INITIAL_FORMS": "0", "targets-0-indicator": "小组", "targets-0-unit": "次",
        "targets-0-target_value": "7", "targets-0-measure": "group_activities",
        "milestones-TOTAL_FORMS": "1", "milestones-INITIAL_FORMS": "0", "milestones-0-name": "全款",
        "milestones-0-amount": str(ceiling), "milestones-0-due_on": today.isoformat(), "milestones-0-condition": "验收后",
        **extra,
    }


def test_an_agreement_without_a_station_is_refused_where_the_project_has_one(as_user, cast):
    station = station_at(cast.binhe)
    project = awarded(cast)
    client = as_user("bureau")
    url = reverse("projects:agreement_edit", args=[project.pk])
    page = client.post(url, agreement_post(project)).content.decode()
    assert "服务协议须写明承接机构进驻的服务站点（至少一个）" in page and "滨河社区设有服务站点" in page
    assert not Agreement.objects.filter(project=project).exists()
    assert client.post(url, agreement_post(project, stations=[station.pk])).status_code == 302
    assert list(Agreement.objects.get(project=project).stations.all()) == [station]


def test_the_projects_own_station_is_offered_first_and_required(as_user, cast):
    station = station_at(cast.binhe)
    project = t.make_project(cast.binhe, station=station)
    project = t.advance(project, S.AWARDED, t.people_of(cast))
    page = as_user("bureau").get(reverse("projects:agreement_edit", args=[project.pk])).content.decode()
    assert f'<option value="{station.pk}" selected' in page
    # Marked required before anything is posted: the asterisk beside 进驻站点 and the browser's own check.
    form = as_user("bureau").get(reverse("projects:agreement_edit", args=[project.pk])).context["form"]
    assert form.fields["stations"].required
    assert re.search(r'<select[^>]*name="stations"[^>]*required', page)
    assert re.search(r'for="id_stations"[^<]*>[^<]*<span class="asteriskField">\*</span>', page)


def test_the_agency_cannot_sign_an_agreement_that_names_no_station(cast):
    """An agreement recorded without its station (before the rule, or another path) is not signed."""
    project = awarded(cast)
    station_at(cast.binhe)
    t.make_agreement(project, stations=[])
    with pytest.raises(Refused) as refused:
        perform(cast.user_agency, Project, project.pk, "agency_sign")
    assert "服务协议须写明承接机构进驻的服务站点" in refused.value.message
    assert Project.objects.get(pk=project.pk).status == S.AWARDED


def test_a_project_where_no_station_exists_needs_none(as_user, cast):
    project = awarded(cast)
    assert as_user("bureau").post(reverse("projects:agreement_edit", args=[project.pk]),
                                  agreement_post(project)).status_code == 302
