"""With the broker down, every page that enqueues degrades like the report centre (issue 17, item 8): a Chinese
message and nothing half done, never a 500. The broker URL points to a closed port."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from tests.test_report_faults import broker_down  # noqa: F401 - the fixture
from wulian.models import SummaryRefresh

pytestmark = pytest.mark.django_db
DOWN = "暂时无法计算数据：后台服务不可用"


def test_refresh_now_with_the_broker_down_says_so(as_user, broker_down):  # noqa: F811
    client = as_user("bureau")
    started = time.monotonic()
    response = client.post(reverse("wulian:dashboard_refresh"), {"year": 2021}, follow=True)
    assert time.monotonic() - started < 15
    assert response.status_code == 200
    assert DOWN in response.content.decode()
    assert not SummaryRefresh.objects.filter(year=2021).exists()


def test_a_year_never_computed_with_the_broker_down_shows_the_page_and_says_so(as_user, broker_down):  # noqa: F811
    client = as_user("bureau")
    response = client.get(reverse("wulian:dashboard"), {"year": 2021})
    assert response.status_code == 200
    assert DOWN in response.content.decode()
    # The embedded slot of the home page too.
    response = client.get(reverse("wulian:dashboard"), {"year": 2021, "embed": 1})
    assert response.status_code == 200 and DOWN in response.content.decode()


def test_a_notification_mail_with_the_broker_down_leaves_the_notification(cast, broker_down, settings,  # noqa: F811
                                                                          django_capture_on_commit_callbacks):
    from wulian.models import Notification
    from wulian.notifications import notify

    settings.EMAIL_HOST = "mail.example.org"
    cast.user_bureau.email = "bureau@example.org"
    cast.user_bureau.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(cast.user_bureau, "待审核：项目", "请审核")
    assert Notification.objects.filter(recipient=cast.user_bureau, title="待审核：项目").exists()
