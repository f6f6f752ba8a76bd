"""The region roll-up helper: grouped once by path, summed up the tree; ancestors named in one query."""

from __future__ import annotations

from django.db.models import Count

from tests.stations_helpers import new_community
from volunteers.models import Volunteer
from volunteers.testing import make_volunteer
from wulian.choices import RegionLevel
from wulian.models import Region
from wulian.rollup import RollUp, ancestors_at


def test_counts_roll_up_from_communities_to_towns_and_the_county(cast, django_assert_num_queries):
    for _ in range(3):
        make_volunteer(cast.binhe)
    make_volunteer(cast.jingxian)
    make_volunteer(cast.hengqu_village)
    with django_assert_num_queries(1):
        counts = RollUp(Volunteer.objects.all(), "community", n=Count("pk"))
        figures = {r: counts.value(r) for r in (cast.binhe, cast.shoushan, cast.hengqu, cast.mei, cast.hengqu_community)}
    assert figures == {cast.binhe: 3, cast.shoushan: 4, cast.hengqu: 1, cast.mei: 5, cast.hengqu_community: 0}


def test_a_region_below_the_figures_level_counts_only_its_own_groups(cast):
    make_volunteer(cast.binhe)
    counts = RollUp(Volunteer.objects.all(), "community", n=Count("pk"))
    assert counts.total(cast.jingxian) == {"n": 0}


def test_ancestors_are_named_in_one_query_whatever_the_number_of_regions(cast, django_assert_num_queries):
    extra = new_community(cast.hengqu, "新设社区")
    regions = [cast.binhe, cast.jingxian, cast.hengqu_village, extra, cast.shoushan, cast.mei]
    with django_assert_num_queries(1):
        towns = ancestors_at(regions, RegionLevel.TOWN)
    assert {r.name: towns[r.pk].name for r in regions if r.pk in towns} == {
        "滨河社区": "首善街道", "景贤社区": "首善街道", "崖下村": "横渠镇", "新设社区": "横渠镇", "首善街道": "首善街道",
    }


def test_the_ancestor_path_does_not_assume_the_root_is_a_province(db):
    county = Region.objects.add_root(instance=Region(name="独立县", level=RegionLevel.COUNTY))
    town = Region.objects.add_child(county, {"name": "某镇", "level": RegionLevel.TOWN})
    village = Region.objects.add_child(town, {"name": "某村", "level": RegionLevel.COMMUNITY, "kind": "rural"})
    assert village.ancestor_path(RegionLevel.TOWN) == town.path
    assert village.ancestor_path(RegionLevel.COUNTY) == county.path
    assert county.ancestor_path(RegionLevel.TOWN) is None
