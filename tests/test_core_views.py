"""Scope matrix of the core's and the spine's pages: regions and agencies."""

from tests.matrix import ScopeMatrix
from wulian.choices import CommunityKind, RegionLevel
from wulian.models import Agency, Region


class TestRegionViews(ScopeMatrix):
    model = Region
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = {
        "bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a",
        "agency": "", "evaluator": "", "leader": "ab",
    }
    changeable = {
        "bureau": "ab", "shoushan": "", "hengqu": "", "binhe": "",
        "agency": "", "evaluator": "", "leader": "",
    }
    list_users = ("bureau", "shoushan", "hengqu", "binhe", "leader")
    add_users = ("bureau",)

    def make(self, cast, place, key):
        if key.startswith("extra"):
            town = place.parent
            return Region.objects.add_child(
                town, {"name": f"新村{key}", "level": RegionLevel.COMMUNITY, "kind": CommunityKind.RURAL}
            )
        return place


class TestAgencyViews(ScopeMatrix):
    model = Agency
    places = {"a": "shoushan", "b": "hengqu"}
    visible = {
        "bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "",
        "agency": "", "evaluator": "", "leader": "ab",
    }
    changeable = {
        "bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "",
        "agency": "", "evaluator": "", "leader": "",
    }
    deletable = {
        "bureau": "ab", "shoushan": "", "hengqu": "", "binhe": "",
        "agency": "", "evaluator": "", "leader": "",
    }
    list_users = ("bureau", "shoushan", "hengqu", "binhe", "agency", "leader")
    add_users = ("bureau", "shoushan", "hengqu")

    def make(self, cast, place, key):
        return Agency.objects.create(name=f"{place.name}测试社工机构{key}", region=place, cultivated_by=place)


def test_agency_staff_see_and_edit_their_own_agency(as_user, cast):
    client = as_user("agency")
    own = cast.agency
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(own.get_url("edit")).status_code == 200
    assert client.get(own.get_url("delete")).status_code == 404


def test_the_region_filter_keeps_rows_at_or_below_the_chosen_region(as_user, cast):
    Agency.objects.create(name="首善筛选机构", region=cast.shoushan)
    Agency.objects.create(name="横渠筛选机构", region=cast.hengqu)
    body = as_user("bureau").get("/organizations/agencies/", {"region": cast.shoushan.pk}).content.decode()
    assert "首善筛选机构" in body and "横渠筛选机构" not in body


def test_a_region_outside_scope_is_not_a_valid_filter(as_user, cast):
    Agency.objects.create(name="横渠筛选机构", region=cast.hengqu)
    response = as_user("shoushan").get("/organizations/agencies/", {"region": cast.hengqu.pk})
    assert response.status_code == 200
    assert "横渠筛选机构" not in response.content.decode()
    assert "region" in response.context["filter_form"].errors


def test_yes_no_filters_offer_a_blank_choice_not_unknown(as_user):
    body = as_user("bureau").get("/core/users/").content.decode()
    select = body.split('name="is_active"')[1].split("</select>")[0]
    assert ">全部<" in select and "---------" not in select and "未知" not in select
    assert '<option value="true">是</option>' in select


def test_downloads_keep_their_chinese_file_names(as_user, cast):
    from urllib.parse import quote

    client = as_user("bureau")
    export = client.get("/organizations/agencies/", {"export": "xlsx"})
    assert export["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert quote("社会工作服务机构") in export["Content-Disposition"]
    template = client.get("/stations/staff/import/", {"template": 1})
    assert template["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    assert quote("导入模板.xlsx") in template["Content-Disposition"]
