"""The public page of service projects (/public/projects/): no login, published facts only, no personal data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.choices import ProcurementMethod, ProjectStatus
from projects.models import Agreement, Bid, Project
from projects.testing import People, advance, agency_user, make_bid, make_project, people_of, second_agency
from wulian.choices import RegionLevel
from wulian.demo import load_huainan, load_huainan_users
from wulian.workflow import perform

pytestmark = pytest.mark.django_db
S = ProjectStatus


def walk(cast, people, title, target, region=None, **kwargs):
    if region is not None and region.path.startswith(cast.hengqu.path):
        people = People(bureau=people.bureau, town=cast.user_hengqu, agency=people.agency, evaluator=people.evaluator)
    project = make_project(region or cast.binhe, proposer=people.town, title=title)
    return advance(project, target, people, **kwargs)


@pytest.fixture
def pipeline(cast):
    return build_pipeline(cast)


def build_pipeline(cast):
    """One project in each step; a rival agency bids on the published one."""
    people = people_of(cast)
    rival = second_agency(cast.mei, "眉县同心社会工作服务社")
    rival_user = agency_user(rival, "tongxin")
    p = SimpleNamespace(people=people, rival=rival)
    p.draft = walk(cast, people, "草稿项目甲", S.DRAFT)
    p.submitted = walk(cast, people, "待审核项目乙", S.SUBMITTED)
    p.returned = walk(cast, people, "已退回项目丙", S.SUBMITTED)
    perform(people.bureau, Project, p.returned.pk, "return", "预算依据不足")
    p.approved = walk(cast, people, "已立项未发布项目丁", S.APPROVED)
    p.published = walk(cast, people, "公告中的项目戊", S.PUBLISHED)
    p.rival_bid = make_bid(p.published, rival, rival_user, price=Decimal("123456.78"))
    p.cancelled = walk(cast, people, "已终止项目己", S.PUBLISHED)
    perform(people.bureau, Project, p.cancelled.pk, "cancel", "重复立项")
    p.awarded = walk(cast, people, "已确定承接机构项目庚", S.AWARDED)
    p.agency_signed = walk(cast, people, "机构已签署项目辛", S.AGENCY_SIGNED)
    p.contracted = walk(cast, people, "已签约项目壬", S.CONTRACTED, region=cast.hengqu_community)
    p.single = walk(cast, people, "单一来源项目癸", S.IN_SERVICE, method=ProcurementMethod.SINGLE_SOURCE)
    p.accepted = walk(cast, people, "已验收项目子", S.ACCEPTED)
    return p


PUBLIC = ("published", "awarded", "agency_signed", "contracted", "single", "accepted")
HIDDEN = ("draft", "submitted", "returned", "approved", "cancelled")


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_published_projects_and_nothing_unpublished_without_login(client, pipeline):
    html = page(client, reverse("public_projects:list"))
    for name in PUBLIC:
        assert getattr(pipeline, name).title in html, name
    for name in HIDDEN:
        assert getattr(pipeline, name).title not in html, name
    assert "共 6 个项目" in html


def test_unpublished_projects_answer_404(client, pipeline):
    for name in HIDDEN:
        assert client.get(reverse("public_projects:detail", args=[getattr(pipeline, name).pk])).status_code == 404
    for name in PUBLIC:
        assert client.get(reverse("public_projects:detail", args=[getattr(pipeline, name).pk])).status_code == 200


def test_award_contract_and_grade_appear_only_from_their_step(client, pipeline, cast):
    def detail(name):
        return page(client, reverse("public_projects:detail", args=[getattr(pipeline, name).pk]))

    published = detail("published")
    assert cast.agency.name not in published  # nobody is awarded yet; bidders are not named
    assert pipeline.rival.name not in published
    assert "123,456.78" not in published and "123456.78" not in published  # a bid's price

    awarded = detail("awarded")
    assert cast.agency.name in awarded
    assert pipeline.rival.name not in awarded

    # Signed by the agency only: the agreement is not public yet.
    signed = detail("agency_signed")
    agreement = Agreement.objects.get(project=pipeline.agency_signed)
    assert agreement.number not in signed

    contracted = detail("contracted")
    agreement = Agreement.objects.get(project=pipeline.contracted)
    assert agreement.number in contracted
    assert f"{agreement.amount:,.2f}" in contracted
    assert "开展成长小组" in contracted  # a performance target
    assert "首期款" in contracted  # a payment milestone
    assert 'id="public-grade"' not in contracted

    accepted = detail("accepted")
    assert 'id="public-grade"' in accepted and "良好" in accepted
    assert "单一来源" in detail("single")


def test_no_personal_data_on_any_public_page(client, pipeline, cast):
    pages = [page(client, reverse("public_projects:list"))]
    pages += [page(client, reverse("public_projects:detail", args=[getattr(pipeline, n).pk])) for n in PUBLIC]
    text = "".join(pages)
    people = [cast.user_bureau, cast.user_shoushan, cast.user_agency, cast.user_evaluator, cast.user_binhe]
    for user in people:
        assert user.display_name not in text, user.username
    agency = cast.agency
    for private in (agency.phone, agency.contact_person, agency.legal_representative, agency.address, "社工1", "S0"):
        if private:
            assert private not in text, private
    assert "预算依据不足" not in text  # a review's reasons stay inside
    assert "综合评分第一" not in text  # the award's reasons discuss the bids


def test_filters_by_county_and_year(client, pipeline, cast):
    load_huainan_users(load_huainan())
    district = cast.mei.__class__.objects.get(name="田家庵区")
    people = pipeline.people
    district_bureau = type(people.bureau).objects.get(username="tianjiaan")
    town = type(district).objects.filter(path__startswith=district.path, level=RegionLevel.TOWN).first()
    other = make_project(town, proposer=district_bureau, title="洞山街道三社联动项目", year=2021)
    advance(other, S.PUBLISHED, People(bureau=district_bureau, town=district_bureau, agency=people.agency,
                                       evaluator=people.evaluator))
    everything = page(client, reverse("public_projects:list"))
    assert "洞山街道三社联动项目" in everything and "田家庵区" in everything

    mei_only = page(client, reverse("public_projects:list"), county=cast.mei.pk)
    assert "洞山街道三社联动项目" not in mei_only and pipeline.accepted.title in mei_only
    huainan = page(client, reverse("public_projects:list"), county=district.pk)
    assert "洞山街道三社联动项目" in huainan and pipeline.accepted.title not in huainan
    year_2021 = page(client, reverse("public_projects:list"), year=2021)
    assert "洞山街道三社联动项目" in year_2021 and pipeline.accepted.title not in year_2021
    # Nonsense filters are ignored, never an error.
    assert pipeline.accepted.title in page(client, reverse("public_projects:list"), county="x'; --", year="abc")
    assert pipeline.accepted.title in page(client, reverse("public_projects:list"), county=cast.shoushan.pk)  # not a county


def test_newest_notice_first(client, pipeline):
    from projects.models import Notice

    Notice.objects.filter(project=pipeline.accepted).update(published_at=timezone.now() + dt.timedelta(minutes=5))
    Notice.objects.filter(project=pipeline.published).update(published_at=timezone.now() - dt.timedelta(days=400))
    html = page(client, reverse("public_projects:list"))
    assert html.index(pipeline.accepted.title) < html.index(pipeline.awarded.title) < html.index(pipeline.published.title)


def test_the_list_costs_the_same_queries_at_any_size(client, pipeline, cast, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page(client, reverse("public_projects:list"))
    for i in range(6):
        walk(cast, pipeline.people, f"加测项目{i}", S.CONTRACTED)
    with django_assert_max_num_queries(8):
        html = page(client, reverse("public_projects:list"))
    assert "加测项目5" in html


def test_a_bid_is_never_public(client, pipeline):
    bid = Bid.objects.filter(project=pipeline.awarded).first()
    html = page(client, reverse("public_projects:detail", args=[pipeline.awarded.pk]))
    assert bid.proposal not in html


@pytest.fixture
def visitor(chromium):
    """A browser of the public (no login) that lets axe-core in (the portal's CSP stays strict for users)."""
    from tests.browser import PHONE

    contexts = []

    def make(phone: bool):
        size = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {"viewport": {"width": 1280, "height": 860}}
        context = chromium.new_context(locale="zh-CN", bypass_csp=True, **size)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_public_pages_in_chromium_are_accessible_and_print_plainly(live_server, browser_cast, visitor, phone):
    from tests.browser import screenshot
    from tests.test_accessibility import AXE, axe_violations

    assert AXE.exists()
    people = people_of(browser_cast)
    accepted = walk(browser_cast, people, "滨河社区“银龄守护”关爱服务项目", S.ACCEPTED)
    walk(browser_cast, people, "景贤社区困境儿童关爱项目", S.PUBLISHED, region=browser_cast.jingxian)
    page = visitor(phone)
    page.goto(live_server.url + reverse("public_projects:list"))
    assert page.locator("#public-projects tbody tr").count() == 2
    assert axe_violations(page) == []
    page.select_option("#filter-county", label="眉县")
    with page.expect_navigation():  # a click waits for the next page to commit, not to load: wait for its rows
        page.click("#public-filter button[type=submit]")
    assert "county=" in page.url and page.locator("#public-projects tbody tr").count() == 2
    screenshot(page, f"public-projects-{'phone' if phone else 'desktop'}")
    page.click(f"text={accepted.title}")
    assert page.locator("#public-grade").inner_text() == "良好"
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    assert not page.locator("#public-filter").count() or not page.locator(".no-print").first.is_visible()
    screenshot(page, f"public-project-{'phone' if phone else 'desktop'}")


def test_a_notice_past_its_deadline_reads_under_evaluation(client, pipeline):
    from projects.testing import close_bidding

    open_label, closed_label = '<span class="text-muted">公告中</span>', '<span class="text-muted">评审中</span>'
    html = page(client, reverse("public_projects:list"))
    assert open_label in html and closed_label not in html
    close_bidding(pipeline.published)
    html = page(client, reverse("public_projects:list"))
    assert closed_label in html and open_label not in html
