"""An agency maintains its own record, its staff and their certificates (issue 23 E).

Before: the agency's edit form could not be saved — 登记地 was empty and its picker offered nothing, because
regions are not in an agency's scope — and the staff and certificates on record were the bureau's and towns'
alone, so the certified staff a bid is checked against could not be kept by the agency itself.
"""

import pytest
from django.urls import reverse

from stations.models import Certificate, StaffMember
from wulian.models import Agency

pytestmark = pytest.mark.django_db


def test_the_agency_saves_its_own_record_with_its_registration_shown(as_user, cast):
    client = as_user("agency")
    url = reverse("organizations:agency_edit", args=[cast.agency.pk])
    page = client.get(url).content.decode()
    assert f'<option value="{cast.agency.region_id}" selected' in page  # 登记地 shown, not empty
    response = client.post(url, {
        "name": cast.agency.name, "credit_code": "", "legal_representative": "李法人", "contact_person": "王联系",
        "phone": "13800001111", "address": "眉县首善街道1号", "founded_on": "", "qualifications": "三级",
        "service_domains": ["elderly_care"],
        # a forged registration is ignored: the field is the registry's, shown as it is
        "region": cast.hengqu.pk,
    })
    assert response.status_code == 302, [l for l in response.content.decode().splitlines() if "invalid" in l or "alert" in l][:10]
    agency = Agency.objects.get(pk=cast.agency.pk)
    assert agency.contact_person == "王联系" and agency.qualifications == "三级"
    assert agency.region_id == cast.agency.region_id


def test_the_agency_keeps_its_staff_and_their_certificates(as_user, cast):
    other = Agency.objects.create(name="别家机构", region=cast.agency.region)
    theirs = StaffMember.objects.create(name="别家社工", region=cast.agency.region, agency=other)
    client = as_user("agency")
    response = client.post(reverse("stations:staffmember_add"), {"name": "机构新社工", "phone": "", "notes": ""})
    assert response.status_code == 302, [l for l in response.content.decode().splitlines() if "invalid" in l or "alert" in l][:10]
    person = StaffMember.objects.get(name="机构新社工")
    assert person.agency_id == cast.agency.pk and person.region_id == cast.agency.region_id
    response = client.post(reverse("stations:certificate_add"),
                           {"person": person.pk, "level": "social_worker", "number": "ZS-2024-001", "year": 2024})
    assert response.status_code == 302, [l for l in response.content.decode().splitlines() if "invalid" in l or "alert" in l][:10]
    assert Certificate.objects.filter(person=person, number="ZS-2024-001").exists()
    listing = client.get(reverse("stations:staffmember_list")).content.decode()
    assert "机构新社工" in listing and "别家社工" not in listing
    assert client.get(reverse("stations:staffmember_detail", args=[theirs.pk])).status_code == 404
    # another agency's person cannot be given a certificate by this agency
    refused = client.post(reverse("stations:certificate_add"),
                          {"person": theirs.pk, "level": "social_worker", "number": "ZS-2024-002", "year": 2024})
    assert refused.status_code == 200 and not Certificate.objects.filter(number="ZS-2024-002").exists()
