"""load_demo: idempotent, and refuses to run in production unless forced."""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from wulian.models import Region, User


def domain_counts():
    counts = {}
    for label in settings.WULIAN_DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model.objects.count()
    return counts


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    first = domain_counts()
    call_command("load_demo", verbosity=0)
    assert domain_counts() == first
    assert Region.objects.filter(name__in=["首善街道", "横渠镇", "槐芽镇", "汤峪镇", "常兴镇", "金渠镇", "营头镇", "齐镇"]).count() == 8
    shoushan = Region.objects.get(name="首善街道")
    assert {"滨河社区", "景贤社区", "迎宾社区", "东关社区"} <= set(
        Region.objects.under(shoushan).values_list("name", flat=True)
    )
    assert set(User.objects.values_list("username", flat=True)) >= {
        "bureau", "shoushan", "hengqu", "binhe", "agency", "evaluator", "leader"
    }


@pytest.mark.django_db
def test_new_demo_users_get_the_configured_password(settings):
    settings.DEBUG = True
    settings.WULIAN_DEMO_PASSWORD = "another-demo-pass"
    User.objects.filter(username="binhe").delete()
    call_command("load_demo", verbosity=0)
    binhe = User.objects.get(username="binhe")
    assert binhe.check_password("another-demo-pass")
    assert binhe.region.name == "滨河社区"


@pytest.mark.django_db
def test_load_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", verbosity=0)
