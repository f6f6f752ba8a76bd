from django.apps import AppConfig


class ScopeAppConfig(AppConfig):
    """A test-only app (installed by tests/settings.py): models whose rules the real apps do not need yet."""

    name = "tests.scopeapp"
    label = "scopeapp"
    default_auto_field = "django.db.models.BigAutoField"
