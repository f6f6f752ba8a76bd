"""The region tree: level rules, and "everything under" as one query."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wulian.choices import CommunityKind, RegionLevel
from wulian.forms import RegionForm
from wulian.models import Region


def test_a_child_must_sit_exactly_one_level_below_its_parent(cast):
    with pytest.raises(ValidationError) as err:
        Region.objects.add_child(cast.mei, {"name": "越级社区", "level": RegionLevel.COMMUNITY, "kind": CommunityKind.URBAN})
    assert "level" in err.value.message_dict
    assert not Region.objects.filter(name="越级社区").exists()


def test_a_town_under_a_county_is_accepted(cast):
    town = Region.objects.add_child(cast.mei, {"name": "新设镇", "level": RegionLevel.TOWN})
    assert town.parent == cast.mei
    assert town.level == cast.mei.level + 1


def test_only_communities_are_urban_or_rural(cast):
    with pytest.raises(ValidationError):
        Region.objects.add_child(cast.mei, {"name": "城镇镇", "level": RegionLevel.TOWN, "kind": CommunityKind.URBAN})
    with pytest.raises(ValidationError):
        Region.objects.add_child(cast.shoushan, {"name": "无类型社区", "level": RegionLevel.COMMUNITY})


def test_everything_under_a_node_is_one_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = set(Region.objects.under(cast.shoushan).values_list("name", flat=True))
    assert {"首善街道", "滨河社区", "景贤社区", "迎宾社区", "东关社区"} <= names
    assert "横渠镇" not in names and "崖下村" not in names


def test_full_name_reads_from_the_county_down(cast):
    assert cast.binhe.full_name == "眉县/首善街道/滨河社区"


def test_region_form_reports_a_wrong_level_in_chinese(cast, settings):
    form = RegionForm(
        data={"parent": cast.mei.pk, "name": "错层社区", "level": RegionLevel.COMMUNITY, "kind": "urban"},
        user=cast.user_bureau,
    )
    assert not form.is_valid()
    assert "不能直接设在" in " ".join(form.errors["level"])


def test_bureau_adds_a_village_through_the_page(as_user, cast):
    client = as_user("bureau")
    response = client.post(
        reverse(Region.url_name("add")),
        {"parent": cast.hengqu.pk, "name": "新建村", "level": RegionLevel.COMMUNITY, "kind": "rural", "population": 1200},
    )
    assert response.status_code == 302
    village = Region.objects.get(name="新建村")
    assert village.parent == cast.hengqu
    assert village.population == 1200


def test_bureau_cannot_pick_a_parent_outside_its_county(as_user, cast):
    outside = Region.objects.add_root({"name": "安徽省", "level": RegionLevel.PROVINCE})
    client = as_user("bureau")
    response = client.post(
        "/core/regions/add/", {"parent": outside.pk, "name": "越界市", "level": RegionLevel.CITY}
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert not Region.objects.filter(name="越界市").exists()
