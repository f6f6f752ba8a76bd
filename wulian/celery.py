"""The Celery application; configured once from Django settings (CELERY_ namespace)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wulian.settings")

app = Celery("wulian")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
