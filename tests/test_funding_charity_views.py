"""The scope matrix of every charity-resource page and endpoint (issue 19): towns and communities record their
own; the bureau sees and records all; leaders read; agencies and evaluators see none. Host charities are
reference data every region role reads and the bureau keeps. Beneficiaries and recipients are masked for every
role without the reveal right (lists, exports, API, detail, history)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from funding.charity.models import (Charity, CharityMovement, CommunityFund, Disclosure, Fundraising, GoodsIssue,
                                    GoodsLot, MovementKind, StockCount, Supermarket)
from funding.charity.rules import file_disclosure
from funding.charity.testing import charity, fund, fundraising, issue, lot, majority, move, supermarket
from funding.charity.goods import count
from tests.conftest import CAST_USERS
from tests.matrix import ScopeMatrix

REGION_VISIBLE = {"bureau": "ab", "shoushan": "a", "hengqu": "b", "binhe": "a", "agency": "", "evaluator": "",
                  "leader": "ab"}
REGION_CHANGEABLE = {**REGION_VISIBLE, "leader": ""}
BUREAU_ONLY = {name: "" for name in REGION_VISIBLE} | {"bureau": "ab"}
NOBODY = {name: "" for name in REGION_VISIBLE}
REGION_USERS = ("bureau", "shoushan", "hengqu", "binhe", "leader")
WORKERS = ("bureau", "shoushan", "hengqu", "binhe")


def host_of(cast):
    return charity(cast.mei)


class RegionRecords(ScopeMatrix):
    places = {"a": "binhe", "b": "hengqu_village"}
    visible = REGION_VISIBLE
    changeable = REGION_CHANGEABLE
    deletable = BUREAU_ONLY
    list_users = REGION_USERS
    add_users = WORKERS


class PostedOnce(RegionRecords):
    changeable = NOBODY
    has_delete = False


class TestCharityViews(ScopeMatrix):
    model = Charity
    places = {"a": "binhe", "b": "hengqu_village"}
    # Reference data: every region role reads every host charity (a community's fund is kept by the county's).
    visible = {**REGION_VISIBLE, "shoushan": "ab", "hengqu": "ab", "binhe": "ab"}
    changeable = BUREAU_ONLY
    list_users = REGION_USERS
    add_users = ("bureau",)

    def make(self, cast, place, key):
        return Charity.objects.create(name=f"{place.name}慈善会{key}", region=place)


class TestCommunityFundViews(RegionRecords):
    model = CommunityFund

    def make(self, cast, place, key):
        return fund(host_of(cast), place, name=f"{place.name}基金{key}")


class TestFundraisingViews(RegionRecords):
    model = Fundraising

    def make(self, cast, place, key):
        return fundraising(host_of(cast), place, record_number=f"BA-{place.pk}-{key}", title=f"{place.name}募捐{key}")


class TestSupermarketViews(RegionRecords):
    model = Supermarket

    def make(self, cast, place, key):
        return supermarket(place, name=f"{place.name}慈善超市{key}")


class TestMovementViews(PostedOnce):
    model = CharityMovement

    def make(self, cast, place, key):
        f = fund(host_of(cast), place, name=f"{place.name}基金{key}")
        return move(cast.user_bureau, f, MovementKind.PRINCIPAL, "1000")


class TestDisclosureViews(PostedOnce):
    model = Disclosure

    def make(self, cast, place, key):
        f = fund(host_of(cast), place, name=f"{place.name}基金{key}")
        return file_disclosure(cast.user_bureau, Disclosure(fund=f, published_on=timezone.localdate()))


class TestGoodsLotViews(PostedOnce):
    model = GoodsLot

    def make(self, cast, place, key):
        shop = Supermarket.objects.filter(region=place).first() or supermarket(place)
        return lot(cast.user_bureau, shop, f"大米{key}", "10")


class TestGoodsIssueViews(PostedOnce):
    model = GoodsIssue

    def make(self, cast, place, key):
        shop = Supermarket.objects.filter(region=place).first() or supermarket(place)
        return issue(cast.user_bureau, lot(cast.user_bureau, shop, f"面粉{key}", "10"), "2")


class TestStockCountViews(PostedOnce):
    model = StockCount

    def make(self, cast, place, key):
        shop = Supermarket.objects.filter(region=place).first() or supermarket(place)
        rice = lot(cast.user_bureau, shop, f"食用油{key}", "10")
        return count(cast.user_bureau, StockCount(lot=rice, counted=Decimal("9"), reason="一桶渗漏",
                                                  counted_on=timezone.localdate()))


# -- masking -------------------------------------------------------------------------------------------------------
@pytest.fixture
def people(cast):
    """A use naming a beneficiary who did not consent, and an issue to a recipient who did not, at 滨河社区."""
    f = fund(host_of(cast), cast.binhe)
    move(cast.user_bureau, f, MovementKind.PRINCIPAL, "2000")
    use = move(cast.user_bureau, f, MovementKind.USE, "300", approvers=majority(f), beneficiary="孙桂英")
    shop = supermarket(cast.binhe)
    given = issue(cast.user_bureau, lot(cast.user_bureau, shop, "棉被", "5", unit="床"), "1", recipient="赵大山")
    return use, given


@pytest.mark.parametrize("username", [u for u in CAST_USERS if u in REGION_VISIBLE and REGION_VISIBLE[u]])
def test_beneficiaries_and_recipients_masked_without_the_reveal_right(as_user, people, username):
    use, given = people
    client = as_user(username)
    pages = [reverse("funding:charitymovement_list"), use.get_absolute_url(), reverse("funding:goodsissue_list"),
             given.get_absolute_url(), given.lot.get_absolute_url()]
    if username in ("hengqu",):  # outside 滨河社区: nothing to see at all
        assert all(client.get(url).status_code in (200, 404) for url in pages)
        return
    for url in pages:
        html = client.get(url).content.decode()
        assert "孙桂英" not in html and "赵大山" not in html, f"{username}: {url}"
    assert "孙**" in client.get(reverse("funding:charitymovement_list")).content.decode()
    assert "赵**" in client.get(reverse("funding:goodsissue_list")).content.decode()
    api = client.get("/api/funding/issues/").json()["results"]
    assert [row["recipient"] for row in api] == ["赵**"]
    assert [r["beneficiary"] for r in client.get("/api/funding/charity-movements/?kind=use").json()["results"]] == ["孙**"]
    for url in (reverse("funding:goodsissue_list"), reverse("funding:charitymovement_list")):
        sheet = load_workbook(io.BytesIO(b"".join(client.get(url, {"export": "xlsx"}).streaming_content))).active
        cells = {str(c.value) for row in sheet.iter_rows() for c in row}
        assert "赵大山" not in cells and "孙桂英" not in cells


def test_a_recipient_who_consented_is_named(as_user, cast):
    shop = supermarket(cast.binhe)
    given = issue(cast.user_bureau, lot(cast.user_bureau, shop, "棉被", "5", unit="床"), "1", recipient="赵大山",
                  consent=True)
    assert "赵大山" in as_user("leader").get(given.get_absolute_url()).content.decode()


def test_the_town_records_its_own_charity_resources_and_not_anothers(as_user, cast):
    host = host_of(cast)
    client = as_user("hengqu")
    response = client.post(reverse("funding:supermarket_add"), {"name": "首善慈善超市", "region": cast.binhe.pk})
    assert response.status_code in (200, 403) and not Supermarket.objects.exists()
    response = client.post(reverse("funding:supermarket_add"), {"name": "横渠慈善超市", "region": cast.hengqu.pk})
    assert response.status_code == 302 and Supermarket.objects.get().region == cast.hengqu
    # Its fund's uses post on the host charity's books, in its own region (it reads its entries).
    f = fund(host, cast.hengqu_village, name="崖下村基金")
    move(cast.user_hengqu, f, MovementKind.PRINCIPAL, "600")
    entry = CharityMovement.objects.get().entry
    assert client.get(entry.get_absolute_url()).status_code == 200
    assert as_user("shoushan").get(entry.get_absolute_url()).status_code == 404
    assert as_user("agency").get(reverse("funding:communityfund_list")).status_code == 403


@pytest.mark.parametrize("username", ["bureau", "shoushan", "binhe", "leader"])
def test_a_use_shows_the_committee_members_who_approved_it_to_whom_may_read_them(as_user, people, username):
    # The approvers are read through CommitteeMember's own scope rule (the fund's region roles), not off the movement.
    use, _given = people
    html = as_user(username).get(use.get_absolute_url()).content.decode()
    names = [str(m) for m in use.approved_by.order_by("pk")]
    assert names and all(name in html for name in names)
