"""The project workflow: the six steps walked by the people who take them, and the transition table."""

from __future__ import annotations

import pytest

from projects.choices import ProjectStatus
from projects.testing import advance, make_project, people_of

pytestmark = pytest.mark.django_db
S = ProjectStatus


def test_a_project_travels_from_needs_to_acceptance(cast):
    people = people_of(cast)
    project = make_project(cast.shoushan, proposer=cast.user_shoushan)
    project = advance(project, S.ACCEPTED, people)
    assert project.status == S.ACCEPTED
    assert project.grade == "good"
    assert project.agency == cast.agency
    assert project.code.startswith("眉县-")
