"""Searchable pickers: the scoped endpoint, forms that render only the chosen option, forged ids refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organizations.models import SocialOrganization
from stations.models import Station
from volunteers.models import Volunteer
from volunteers.testing import make_volunteer, valid_id_number
from wulian import pickers
from wulian.choices import RegionLevel


def pick(client, key, q="", f=None):
    params = {"q": q}
    if f is not None:
        params["f"] = f
    return client.get(reverse("wulian:pick", args=[key]), params)


def texts(response):
    return [r["text"] for r in response.json()["results"]]


# Which cast member may ask for which model at all (the rest get 404); written out by hand.
MAY_PICK = {
    "wulian.region": {"bureau", "shoushan", "hengqu", "binhe", "leader"},
    "stations.station": {"bureau", "shoushan", "hengqu", "binhe", "leader"},
    "volunteers.volunteer": {"bureau", "shoushan", "hengqu", "binhe", "leader"},
    "wulian.agency": {"bureau", "shoushan", "hengqu", "binhe", "leader", "agency"},
}


@pytest.mark.parametrize("username", ["bureau", "shoushan", "hengqu", "binhe", "agency", "evaluator", "leader"])
@pytest.mark.parametrize("key", sorted(MAY_PICK))
def test_the_endpoint_answers_404_for_a_model_the_role_may_not_see(as_user, username, key):
    response = pick(as_user(username), key)
    assert response.status_code == (200 if username in MAY_PICK[key] else 404)


def test_a_town_worker_finds_nothing_of_another_town(as_user, cast):
    hengqu = as_user("hengqu")
    assert texts(pick(hengqu, "wulian.region", "首善")) == []
    assert texts(pick(hengqu, "wulian.region", "滨河")) == []
    names = texts(pick(hengqu, "wulian.region", "横渠"))
    assert "眉县 / 横渠镇" in names and "横渠镇 / 崖下村" in names
    assert all("首善" not in name for name in texts(pick(hengqu, "wulian.region")))


def test_typing_a_towns_name_offers_its_communities_labelled_by_parent(as_user, cast):
    names = texts(pick(as_user("bureau"), "wulian.region", "首善"))
    assert names[0] == "眉县 / 首善街道"
    assert {"首善街道 / 滨河社区", "首善街道 / 景贤社区"} <= set(names)
    assert all(name.startswith(("眉县 / 首善街道", "首善街道 / ")) for name in names)


def test_a_community_worker_gets_only_their_own_volunteers(as_user, cast):
    mine = make_volunteer(cast.binhe, name="王小明")
    other = make_volunteer(cast.hengqu_village, name="王大明")
    response = pick(as_user("binhe"), "volunteers.volunteer", "王")
    values = {r["value"] for r in response.json()["results"]}
    assert values == {str(mine.pk)}
    assert texts(response) == [f"滨河社区 / 王小明（{mine.volunteer_number}）"]
    assert str(other.pk) in {r["value"] for r in pick(as_user("bureau"), "volunteers.volunteer", "王").json()["results"]}


def test_the_signed_narrowing_applies_and_a_forged_one_is_refused(as_user, cast):
    client = as_user("bureau")
    communities_only = pickers.sign_filters({"level__in": [int(RegionLevel.COMMUNITY)]})
    names = texts(pick(client, "wulian.region", "首善", communities_only))
    assert names and all(name.startswith("首善街道 / ") for name in names)
    forged = communities_only[:-2] + ("aa" if not communities_only.endswith("aa") else "bb")
    assert pick(client, "wulian.region", "", forged).status_code == 404
    assert pick(client, "wulian.nosuchmodel").status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, cast):
    response = pick(client, "wulian.region")
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_endpoint_costs_the_same_queries_however_many_rows_match(as_user, cast, django_assert_max_num_queries):
    client = as_user("bureau")
    for i in range(40):
        make_volunteer(cast.binhe, name=f"张{i}")
    with django_assert_max_num_queries(6):
        response = pick(client, "volunteers.volunteer", "张")
    assert len(response.json()["results"]) == pickers.PICK_LIMIT and response.json()["more"] is True


def test_a_long_list_renders_only_the_chosen_option(as_user, cast, monkeypatch):
    monkeypatch.setattr(pickers, "SMALL_LIST", 3)
    volunteer = make_volunteer(cast.jingxian)
    body = as_user("bureau").get(reverse("volunteers:volunteer_edit", args=[volunteer.pk])).content.decode()
    select = body[body.index('name="community"') - 200 : body.index("</select>", body.index('name="community"'))]
    assert 'data-pick-url="/core/pick/wulian.region/?f=' in select
    assert select.count("<option") == 2  # the empty choice and the chosen community
    assert f'value="{cast.jingxian.pk}" selected' in select and "首善街道 / 景贤社区" in select


def test_a_short_list_renders_whole_and_its_only_choice_is_preselected(as_user, cast):
    body = as_user("binhe").get(reverse("volunteers:volunteer_add")).content.decode()
    select = body[body.index('name="community"') : body.index("</select>", body.index('name="community"'))]
    assert f'value="{cast.binhe.pk}" selected' in select
    assert "首善街道 / 滨河社区" in select


def test_list_filters_render_no_option_beyond_the_chosen_one(as_user, cast, monkeypatch):
    monkeypatch.setattr(pickers, "SMALL_LIST", 3)
    body = as_user("bureau").get(reverse("volunteers:volunteer_list"), {"region": cast.binhe.pk}).content.decode()
    start = body.index('id="id_region"')
    select = body[start : body.index("</select>", start)]
    assert select.count("<option") == 2 and "首善街道 / 滨河社区" in select


def test_a_forged_out_of_scope_community_is_refused(as_user, cast):
    client = as_user("binhe")
    data = {
        "name": "李四",
        "id_type": "resident_id",
        "id_number": valid_id_number(991),
        "phone": "13900001111",
        "community": cast.hengqu_village.pk,  # another town's village
        "registered_on": "2024-03-01",
        "status": "active",
    }
    response = client.post(reverse("volunteers:volunteer_add"), data)
    assert response.status_code == 200
    assert "community" in response.context["form"].errors
    assert not Volunteer.objects.filter(name="李四").exists()


def test_a_forged_federation_of_another_town_is_refused(as_user, cast):
    other = SocialOrganization.objects.create(
        region=cast.hengqu, name="横渠镇社区社会组织联合会", category="other", status="filed", is_federation=True
    )
    data = {"region": cast.binhe.pk, "name": "滨河读书会", "category": "culture_sports", "status": "filed",
            "members_count": 5, "federation": other.pk}
    response = as_user("binhe").post(reverse("organizations:socialorganization_add"), data)
    assert response.status_code == 200
    assert "federation" in response.context["form"].errors
    assert not SocialOrganization.objects.filter(name="滨河读书会").exists()


def test_pickers_cover_the_choices_of_forms_and_filters(as_user, cast):
    """Every region, station, agency, organisation, volunteer and staff choice is a picker."""
    from organizations.forms import AgencyForm
    from stations.filtersets import ActivityFilterSet, StaffMemberFilterSet
    from stations.forms import ActivityForm, StaffAssignmentForm, TrainingForm
    from volunteers.forms import ServiceHoursForm, VolunteerTeamForm

    user = cast.user_bureau
    fields = []
    for form in (ActivityForm(user=user), StaffAssignmentForm(user=user), TrainingForm(user=user),
                 AgencyForm(user=user), VolunteerTeamForm(user=user), ServiceHoursForm(user=user)):
        fields += [f for f in form.fields.values() if hasattr(f, "queryset")]
    request = type("R", (), {"user": user})()
    for filterset in (ActivityFilterSet(request=request, queryset=None), StaffMemberFilterSet(request=request, queryset=None)):
        fields += [f for f in filterset.form.fields.values() if hasattr(f, "queryset")]
    assert len(fields) >= 15
    for field in fields:
        assert isinstance(field.widget, pickers.PickerSelect), field


def test_stations_are_found_by_their_regions_name(as_user, cast):
    Station.objects.create(name="社区社工室（一）", tier="community_room", region=cast.binhe)
    assert texts(pick(as_user("shoushan"), "stations.station", "滨河")) == ["社区社工室（一）"]
    assert texts(pick(as_user("hengqu"), "stations.station", "滨河")) == []
