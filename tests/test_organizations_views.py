"""Community social organisations: scope matrix, federation rules, the per-community summary, agencies."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.choices import OrganizationCategory, RegistrationStatus, ServiceDomain
from organizations.models import SocialOrganization
from organizations.summary import service_share
from wulian import attainment, demo
from wulian.models import Agency, Region, Target, User
from tests.matrix import ScopeMatrix


def make_org(region, name, category=OrganizationCategory.SERVICE, status=RegistrationStatus.FILED, **fields):
    if status == RegistrationStatus.REGISTERED:
        fields.setdefault("registration_number", f"REG-{name}")
    return SocialOrganization.objects.create(region=region, name=name, category=category, status=status, **fields)


class TestSocialOrganizationViews(ScopeMatrix):
    model = SocialOrganization
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = {
        "bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a",
        "agency": "", "evaluator": "", "leader": "ab",
    }
    changeable = {
        "bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a",
        "agency": "", "evaluator": "", "leader": "",
    }
    list_users = ("bureau", "shoushan", "hengqu", "binhe", "leader")
    add_users = ("bureau", "shoushan", "hengqu", "binhe")

    def make(self, cast, place, key):
        return make_org(place, f"{place.name}测试组织{key}")


def test_a_registered_organisation_needs_its_number(cast):
    org = SocialOrganization(region=cast.binhe, name="无证组织", category="service", status="registered")
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert "registration_number" in exc.value.message_dict


def test_a_member_must_join_the_federation_of_its_own_town(cast):
    federation = make_org(cast.hengqu, "横渠镇社区社会组织联合会", is_federation=True)
    org = SocialOrganization(
        region=cast.binhe, name="滨河读书会", category="other", status="filed", federation=federation
    )
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert "federation" in exc.value.message_dict
    own = make_org(cast.shoushan, "首善街道社区社会组织联合会", is_federation=True)
    org.federation = own
    org.full_clean()


def test_an_ordinary_organisation_sits_in_a_community_not_a_town(cast):
    org = SocialOrganization(region=cast.shoushan, name="街道舞蹈队", category="culture_sports", status="filed")
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert "region" in exc.value.message_dict


def test_a_town_worker_cannot_file_an_organisation_in_another_town(as_user, cast):
    client = as_user("shoushan")
    response = client.post(
        reverse("organizations:socialorganization_add"),
        {"region": cast.hengqu_village.pk, "name": "越界组织", "category": "service", "status": "filed", "members_count": 3},
    )
    assert response.status_code == 200
    assert not SocialOrganization.objects.filter(name="越界组织").exists()


def test_the_federation_page_lists_its_members(as_user, cast):
    federation = make_org(cast.shoushan, "首善街道社区社会组织联合会", is_federation=True)
    make_org(cast.binhe, "滨河社区为老服务队", federation=federation)
    response = as_user("shoushan").get(federation.get_absolute_url())
    assert "滨河社区为老服务队" in response.content.decode()


class TestCommunitySummary:
    url = reverse("organizations:community_summary")

    def test_it_counts_by_category_and_status_and_judges_the_targets(self, as_user, cast):
        for i in range(12):
            make_org(cast.binhe, f"服务组织{i}", OrganizationCategory.SERVICE, RegistrationStatus.REGISTERED)
        for i in range(3):
            make_org(cast.binhe, f"文体组织{i}", OrganizationCategory.CULTURE_SPORTS)
        for i in range(2):
            make_org(cast.jingxian, f"景贤文体{i}", OrganizationCategory.CULTURE_SPORTS)
        make_org(cast.jingxian, "景贤互助会", OrganizationCategory.MUTUAL_AID)
        response = as_user("shoushan").get(self.url)
        assert response.status_code == 200
        rows = {row.community.name: row for row in response.context["rows"]}
        binhe, jingxian = rows["滨河社区"], rows["景贤社区"]
        assert (binhe.total, binhe.service, binhe.registered, binhe.filed) == (15, 12, 12, 3)
        assert binhe.counts[OrganizationCategory.CULTURE_SPORTS] == 3
        assert binhe.meets_count and binhe.meets_share and binhe.share == Decimal("0.8000")
        assert jingxian.total == 3 and not jingxian.meets_count
        assert jingxian.share == Decimal("0.3333") and not jingxian.meets_share
        assert "横渠社区" not in rows  # another town
        body = response.content.decode()
        assert "≥ 15 个" in body

    def test_exactly_half_service_kinds_is_not_more_than_half(self, cast):
        target = attainment.target_for(cast.binhe, "orgs_service_share")  # 眉县 000 §二: more than 50 %
        assert (target.comparator, target.threshold, target.clause) == ("gt", 50, "000 §二")
        assert not target.compare(service_share(5, 10) * 100)
        assert target.compare(service_share(6, 10) * 100)
        assert service_share(0, 0) is None

    def test_a_rural_village_needs_five_and_an_urban_community_fifteen(self, cast):
        village = attainment.target_for(cast.hengqu_village, "orgs_per_community")
        assert village.compare(5) and not village.compare(4)
        urban = attainment.target_for(cast.binhe, "orgs_per_community")
        assert urban.compare(15) and not urban.compare(14)

    def test_each_county_is_held_to_its_own_document(self, client, cast):
        """眉县 urban community ≥ 15 (000 §二) and more than half service kinds; 淮南 urban community ≥ 10,
        ≥ 5 registered and ≥ 5 filed (004), no service-share standard — in one installation."""
        district = demo.load_huainan()
        demo.load_huainan_users(district, password="x")
        dongshan = Region.objects.get(name="洞山社区")
        for i in range(10):  # the same ten organisations in each: 5 registered service, 5 filed culture
            category = OrganizationCategory.SERVICE if i < 5 else OrganizationCategory.CULTURE_SPORTS
            status = RegistrationStatus.REGISTERED if i < 5 else RegistrationStatus.FILED
            make_org(cast.binhe, f"滨河组织{i}", category, status)
            make_org(dongshan, f"洞山组织{i}", category, status)

        client.force_login(cast.user_bureau)
        response = client.get(self.url)
        binhe = next(r for r in response.context["rows"] if r.community.pk == cast.binhe.pk)
        assert binhe.count_target.profile.code == "meixian2022" and binhe.target == 15
        assert binhe.meets_count is False and binhe.meets_share is False  # 10 < 15; 50 % is not more than 50 %
        assert binhe.meets_registered is None and binhe.meets_filed is None  # 眉县 sets none
        assert not binhe.meets_targets
        body = response.content.decode()
        assert "眉县五社联动试点方案 (2022) 000 §二" in body and "≥ 15 个" in body and "&gt; 50 %" in body
        assert "淮南" not in body

        client.force_login(User.objects.get(username="tianjiaan"))
        response = client.get(self.url)
        rows = {r.community.name: r for r in response.context["rows"]}
        assert "滨河社区" not in rows
        hn = rows["洞山社区"]
        assert hn.count_target.profile.code == "huainan2020" and hn.target == 10
        assert hn.meets_count is True and hn.meets_registered is True and hn.meets_filed is True
        assert hn.share_target is None and hn.meets_share is None  # 淮南 sets no share: no standard, not 眉县's
        assert hn.meets_targets
        assert rows["林场村"].target == 5  # a rural village: ≥ 5 家
        body = response.content.decode()
        assert "淮南市三社联动试点实施意见" in body and "≥ 10 家" in body and "未设标准" in body
        assert "眉县" not in body and "≥ 15" not in body
        assert response.context["met"] == 1  # 洞山社区 only
        # The home page's figure is the same verdict, read the light way, for either county's account.
        from organizations.summary import community_summary, meeting_count

        for user in (User.objects.get(username="tianjiaan"), cast.user_bureau):
            communities = Region.objects.restrict(user)
            rows = community_summary(communities)
            assert meeting_count(communities) == (sum(r.meets_targets for r in rows), len(rows))
        huainan = Region.objects.restrict(User.objects.get(username="tianjiaan"))
        met, counted = meeting_count(huainan)
        assert met == 1 and counted == huainan.filter(level=5).count()
        home = client.get(reverse("home")).content.decode()  # still logged in as tianjiaan
        assert f"{met} / {counted}" in home

    def test_an_admin_changing_a_threshold_changes_the_verdict(self, as_user, cast):
        for i in range(12):
            make_org(cast.binhe, f"服务组织{i}")
        client = as_user("shoushan")
        row = next(r for r in client.get(self.url).context["rows"] if r.community.pk == cast.binhe.pk)
        assert row.meets_count is False and not row.meets_targets
        target = Target.objects.get(profile__code="meixian2022", indicator="orgs_per_community", level="urban_community")
        target.threshold = Decimal("12")
        target.save()
        response = client.get(self.url)
        row = next(r for r in response.context["rows"] if r.community.pk == cast.binhe.pk)
        assert row.meets_count is True and row.meets_targets
        assert "≥ 12 个" in response.content.decode()
        target.status = "rejected"  # a rejected target does not count: no standard at all
        target.save()
        row = next(r for r in client.get(self.url).context["rows"] if r.community.pk == cast.binhe.pk)
        assert row.count_target is None and row.meets_count is None

    def test_the_queries_do_not_grow_with_the_communities(self, as_user, cast):
        client = as_user("bureau")
        make_org(cast.binhe, "一个组织")
        with CaptureQueriesContext(connection) as few:
            assert client.get(self.url).status_code == 200
        town = Region.objects.get(pk=cast.shoushan.pk)
        for i in range(12):
            demo.child(town, f"新建社区{i}", 5, kind="urban" if i % 2 else "rural")
        with CaptureQueriesContext(connection) as many:
            response = client.get(self.url)
        assert len({r.community.pk for r in response.context["rows"]}) >= 14
        assert sum(1 for r in response.context["rows"] if r.count_target is not None) == response.context["total"]
        assert len(many) == len(few)

    def test_it_costs_the_same_queries_at_any_size(self, as_user, cast):
        client = as_user("bureau")
        make_org(cast.binhe, "一个组织")
        with CaptureQueriesContext(connection) as few:
            assert client.get(self.url).status_code == 200
        for i in range(30):
            make_org(cast.hengqu_village if i % 2 else cast.jingxian, f"更多组织{i}")
        with CaptureQueriesContext(connection) as many:
            assert client.get(self.url).status_code == 200
        assert len(many) == len(few)
        # Three read the policy targets of every community at once; one judges every community on its four
        # counts, one reads the rows of the page only (a province has 9,000 communities, a page shows 100).
        assert len(many) <= 14

    def test_a_later_page_shows_its_own_rows_and_still_judges_every_community(self, as_user, cast, monkeypatch):
        """The rows are built for the page shown only (a province's 9,000 communities took 0.8 s to build all);
        the count of communities meeting their targets and the documents still cover all of them."""
        from organizations import views
        from organizations.summary import community_summary

        monkeypatch.setattr(views, "SUMMARY_ROWS_PER_PAGE", 2)
        for i in range(15):
            make_org(cast.binhe, f"服务组织{i}", OrganizationCategory.SERVICE, RegistrationStatus.REGISTERED)
        make_org(cast.jingxian, "读书会", OrganizationCategory.CULTURE_SPORTS)
        client = as_user("bureau")
        communities = Region.objects.restrict(User.objects.get(username="bureau")).filter(level=5)
        every = community_summary(communities)
        assert len(every) > 4
        response = client.get(self.url, {"page": 2})
        assert [r.community.pk for r in response.context["rows"]] == [r.community.pk for r in every[2:4]]
        assert response.context["total"] == len(every)
        assert response.context["met"] == sum(r.meets_targets for r in every) > 0
        assert [s.profile.pk for s in response.context["standards"]] == list(
            dict.fromkeys(t.profile_id for r in every for t in r.targets.values())
        )

    def test_the_grouped_verdicts_equal_the_rows_with_a_target_naming_one_community(self, as_user, cast):
        """The count meeting their targets is judged per case in the database (same document, level, kind and
        counts); a target naming one community (the pilot) sets that community apart from its look-alikes."""
        from organizations.summary import community_summary, judged, standards_of

        for community in (cast.binhe, cast.jingxian):
            for i in range(16):
                make_org(community, f"服务组织{i}", OrganizationCategory.SERVICE, RegistrationStatus.REGISTERED)
        communities = Region.objects.restrict(User.objects.get(username="bureau")).filter(level=5)
        rows = {r.community.pk: r for r in community_summary(communities)}
        assert rows[cast.binhe.pk].meets_targets and rows[cast.jingxian.pk].meets_targets
        assert judged(communities)[:2] == (sum(r.meets_targets for r in rows.values()), len(rows))
        usual = Target.objects.get(profile__code="meixian2022", indicator="orgs_per_community", level="urban_community")
        pilot = Target.objects.create(
            profile=usual.profile, indicator=usual.indicator, level=usual.level, comparator="gte",
            threshold=Decimal("20"), status="accepted", position=usual.position,
        )
        pilot.regions.add(cast.binhe)  # the pilot community is held to 20, its look-alike 景贤 still to 15
        rows = {r.community.pk: r for r in community_summary(communities)}
        assert not rows[cast.binhe.pk].meets_targets and rows[cast.jingxian.pk].meets_targets
        met, total, standards = judged(communities)
        assert (met, total) == (sum(r.meets_targets for r in rows.values()), len(rows))
        assert as_user("bureau").get(self.url).context["met"] == met
        listed = standards_of(community_summary(communities))  # what the page's rows follow, in their order
        assert [(s.profile.pk, [t.pk for t in s.targets]) for s in standards] == [
            (s.profile.pk, [t.pk for t in s.targets]) for s in listed
        ]
        assert pilot in listed[0].targets and usual in listed[0].targets

    def test_agency_staff_may_not_open_it(self, as_user):
        assert as_user("agency").get(self.url).status_code == 403

    def test_it_exports_to_excel(self, as_user, cast):
        make_org(cast.binhe, "导出组织")
        response = as_user("shoushan").get(self.url, {"export": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_agency_page_shows_its_domains_and_certified_staff(as_user, cast):
    agency = Agency.objects.create(
        name="测试社工机构",
        region=cast.shoushan,
        certified_staff_count=7,
        qualifications="3A级社会组织",
        service_domains=[ServiceDomain.ELDERLY_CARE, ServiceDomain.RURAL_REVITALISATION],
    )
    body = as_user("shoushan").get(agency.get_absolute_url()).content.decode()
    assert "养老服务" in body and "乡村振兴" in body and "3A级社会组织" in body
    assert 'id="certified-staff">7<' in body


def test_agency_domains_filter(as_user, cast):
    Agency.objects.create(name="养老机构", region=cast.shoushan, service_domains=[ServiceDomain.ELDERLY_CARE])
    Agency.objects.create(name="儿童机构", region=cast.shoushan, service_domains=[ServiceDomain.CHILD_WELFARE])
    body = as_user("bureau").get(reverse("organizations:agency_list"), {"service_domain": "elderly_care"}).content.decode()
    assert "养老机构" in body and "儿童机构" not in body


def test_the_agency_page_shows_its_stations_and_class_hours_against_48(as_user, cast):
    import datetime as dt
    from decimal import Decimal

    from stations.choices import StationTier, TrainingKind
    from stations.models import AgencyPlacement, Station, Training

    station = Station.objects.create(name="滨河社区社工室", tier=StationTier.COMMUNITY_ROOM, region=cast.binhe)
    AgencyPlacement.objects.create(agency=cast.agency, station=station, start_date=dt.date(2023, 1, 1))
    for day in (1, 2):  # two sessions alike in everything but the day: both count
        t = Training.objects.create(
            topic=f"实务培训{day}", date=dt.date(2023, 3, day), hours=Decimal("20"), kind=TrainingKind.PRACTICE,
            organizer=station,
        )
        t.agencies.add(cast.agency)
    for username in ("bureau", "agency"):
        body = as_user(username).get(cast.agency.get_absolute_url()).content.decode()
        assert "滨河社区社工室" in body, username
        assert "<td>2023</td><td class=\"text-end\">40.0</td><td class=\"text-end\">2</td>" in body, username
        assert "未达标" in body, username
