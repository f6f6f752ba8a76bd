"""The REST API answers under the same scope rule as the pages."""

import pytest
from django.urls import reverse

from wulian.models import Agency


@pytest.fixture
def agencies(cast):
    return {
        "shoushan": Agency.objects.create(name="首善API机构", region=cast.shoushan),
        "hengqu": Agency.objects.create(name="横渠API机构", region=cast.hengqu),
    }


def names(response):
    return {row["name"] for row in response.json()["results"]}


def test_the_api_needs_a_login(client, db):
    assert client.get("/api/agencies/").status_code in (401, 403)


def test_a_town_worker_lists_only_its_towns_agencies(as_user, agencies):
    response = as_user("hengqu").get("/api/agencies/")
    assert response.status_code == 200
    assert names(response) == {"横渠API机构"}


def test_an_out_of_scope_object_answers_404(as_user, agencies):
    client = as_user("hengqu")
    assert client.get(f"/api/agencies/{agencies['shoushan'].pk}/").status_code == 404
    assert client.patch(f"/api/agencies/{agencies['shoushan'].pk}/", {"phone": "1"}, content_type="application/json").status_code == 404


def test_a_forged_region_is_rejected_and_nothing_is_saved(as_user, cast, agencies):
    client = as_user("hengqu")
    response = client.post(
        "/api/agencies/", {"name": "伪造API机构", "region": cast.shoushan.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "region" in response.json()
    assert not Agency.objects.filter(name="伪造API机构").exists()
    response = client.patch(
        f"/api/agencies/{agencies['hengqu'].pk}/", {"region": cast.shoushan.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    agencies["hengqu"].refresh_from_db()
    assert agencies["hengqu"].region == cast.hengqu


def test_leaders_read_but_do_not_write(as_user, cast, agencies):
    client = as_user("leader")
    assert names(client.get("/api/agencies/")) >= {"首善API机构", "横渠API机构"}
    response = client.post("/api/agencies/", {"name": "领导机构", "region": cast.mei.pk}, content_type="application/json")
    assert response.status_code == 403
    assert client.delete(f"/api/agencies/{agencies['hengqu'].pk}/").status_code == 404
    assert Agency.objects.filter(pk=agencies["hengqu"].pk).exists()


def test_regions_come_with_their_parent_and_stay_in_scope(as_user, cast, django_assert_max_num_queries):
    client = as_user("shoushan")
    with django_assert_max_num_queries(8):
        response = client.get("/api/regions/", {"level": 5})
    rows = {r["name"]: r for r in response.json()["results"]}
    assert "滨河社区" in rows and "崖下村" not in rows
    assert rows["滨河社区"]["parent"] == cast.shoushan.pk


def test_the_openapi_schema_is_served(as_user, cast):
    response = as_user("bureau").get(reverse("api-schema"))
    assert response.status_code == 200
    assert b"/api/agencies/" in response.content


def test_api_changes_name_their_author_in_the_history_also_with_a_token(cast, client, agencies):
    from auditlog.models import LogEntry

    from wulian.security import tokens

    _, key = tokens.issue(cast.user_hengqu, "script", "write", days=30)
    response = client.patch(
        f"/api/agencies/{agencies['hengqu'].pk}/", {"phone": "0917-1234567"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 200, response.content
    entry = LogEntry.objects.get_for_object(agencies["hengqu"]).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == cast.user_hengqu
    assert entry.changes_dict["phone"] == ["", "0917-1234567"]
