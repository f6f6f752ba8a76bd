"""An empty installation (issue 23 H): the first page asks for the county, its policy document and the bureau's
first account; then the county's towns and villages are imported. The page is gone once anything exists."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wulian.models import Region, User



@pytest.fixture
def empty_installation(transactional_db):
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)  # the session's cast was loaded before this test


def test_an_empty_installation_sets_up_its_county_and_bureau(empty_installation, client):
    assert not Region.objects.exists() and not User.objects.exists()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("wulian:first_run")
    page = client.get(reverse("wulian:first_run")).content.decode()
    assert "首次设置" in page and "政策文件" in page
    from wulian.models.targets import PolicyProfile

    profile = PolicyProfile.objects.order_by("pk").first()
    bad = client.post(reverse("wulian:first_run"), {
        "province": "陕西省", "city": "宝鸡市", "county": "眉县", "code": "61032", "profile": profile.pk,
        "username": "meixian", "display_name": "王敏", "password": "Wulian-2027!x", "password_again": "Wulian-2027!y",
    }).content.decode()
    assert "6 位或 12 位数字" in bad and "两次输入的密码不一致" in bad
    assert not Region.objects.exists()
    response = client.post(reverse("wulian:first_run"), {
        "province": "陕西省", "city": "宝鸡市", "county": "眉县", "code": "610326", "profile": profile.pk,
        "username": "meixian", "display_name": "王敏", "password": "Wulian-2027!x", "password_again": "Wulian-2027!x",
    })
    assert response.status_code == 302 and response["Location"] == reverse("wulian:region_import")
    county = Region.objects.get(name="眉县")
    assert (county.level, county.code, county.parent.name, county.parent.parent.name) == (3, "610326", "宝鸡市", "陕西省")
    user = User.objects.get(username="meixian")
    assert user.role == "bureau_admin" and user.region == county
    assert county.profile_link.profile == profile
    # Logged in as the bureau, which first sets up its second factor (issue 21); then the division list is next.
    response = client.get(reverse("wulian:region_import"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/")
    client.logout()
    assert client.get(reverse("wulian:first_run")).status_code == 404  # once set up, never again, for anyone
