"""Words a volunteer worker reads (issue 23 F): hours as people write them (2.63 小时, not 2.63000000000000),
and a missing organiser named as missing, not as "only one"."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from volunteers.models import VolunteerActivity
from volunteers.testing import make_activity, make_hours, make_volunteer


def test_confirmed_hours_read_as_people_write_them(as_user, cast):
    activity = make_activity(cast.binhe, "重阳敬老")
    make_hours(activity, make_volunteer(cast.binhe), hours="1.25")
    make_hours(activity, make_volunteer(cast.binhe), hours="1.38")
    page = as_user("binhe").get(activity.get_absolute_url()).content.decode()
    assert "已确认 2.63 小时" in page
    assert "2.630" not in page


def test_an_activity_without_an_organiser_says_what_is_missing(cast):
    activity = VolunteerActivity(title="义诊", region=cast.binhe, organiser_name="")
    with pytest.raises(ValidationError) as error:
        activity.clean()
    assert error.value.message_dict["organiser_name"] == ["请填写组织者：志愿服务队伍、社区社会组织或其他组织者（三者填其一）。"]


@pytest.mark.parametrize("username", ["bureau", "leader", "shoushan", "binhe"])
def test_the_organisation_summary_offers_all_not_dashes(as_user, username):
    from django.urls import reverse

    page = as_user(username).get(reverse("organizations:community_summary")).content.decode()
    assert "---------" not in page
    assert ">全部</option>" in page
