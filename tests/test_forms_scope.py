"""Forms offer only in-scope choices and reject forged ones; nothing changes."""

from wulian.models import Agency


def test_a_town_worker_is_offered_only_its_own_town(as_user, cast):
    response = as_user("hengqu").get("/organizations/agencies/add/")
    choices = {r.name for r in response.context["form"].fields["region"].queryset}
    assert choices == {"横渠镇"}


def test_a_forged_region_from_another_town_is_rejected_on_create(as_user, cast):
    client = as_user("hengqu")
    response = client.post("/organizations/agencies/add/", {"name": "伪造机构", "region": cast.shoushan.pk})
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert "所选内容不在可选范围内" in " ".join(response.context["form"].errors["region"])
    assert not Agency.objects.filter(name="伪造机构").exists()


def test_a_forged_region_cannot_move_a_record_out_of_scope(as_user, cast):
    agency = Agency.objects.create(name="横渠机构", region=cast.hengqu)
    client = as_user("hengqu")
    response = client.post(agency.get_url("edit"), {"name": "横渠机构", "region": cast.shoushan.pk})
    assert response.status_code == 200
    agency.refresh_from_db()
    assert agency.region == cast.hengqu


def test_the_agency_cannot_change_its_registration_to_another_county(as_user, cast):
    """Agency staff edit their own agency, but its 登记地 is fixed for them (issue 23 E): a forged region is
    ignored, the rest of the record saves."""
    client = as_user("agency")
    agency = cast.agency
    response = client.post(agency.get_url("edit"), {"name": agency.name, "region": cast.hengqu.pk})
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.region == cast.mei
