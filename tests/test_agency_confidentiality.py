"""Confidential between competitors (issue 17, items 1–3): on the 眉县 demo, an agency reads another agency's
project only as the public does — on the public page — never through the project page, the API, the evaluation
report, an attachment, the history or a search. Its own projects, the calls for bids that are open and its own
bids stay open to it.

Demo: 仁和 (``agency``) holds projects 1, 3, 5, 7 and bid on 1, 3, 5, 7, 8, 9; 春晖 (``chunhui``) holds 2, 4, 8
and bid on 1, 2, 6, 8; project 9 is the open call (published), 2 failed its acceptance (不合格 55.73).
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from projects.models import Project
from tests.conftest import loaded_once
from wulian.models import Attachment, ReportJob

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module in a transaction that each test's own (a savepoint) nests in and that is
    rolled back after the module's last test, as Django's ``TestCase.setUpTestData`` does (7 s a test before, loaded
    again for each of the ten). Its files go to a folder of the module's."""
    media = tmp_path_factory.mktemp("demo-media")
    with loaded_once(django_db_blocker, media, lambda: call_command("load_demo", verbosity=0)):
        yield media


@pytest.fixture
def media_root(settings, demo):
    """(conftest's autouse ``media_root``, here the demo's folder: the demo's files are read by the tests)"""
    settings.MEDIA_ROOT = demo
    return demo


def login(client, username):
    from wulian.models import User

    client.logout()
    client.force_login(User.objects.get(username=username))
    return client


def by_code(code):
    return Project.objects.get(code=code)


def others_and_own(username):
    """(projects of the other agency, projects of its own) in the demo."""
    mine = "眉县仁和社会工作服务中心" if username == "agency" else "眉县春晖社会工作服务中心"
    projects = Project.objects.filter(agency__isnull=False)
    return (list(projects.exclude(agency__name=mine)), list(projects.filter(agency__name=mine)))


@pytest.mark.parametrize("username", ["agency", "chunhui"])
def test_an_agency_reads_another_agencys_project_on_the_public_page_only(demo, client, username):
    login(client, username)
    others, own = others_and_own(username)
    assert others and own
    listed = {row["id"] for row in client.get("/api/projects/", {"page_size": 100}).json()["results"]}
    page_list = client.get(reverse("projects:project_list")).content.decode()
    for project in others:
        assert client.get(f"/api/projects/{project.pk}/").status_code == 404, project.code
        assert client.get(f"/api/projects/{project.pk}/progress/").status_code == 404, project.code
        assert client.get(project.get_absolute_url()).status_code == 404, project.code
        assert project.pk not in listed and project.get_absolute_url() not in page_list
        for child in ("project-notices", "project-agreements", "project-targets", "project-milestones",
                      "project-evaluations", "project-rectifications", "project-reviews", "project-criteria"):
            response = client.get(f"/api/{child}/", {"page_size": 100})
            if response.status_code == 403:  # the role reads none of these at all
                continue
            rows = response.json()["results"]
            assert all(row.get("project") != project.pk for row in rows), (child, project.code)
    for project in own:
        assert client.get(f"/api/projects/{project.pk}/").status_code == 200
        assert client.get(project.get_absolute_url()).status_code == 200
    # What the public sees stays public: the failed project's page at /public/projects/.
    failed = by_code("眉县-2025-002")
    public = client.get(reverse("public_projects:detail", args=[failed.pk]))
    assert public.status_code == 200 and failed.title in public.content.decode()


def test_the_failed_projects_internals_reach_only_its_parties(demo, client):
    """Project 2 (春晖, 不合格 55.73): its grade, score, award reason, staff and evaluator names."""
    failed = by_code("眉县-2025-002")
    score = str(failed.evaluations.get(kind="acceptance", grade="fail").score)  # 55.73 when the attack was run
    login(client, "agency")
    body = client.get(failed.get_absolute_url()).content.decode() + client.get(f"/api/projects/{failed.pk}/").content.decode()
    for secret in (score, "赵敏", "王建国", failed.award_reason[:10]):
        assert secret not in body
    login(client, "chunhui")
    page = client.get(failed.get_absolute_url()).content.decode()
    assert score in page and "不合格" in page


def test_the_open_call_shows_an_agency_the_notice_not_the_internals(demo, client):
    """Project 9 is open for bids: 春晖 (no bid) sees the notice to bid on, but not who proposed, reviewed and
    published it (names of staff), nor the project's files."""
    call = Project.objects.get(status="published")
    login(client, "chunhui")
    response = client.get(call.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert call.notice.scope_of_service[:20] in page and call.title in page
    for name in ("王建国", "李娜", "张伟", "刘芳"):
        assert name not in page, name
    data = client.get(f"/api/projects/{call.pk}/").json()
    assert data["title"] == call.title and data["proposed_by"] is None and data["evaluator"] is None
    assert data["budget"] is None


@pytest.mark.parametrize(("username", "codes"), [
    ("agency", ["眉县-2025-002"]),
    ("chunhui", ["眉县-2025-001", "眉县-2026-001", "眉县-2026-003"]),
])
def test_an_agency_gets_no_evaluation_report_of_anothers_project(demo, client, username, codes):
    login(client, username)
    for code in codes:
        project = by_code(code)
        before = ReportJob.objects.count()
        assert client.post(reverse("project_reports:evaluation", args=[project.pk])).status_code == 404
        response = client.post(
            reverse("wulian:report_request", args=["project_evaluation"]),
            {"project_evaluation-project": project.pk},
            follow=True,
        )
        assert ReportJob.objects.count() == before, code
        assert "评估" not in "".join(job.filename for job in ReportJob.objects.filter(user__username=username))
        assert response.status_code == 200


def test_a_report_job_forged_for_anothers_evaluation_builds_nothing(demo):
    """Even a job row naming another agency's project and evaluation (the builder runs as its requester)."""
    from projects.reports import chosen_evaluation
    from wulian.models import User

    failed = by_code("眉县-2025-002")
    user = User.objects.get(username="agency")
    assert chosen_evaluation(failed, user=user) is None
    evaluation = failed.evaluations.first()
    assert chosen_evaluation(failed, evaluation.pk, user=user) is None
    assert chosen_evaluation(failed, user=User.objects.get(username="chunhui")) is not None


def attach(owner, name):
    from django.core.files.base import ContentFile

    return Attachment.objects.create(owner=owner, kind="other", file=ContentFile(PDF, name=name), original_name=name,
                                     mime_type="application/pdf", size=len(PDF))


def test_an_agency_cannot_download_the_files_of_anothers_contract(demo, client):
    """Files of 春晖's project 4: of the project itself and of its milestone (evidence)."""
    project = by_code("眉县-2026-002")
    files = [attach(project, "合同附件.pdf"), attach(project.milestones.first(), "里程碑佐证.pdf")]
    login(client, "chunhui")
    for attachment in files:
        assert client.get(attachment.get_absolute_url()).status_code == 200
    login(client, "agency")
    for attachment in files:
        assert client.get(attachment.get_absolute_url()).status_code == 404
    # Nor a file of a project open for bids it is not a party to (the notice is all that is public of it).
    review = attach(Project.objects.get(status="published"), "评审意见.pdf")
    login(client, "chunhui")
    assert client.get(review.get_absolute_url()).status_code == 404
    login(client, "bureau")
    assert client.get(review.get_absolute_url()).status_code == 200


def test_search_and_pickers_find_no_project_of_another_agency(demo, client):
    failed = by_code("眉县-2025-002")
    login(client, "agency")
    found = client.get(reverse("projects:project_list"), {"q": "四点半"}).content.decode()
    assert failed.title not in found
    from wulian.pickers import model_key

    picked = client.get(reverse("wulian:pick", args=[model_key(Project)]), {"q": "四点半"})
    assert failed.title not in picked.content.decode()
    api = client.get("/api/projects/", {"search": "四点半"}).content.decode()
    assert failed.title not in api


def test_a_losing_bidders_bid_page_links_to_the_public_page_of_the_project(demo, client):
    """春晖 bid on project 1 (awarded to 仁和): its bid page opens, and names the project with a link to the public
    page it may read, not to the project page that answers it 404."""
    from projects.models import Bid

    project = by_code("眉县-2025-001")
    bid = Bid.objects.get(project=project, agency__name="眉县春晖社会工作服务中心")
    login(client, "chunhui")
    assert client.get(project.get_absolute_url()).status_code == 404
    page = client.get(bid.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert project.get_absolute_url() not in html
    public_url = reverse("public_projects:detail", args=[project.pk])
    assert f'href="{public_url}"' in html and project.title in html
    assert client.get(public_url).status_code == 200
