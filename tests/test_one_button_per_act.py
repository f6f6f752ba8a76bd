"""Issue 23 G: one button per act — a page that names its own edit button (修改投标文件) shows no second 编辑 — and
a step's message reads as Chinese (「机构签署」已完成, never 已机构签署)."""

from __future__ import annotations

from projects.choices import ProjectStatus
from projects.testing import advance, make_bid, make_project, people_of


def test_the_bid_page_has_one_edit_button(as_user, cast):
    project = advance(make_project(cast.shoushan, proposer=cast.user_shoushan), ProjectStatus.PUBLISHED, people_of(cast))
    bid = make_bid(project, cast.agency, cast.user_agency)
    body = as_user("agency").get(bid.get_absolute_url()).content.decode()
    assert body.count('id="edit-bid-button"') == 1 and "修改投标文件" in body
    assert 'id="edit-button"' not in body


def test_other_pages_keep_their_edit_button_and_the_account_page_both(as_user, cast):
    from tests.test_hours_from_work_log import entry_at

    entry = entry_at(cast.binhe)  # a work-log entry: the generic page, its generic 编辑
    assert as_user("binhe").get(entry.get_absolute_url()).content.decode().count('id="edit-button"') == 1
    body = as_user("sysadmin").get(cast.user_binhe.get_absolute_url()).content.decode()
    assert body.count('id="edit-button"') == 1


def test_pages_that_add_buttons_keep_the_edit_button(as_user, cast):
    """A station's page adds 登记工作台账 beside the buttons: its 编辑 stays (it vanished when the added buttons
    replaced the edit button's block)."""
    from tests.stations_helpers import station_at

    station = station_at(cast.binhe)
    body = as_user("bureau").get(station.get_absolute_url()).content.decode()
    assert body.count('id="edit-button"') == 1


def test_a_steps_message_names_the_step_then_says_it_is_done():
    from django.utils.translation import gettext as _

    said = _("%(action)s: “%(object)s” is now “%(state)s”.") % {"action": "机构签署", "object": "项目", "state": "机构已签署"}
    assert said == "「机构签署」已完成：“项目”现为“机构已签署”。" and "已机构签署" not in said
    many = _("%(action)s: %(count)d records.") % {"action": "确认", "count": 3}
    assert many == "已对 3 条记录执行「确认」。"
