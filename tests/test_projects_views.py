"""The project pages: each step's page opens for the person who does it, refuses bad input in Chinese and changes
nothing then, and every page is cut by the scope rule (404 outside it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects import testing as t
from projects.choices import ProjectStatus
from projects.models import Bid, BidScore, Criterion, Evaluation, Milestone, Notice, Project, Rectification
from tests.matrix import ScopeMatrix

S = ProjectStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def people(cast):
    return t.people_of(cast)


def at(cast, people, state, region=None, **kwargs):
    project = t.make_project(region or cast.shoushan, proposer=people.town)
    return t.advance(project, state, people, **kwargs)


# -- smoke: every page of every step opens for the right person ---------------------------------------------------
def test_pages_of_a_project_in_service_open(as_user, cast, people):
    project = at(cast, people, S.IN_SERVICE)
    client = as_user("bureau")
    for url in (
        reverse("projects:project_list"),
        project.get_absolute_url(),
        reverse("projects:bid_list"),
        reverse("projects:evaluation_list"),
        reverse("projects:rectification_list"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
