"""The daily reminder of overdue items (``projects.tasks.flag_overdue``).

Each overdue item (a project whose bid deadline passed without an award, whose supervision is due, whose
agreement has ended while in service; a rectification item past its deadline) notifies the people concerned
ONCE a day: the notification's key names the item, the kind and the day, and a recipient who already has
today's notification of that key is skipped, whether it was read or not (a second run the same day writes
nothing).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from wulian.choices import NotificationLevel, Role
from wulian.models import Notification, User
from wulian.notifications import notify, recipients

from .models import Project, Rectification


def _bureau(project):
    return list(recipients(Role.BUREAU_ADMIN, project.region, within=False))


def _agency_staff(agency_id):
    if not agency_id:
        return []
    return list(User.objects.filter(role=Role.AGENCY_STAFF, agency_id=agency_id, is_active=True))


def _date(day) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def overdue_items(today=None):
    """(key, recipients, title, body, link) for every overdue item today."""
    today = today or timezone.localdate()
    items = []
    related = ("region", "notice", "agreement", "evaluator")
    for project in Project.objects.award_overdue().select_related("region", "notice"):
        items.append((
            f"projects:award-overdue:{project.pk}", _bureau(project),
            _("Award overdue: %(project)s") % {"project": project.title},
            _("The bid deadline (%(deadline)s) has passed and no agency has been awarded.")
            % {"deadline": formats.date_format(timezone.localtime(project.notice.bid_deadline), "DATETIME_FORMAT")},
            project,
        ))
    for project in Project.objects.supervision_overdue(today).select_related(*related):
        people = _bureau(project) + ([project.evaluator] if project.evaluator else [])
        items.append((
            f"projects:supervision-overdue:{project.pk}", people,
            _("Supervision due: %(project)s") % {"project": project.title},
            _("The mid-term supervision was due on %(date)s and has not been recorded.")
            % {"date": _date(project.supervision_due)},
            project,
        ))
    for project in Project.objects.contract_ended(today).select_related(*related):
        items.append((
            f"projects:contract-ended:{project.pk}", _bureau(project) + _agency_staff(project.agency_id),
            _("Agreement ended: %(project)s") % {"project": project.title},
            _("The agreement ended on %(date)s; request the acceptance evaluation or record an amendment.")
            % {"date": _date(project.agreement.end)},
            project,
        ))
    late = Rectification.objects.overdue(today).select_related(
        "evaluation__project__region", "evaluation__project__evaluator"
    )
    for item in late:
        project = item.evaluation.project
        people = _agency_staff(project.agency_id) + _bureau(project) + ([project.evaluator] if project.evaluator else [])
        items.append((
            f"projects:rectification-overdue:{item.pk}", people,
            _("Rectification overdue: %(project)s") % {"project": project.title},
            _("“%(item)s” was due on %(date)s.") % {"item": item.description[:60], "date": _date(item.deadline)},
            project,
        ))
    return items


def send_overdue_reminders(today=None) -> int:
    today = today or timezone.localdate()
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        items = overdue_items(today)
        keys = [f"{key}:{today:%Y%m%d}" for key, *_rest in items]
        already = set(Notification.objects.filter(key__in=keys).values_list("recipient_id", "key"))
        for (key, people, title, body, project), day_key in zip(items, keys, strict=True):
            link = project.get_url("detail") or ""
            seen = set()
            for person in people:
                if person.pk in seen or (person.pk, day_key) in already:
                    continue
                seen.add(person.pk)
                if notify(person, title, body, link=link, level=NotificationLevel.WARNING, key=day_key):
                    sent += 1
    return sent
