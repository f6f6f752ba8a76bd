"""The region roll-up helper: grouped once by region id (named by path in one more query), summed up the tree;
ancestors named in one query."""

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
    # Two queries whatever the number of rows: the groups by region id, then their paths.
    with django_assert_num_queries(2):
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


def test_every_regions_total_is_the_sum_of_the_groups_at_or_below_it(cast, django_assert_num_queries):
    """Summed up the tree once (each group into its ancestors), the totals are those of scanning every group
    for every region — what the roll-up did before, regions × groups at province scale."""
    from decimal import Decimal

    from wulian.rollup import prefix_totals

    for community, n in ((cast.binhe, 3), (cast.jingxian, 1), (cast.hengqu_village, 2)):
        for _ in range(n):
            make_volunteer(community)
    counts = RollUp(Volunteer.objects.all(), "community", n=Count("pk"))
    regions = list(Region.objects.all())
    with django_assert_num_queries(0):
        totals = {r.path: counts.value(r) for r in regions}
    assert totals == {r.path: sum(row["n"] for p, row in counts.groups.items() if p.startswith(r.path)) for r in regions}
    assert totals[cast.mei.path] == 6 and totals[cast.hengqu_community.path] == 0
    # A value a caller changes is its own copy; the kept sums stay.
    counts.total(cast.mei)["n"] = 99
    assert counts.value(cast.mei) == 6
    groups = {"0001": {"h": Decimal("1.5")}, "00010002": {"h": None}, "000100020003": {"h": Decimal(2)}}
    assert prefix_totals(groups, {"h": Decimal(0)}) == {
        "0001": {"h": Decimal("3.5")}, "00010002": {"h": Decimal(2)}, "000100020003": {"h": Decimal(2)},
    }
