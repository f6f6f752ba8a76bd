"""A returned proposal shows why on its page (issue 23 E): the review is read as the reader's scope shows reviews
(``Review.objects.restrict``), not off the project, so the reason reaches exactly those the review rule lets see it."""

from __future__ import annotations

from types import SimpleNamespace

from django.urls import reverse

from projects.templatetags.project_pages import returned_review
from projects.testing import make_project

JSON = "application/json"


def test_the_town_sees_why_its_proposal_came_back_and_nobody_outside_reads_the_review(client, cast):
    project = make_project(cast.shoushan)
    url = f"/api/projects/{project.pk}/actions/"
    client.force_login(cast.user_shoushan)
    assert client.post(url + "submit/", {}, content_type=JSON).status_code == 200
    client.force_login(cast.user_bureau)
    assert client.post(url + "return/", {"reason": "预算测算依据不足"}, content_type=JSON).status_code == 200
    client.force_login(cast.user_shoushan)
    page = client.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert 'id="return-reason"' in page and "预算测算依据不足" in page
    project.refresh_from_db()
    seen = returned_review({"request": SimpleNamespace(user=cast.user_shoushan)}, project)
    assert seen["review"].opinion == "预算测算依据不足"
    # another town's staff: the review rule gives them no review of this project, so the tag reads none
    unseen = returned_review({"request": SimpleNamespace(user=cast.user_hengqu)}, project)
    assert unseen["review"] is None
