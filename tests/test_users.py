"""Accounts: the system administrator opens and keeps the accounts of its own area (role and scope are the
security administrator's, tests/test_security.py), and nothing more."""

from django.urls import reverse

from tests.matrix import ScopeMatrix
from wulian.choices import Role
from wulian.models import Region, User

NOBODY = {"bureau": "", "shoushan": "", "hengqu": "", "binhe": "", "agency": "", "evaluator": "", "leader": "", "auditor": ""}


class TestUserViews(ScopeMatrix):
    model = User
    places = {"a": "shoushan", "b": "hengqu_village"}
    visible = {**NOBODY, "bureau": "ab", "sysadmin": "ab", "secadmin": "ab"}
    changeable = {**NOBODY, "sysadmin": "ab"}
    list_users = ("bureau", "sysadmin", "secadmin")
    add_users = ("sysadmin",)
    has_delete = False  # accounts are deactivated, never deleted (their history points at them)

    def make(self, cast, place, key):
        role = Role.TOWN_STAFF if place.level == 4 else Role.COMMUNITY_WORKER
        return User.objects.create_user(f"acct-{place.pk}-{key}", password="x-unused-9q", role=role, region=place)


def account_data(**overrides):
    data = {
        "username": "wangli", "password": "Mei-county-2023", "full_name": "王丽", "is_active": "on",
    }
    data.update(overrides)
    return data


def test_the_system_administrator_opens_an_account_the_security_administrator_grants_it_a_role(as_user, cast, client):
    response = as_user("sysadmin").post(reverse("wulian:user_add"), account_data(region=cast.hengqu.pk, role="leader"))
    assert response.status_code == 302
    account = User.objects.get(username="wangli")
    # The system administrator cannot give rights: the account has no role until the security administrator acts.
    assert (account.role, account.region, account.is_superuser, account.is_staff) == ("", cast.hengqu, False, False)
    response = as_user("secadmin").post(
        reverse("wulian:user_security", args=[account.pk]), {"role": Role.TOWN_STAFF, "region": cast.hengqu.pk}
    )
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.role == Role.TOWN_STAFF
    client.logout()
    response = client.post(reverse("login"), {"username": "wangli", "password": "Mei-county-2023"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert "横渠镇" in client.get(reverse("home")).content.decode()


def test_a_region_outside_the_county_is_refused(as_user, cast):
    elsewhere = Region.objects.add_root({"name": "安徽省", "level": 1})
    response = as_user("sysadmin").post(reverse("wulian:user_add"), account_data(region=elsewhere.pk))
    assert response.status_code == 200 and "region" in response.context["form"].errors
    assert not User.objects.filter(username="wangli").exists()


def test_the_scope_must_fit_the_role(as_user, cast):
    account = User.objects.create_user("wangli", password="x-unused-9q", region=cast.shoushan)
    response = as_user("secadmin").post(
        reverse("wulian:user_security", args=[account.pk]), {"role": Role.COMMUNITY_WORKER, "region": cast.shoushan.pk}
    )
    assert "社区（村）社工室工作人员的管辖范围应为一个社区（村）。" in response.content.decode()
    account.refresh_from_db()
    assert account.role == ""


def test_a_weak_password_is_refused(as_user, cast):
    response = as_user("sysadmin").post(reverse("wulian:user_add"), account_data(region=cast.hengqu.pk, password="12345678"))
    assert "password" in response.context["form"].errors
    assert not User.objects.filter(username="wangli").exists()


def test_no_one_is_made_superuser_or_staff_through_the_form(as_user, cast):
    as_user("sysadmin").post(
        reverse("wulian:user_add"), account_data(region=cast.hengqu.pk, is_superuser="on", is_staff="on")
    )
    account = User.objects.get(username="wangli")
    assert not account.is_superuser and not account.is_staff


def test_superusers_and_ones_own_account_are_out_of_reach(as_user, cast):
    admin = User.objects.create_superuser("root", password="Root-pass-2023", region=cast.mei)
    client = as_user("sysadmin")
    assert client.get(admin.get_absolute_url()).status_code == 404
    assert client.get(admin.get_url("edit")).status_code == 404
    assert client.get(cast.user_sysadmin.get_url("edit")).status_code == 404
    assert client.get(cast.user_secadmin.get_absolute_url()).status_code == 404  # administrators: the superuser's
    assert "root" not in client.get(reverse("wulian:user_list")).content.decode()


def test_agency_staff_accounts_are_in_the_area_of_their_agency(as_user, cast):
    body = as_user("sysadmin").get(reverse("wulian:user_list"), {"role": Role.AGENCY_STAFF}).content.decode()
    assert cast.user_agency.get_absolute_url() in body


def test_a_new_password_can_be_set_and_an_account_deactivated(as_user, cast):
    client = as_user("sysadmin")
    target = cast.user_hengqu
    response = client.post(
        target.get_url("edit"),
        account_data(username="hengqu", password="Another-pass-77", is_active=""),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password("Another-pass-77") and not target.is_active


def test_an_account_has_one_name_field_and_keeps_the_name_of_an_older_account(as_user, cast):
    """姓名 is one field (not 姓氏/名字); an account saved with both parts reads the same in the form."""
    client = as_user("sysadmin")
    response = client.post(reverse("wulian:user_add"), account_data(region=cast.hengqu.pk, full_name="欧阳丽华"))
    assert response.status_code == 302
    account = User.objects.get(username="wangli")
    assert str(account) == "欧阳丽华"
    older = User.objects.create_user("older", password="x-unused-9q", role=Role.TOWN_STAFF, region=cast.hengqu,
                                     last_name="张", first_name="伟")
    page = client.get(reverse("wulian:user_edit", args=[older.pk])).content.decode()
    assert 'name="full_name"' in page and 'value="张伟"' in page
    assert 'name="last_name"' not in page and 'name="first_name"' not in page
