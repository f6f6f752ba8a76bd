"""History: every domain model is tracked; a change shows who, when, before and after on the record."""

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.conf import settings

from wulian.models import Agency

UNTRACKED = {"wulian.AccessLog", "wulian.ReportJob", "wulian.Notification", "wulian.StateChange"}  # logs and messages, not records
UNTRACKED |= {"volunteers.CommunityYearStats", "volunteers.PendingStats"}  # figures recomputed from tracked rows
# The dashboard's summaries, replaced wholesale by every hourly refresh (tests/test_dashboard.py checks a refresh
# writes no history).
UNTRACKED |= {"wulian.AttainmentFigure", "wulian.DashboardFigure", "wulian.SummaryRefresh"}
# The audit trail is its own (append-only, hash-chained) record; tokens and password hashes are secrets.
UNTRACKED |= {"wulian.AuditEvent", "wulian.AuditArchive", "wulian.ApiToken", "wulian.PasswordHistory", "wulian.TOTPDevice"}


def test_every_domain_model_is_tracked():
    missing = []
    for label in settings.WULIAN_DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label not in UNTRACKED and not auditlog.contains(model):
                missing.append(model._meta.label)
    assert missing == []


def test_an_edit_records_who_and_before_after_and_shows_it_on_the_record(as_user, cast):
    agency = Agency.objects.create(name="首善测试机构", region=cast.shoushan, legal_representative="甲")
    client = as_user("shoushan")
    response = client.post(
        agency.get_url("edit"),
        {"name": "首善测试机构", "region": cast.shoushan.pk, "legal_representative": "乙", "certified_staff_count": 0},
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(agency).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == cast.user_shoushan
    assert entry.changes_dict["legal_representative"] == ["甲", "乙"]
    page = client.get(agency.get_absolute_url()).content.decode()
    assert "李娜" in page  # the actor, by name
    assert "<del>甲</del>" in page and "<ins>乙</ins>" in page


def test_a_deletion_is_kept_in_the_history(as_user, cast):
    agency = Agency.objects.create(name="将删除的机构", region=cast.mei)
    pk = agency.pk
    response = as_user("bureau").post(agency.get_url("delete"))
    assert response.status_code == 302
    assert not Agency.objects.filter(pk=pk).exists()
    entry = LogEntry.objects.filter(object_id=pk, action=LogEntry.Action.DELETE).get()
    assert entry.actor == cast.user_bureau
    assert entry.object_repr == "将删除的机构"
