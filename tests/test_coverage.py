"""Coverage of the scope rule: every URL is scoped or on an explicit public list, every API route and every
scoped model is held to the scope matrix, and every model of the portal is scoped or says why not."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.matrix import ScopeMatrix
from wulian.api import ScopedViewSet, router
from wulian.checks import is_scoped
from wulian.models.base import ScopeRule
from wulian.views.generic import ScopedView

# Open without logging in, and why.
PUBLIC = {
    "login": "the login page",
    "logout": "logging out",
    "healthz": "the health probe of the proxy; says only whether the database and broker answer",
    "set_language": "switching the interface language",
    "javascript-catalog": "interface translations for scripts",
    "volunteers:check_in": "a volunteer's self check-in behind the QR code (an unguessable token)",
    "volunteers:check_in_manifest": "the check-in page's web-app manifest (title and icons; same token)",
    "favicon": "the browser's icon",
    "volunteers:certificate_verify": "the public check of a certificate number (masked name only)",
    "api-root": "the API's list of endpoints (no data)",
    "api-schema": "the OpenAPI schema (no data)",
    "public_projects:list": "the public page of published projects (projects.public decides what is public)",
    "public_projects:detail": "one published project's public facts (unpublished ones answer 404)",
    "public_projects:ocds": "the same public facts as an OCDS release package",
    "funding:charity_public": "income, use and balance per community fund and fundraising project (慈善法第79条), no person named",
    "wulian:first_run": "the first page of an EMPTY installation (no region, no account); 404 once anything exists",
    "keepalive": "the idle warning's stay-logged-in call: answers only whether the session is still alive, no data",
}
# Logged-in views that are not about rows of a scoped model: they show the user's own things only.
OWN_ONLY = {
    "home": "the user's home page, built from scoped figures",
    "password_change": "one's own password",
    "password_change_done": "one's own password",
    "wulian:report_center": "the user's own report jobs (ReportJob.objects.for_user)",
    "wulian:report_request": "asks for a report; builders read through restrict(job.user)",
    "wulian:report_job_row": "the user's own report job",
    "wulian:report_job_progress": "the progress of the user's own (or their area's scheduled) report job",
    "wulian:report_download": "the user's own report file",
    "wulian:report_retry": "retries the user's own failed report job",
    "wulian:notification_list": "the user's own notifications (Notification.objects.restrict: recipient = user)",
    "wulian:notification_open": "opens one of the user's own notifications (another's answers 404)",
    "wulian:notification_read": "marks one of the user's own notifications read (another's answers 404)",
    "wulian:notification_read_all": "marks the user's own notifications read",
    "wulian:dashboard_refresh": "recomputes the summaries of a year (bureau staff only, 403 otherwise); shows no rows",
    "wulian:report_schedule_add": "a scheduled report run as the bureau user, for a region of its own area (403 otherwise)",
    "wulian:report_schedule_toggle": "stops or resumes a schedule of the bureau user's own area (404 outside, 403 others)",
    "two_factor": "one's own second factor at login (the session's own pending login)",
    "two_factor_enrol": "enrols one's own authenticator app",
    "account_security": "one's own second factor and API tokens",
    "two_factor_backup_codes": "one's own backup codes",
    "api_token_revoke": "revokes one of one's own API tokens (another's answers 404)",
}
# Pages for superusers only (anyone else gets 404), and what they do.
SUPERUSER_ONLY = {
    "wulian:policy_draft_list": "policy profiles drafted from documents (tests/test_policy_draft.py)",
    "wulian:policy_draft_new": "drafts a profile from a pasted or uploaded document",
    "wulian:policy_draft_review": "reviews a drafted profile's targets",
    "wulian:policy_draft_target": "accepts, corrects or rejects one drafted target",
    "wulian:policy_draft_activate": "activates or deactivates a profile",
    "wulian:policy_draft_target_add": "adds a target the drafter missed, from a sentence of the profile's text",
    "wulian:policy_draft_import": "imports a profile's targets from the county's Excel sheet (tests/test_target_import.py)",
}
# Function views that restrict rows by hand, with the model they restrict.
SCOPED_FUNCTIONS = {
    # The picker endpoint answers for each registered model from its restrict(user, "view") (404 otherwise).
    "wulian:pick": "every model registered in wulian.pickers",
    "wulian:attachment_download": "wulian.Attachment",
    "wulian:attachment_upload": "the owner, through Owner.objects.restrict(user, 'change')",
    "wulian:dashboard": "wulian.Region (404 outside the scope), wulian.AttainmentFigure and wulian.DashboardFigure",
    # Policy targets are public policy; the regions measured come from Region.objects.restrict(user) (404).
    "wulian:targets": "the policy document(s) of the user's own area (region roles and superusers; 403 otherwise)",
    "wulian:attainment": "wulian.Region, through Region.objects.restrict(user); figures only below that region",
    "wulian:target_report": "wulian.Region through restrict(user) (404), wulian.TargetReport through restrict and write()",
    "project_reports:evaluation": "projects.Project through restrict(user); the builder restricts again by job.user",
    # Funding (issue 19): postings go through funding.ledger, which restricts the lines, entries and milestones.
    "funding:index": "a redirect to the budget lines list (login required)",
    "funding:entry_add": "funding.BudgetLine through restrict(user, 'change') (the form's choices); Entry 'add' role",
    "funding:transfer": "funding.BudgetLine through restrict(user, 'change') (the form's choices); Entry 'add' role",
    "funding:entry_reverse": "funding.Entry through restrict(user, 'view') (404) and can(user, 'reverse')",
    "funding:milestone_pay": "projects.Milestone through restrict(user, 'view') (404); the 'pay' action of funding.Entry",
    "funding:agreement_commit": "projects.Project through restrict(user, 'view') (404); lines through restrict(user, 'change')",
    "funding:operating_funds": "stations.Station and funding.BudgetLine through restrict(user)",
    "funding:execution": "funding.BudgetLine through restrict(user)",
    "funding:bond_hold": "projects.Project through restrict(user, 'view') (404); the 'pay' action of funding.Entry",
    "funding:bond_settle": "funding.Entry through restrict(user, 'view') (404); the 'pay' action of funding.Entry",
    "funding:payment_clawback": "funding.Entry through restrict(user, 'view') (404); the 'pay' action of funding.Entry",
    "funding:disclosure_statement": "funding.CommunityFund / funding.Fundraising through restrict(user) (404); the builder restricts again by job.user",
    "wulian:user_security": "wulian.User: the security administrator's 'grant' action, accounts through restrict(user, 'grant')",
    "wulian:user_reset_two_factor": "wulian.User: 'grant', accounts through restrict(user, 'grant'); audited",
    "wulian:user_unlock": "wulian.User: 'grant', accounts through restrict(user, 'grant'); audited",
    "volunteers:volunteer_personal_data": "volunteers.Volunteer through restrict(user, 'change') (404) and the reveal right; audited",
    "volunteers:volunteer_anonymise": "volunteers.Volunteer through restrict(user, 'delete') (404); audited",
    "stations:staffmember_personal_data": "stations.StaffMember through restrict(user, 'change') (404) and the reveal right; audited",
    "stations:staffmember_anonymise": "stations.StaffMember through restrict(user, 'delete') (404); audited",
}


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace or namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns or "")
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name or ""
            yield prefix + str(pattern.pattern), name, pattern.callback


def portal_urls():
    return [(route, name, view) for route, name, view in walk(get_resolver().url_patterns) if not route.startswith("admin/")]


def scoped_model_of(view):
    """The model a view restricts by, or None when the view is not built on the scope mechanism."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None and issubclass(view_class, ScopedView):
        importer = getattr(view_class, "importer_class", None)
        return importer.model if importer is not None else view_class.model
    viewset = getattr(view, "cls", None)
    if viewset is not None and issubclass(viewset, ScopedViewSet):
        return viewset.queryset.model
    return None


def test_every_url_is_scoped_or_on_an_explicit_list():
    unaccounted = []
    for route, name, view in portal_urls():
        if name in PUBLIC or name in OWN_ONLY or name in SUPERUSER_ONLY:
            continue
        if name in SCOPED_FUNCTIONS:
            continue
        model = scoped_model_of(view)
        if model is None:
            unaccounted.append(f"{route} ({name})")
        else:
            assert isinstance(getattr(model, "scope_rule", None), ScopeRule), f"{route}: {model} has no rule"
    assert unaccounted == [], "views neither scoped nor on the public/own-only lists"


def test_the_lists_name_only_urls_that_exist():
    names = {name for _route, name, _view in portal_urls()}
    for listed in (PUBLIC, OWN_ONLY, SCOPED_FUNCTIONS, SUPERUSER_ONLY):
        assert set(listed) <= names, set(listed) - names


def _sample_url(route: str) -> str:
    """A concrete URL of a route pattern: 1 for ids, ``x`` for other parameters."""
    if route.startswith("api/^"):
        route = "api/" + route[len("api/^") :].rstrip("$")
        route = re.sub(r"\(\?P<format>[^)]*\)/\?", "json", route).replace("\\.", ".")
        route = re.sub(r"\(\?P<pk>[^)]*\)", "1", route)
        route = re.sub(r"\(\?P<\w+>[^)]*\)", "x", route)
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(?:\w+:)?\w+>", "x", route)
    return "/" + route


@pytest.mark.django_db
def test_every_url_not_public_sends_anonymous_visitors_away(client):
    for route, name, _view in portal_urls():
        if name in PUBLIC:
            continue
        url = _sample_url(route)
        response = client.get(url)
        if url.startswith("/api/"):
            assert response.status_code in (401, 403), f"{url}: {response.status_code}"
        else:
            assert response.status_code == 302, f"{url}: {response.status_code}"
            assert response["Location"].startswith(reverse("login")), url


def _matrix_classes():
    for module in pkgutil.iter_modules(tests.__path__):
        if module.name.startswith("test_"):
            importlib.import_module(f"tests.{module.name}")

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [cls for cls in subclasses(ScopeMatrix) if cls.model is not None]


def test_every_api_route_is_in_the_scope_matrix():
    in_matrix = {cls.model for cls in _matrix_classes()}
    missing = [
        prefix
        for prefix, viewset, _ in router.registry
        if viewset.queryset.model not in in_matrix and viewset.queryset.model._meta.label not in OUTSIDE_MATRIX
    ]
    assert missing == []


# Scoped models with scope tests of their own instead of a matrix, and why.
OUTSIDE_MATRIX = {
    "wulian.AccessLog": "read-only log with one list page; tests/test_access_log.py checks its scope per role",
    "wulian.Attachment": "files scoped through their owner's rule; tests/test_attachments.py, per role",
    "scopeapp.Notice": "test-only model of tests/test_scope_rules.py (state-dependent rows)",
    "wulian.Notification": "each user's own, superusers too; tests/test_notifications.py reaches another's by URL",
    "volunteers.CommunityYearStats": "figures without pages of their own; tests/test_volunteer_stats.py checks their scope per role",
    "wulian.AttainmentFigure": "read only by the dashboard, no pages of its own; tests/test_dashboard.py checks a town's scope",
    "wulian.DashboardFigure": "read only by the dashboard, no pages of its own; tests/test_dashboard.py checks a town's scope",
    "wulian.TargetReport": "entered on one page per target, region and year; tests/test_reported_targets.py checks a town enters only its own",
    # Projects: the API's scope per role is tested in tests/test_projects_api.py; a page's matrix replaces an
    # entry here when the model gets its pages.
    **{
        f"projects.{name}": "API scope per role in tests/test_projects_api.py (pages and their matrix separately)"
        for name in (
            "NeedsSurvey", "Need", "Review", "Notice", "Criterion", "BidMember", "BidScore",
            "AgencyMark", "Agreement", "Amendment", "PerformanceTarget", "Milestone", "IndicatorSheet",
            "IndicatorItem", "EvaluationParty", "ItemScore",
        )
    },
    # Issue 23 C: the scoring panel has pages (formed on the bid page, scored on each member's sheet) whose scope per
    # role — the bureau and the project's town, each member's account, nobody else — is tested on the models and
    # the pages in tests/test_panels.py (test_who_sees_the_panel), and on its read-only API routes in
    # tests/test_panels_api.py.
    **{
        f"projects.{name}": "scope per role in tests/test_panels.py (test_who_sees_the_panel) and tests/test_panels_api.py"
        for name in ("Panel", "PanelMember", "MemberScore")
    },
    # Funding (issue 19): scope per role of lines and entries (pages and API) in tests/test_funding_views.py.
    "funding.BudgetLine": "scope per role in tests/test_funding_views.py (test_scope_matrix_of_lines_and_entries)",
    "funding.Entry": "scope per role in tests/test_funding_views.py (test_scope_matrix_of_lines_and_entries)",
    "funding.Tranche": "no pages or API of its own yet (admin only); read through the project's money panel",
    "funding.SourceKind": "reference data every role reads; changed by superusers in the admin only",
    "funding.Donation": "scope per role in tests/test_funding_donations.py (test_scope_of_donations_per_role)",
    "funding.CommitteeMember": "rows of a community fund's page (its inline formset), no pages or API of their own; "
                               "read through the fund, whose matrix is in tests/test_funding_charity_views.py",
    "wulian.AuditEvent": "the audit trail: only the audit administrator reads it (tests/test_security.py checks each administrator and role)",
    # Issue 20 item 5: the review of a document is a workflow whose rule names no role (superusers only).
    "wulian.PolicyProfile": "activated/deactivated by superusers only, through its transitions; "
                            "tests/test_policy_draft.py refuses every other role",
    "wulian.Target": "accepted/rejected/reopened by superusers only, through its transitions; "
                     "tests/test_policy_draft.py refuses every other role",
}
# Models of the portal's apps that are deliberately not scoped, and why.
UNSCOPED = {
    "wulian.ReportJob": "belongs to the user who asked for it (ReportJob.objects.for_user)",
    "wulian.ReportSchedule": "edited only in the Django admin (superusers); its jobs are shared through ReportJob.objects.for_user",
    "wulian.SummaryRefresh": "when a year's dashboard summaries were computed: one row per year, no figures of any region",
    "wulian.StateChange": "a record's state changes, read only on that record's page (its timeline), written by the write path",
    "volunteers.PendingStats": "region ids whose figures wait to be recomputed (volunteers.stats), never shown",
    "projects.ServiceRecord": "the project of an activity-log entry, read and written only with its entry, whose "
                               "rule (stations.Activity, its agency rows from projects.service) scopes it",
    "wulian.Sequence": "a counter per key and year (entry and project numbers), never shown (wulian.models.sequences)",
    # Policy documents are public policy, edited by superusers in the admin only; pages show the user's own area's.
    "wulian.ProfileRegion": "which region follows which document; changed by superusers in the admin only",
    "wulian.Phase": "a document's published phases; changed by superusers in the admin only",
    "wulian.LeadingGroupMember": "a document's published leading group (annex); changed by superusers in the admin only",
    # Level-3 security (issue 21): an account's own secrets and the county's policy, never listed on a page.
    "wulian.ApiToken": "one's own API tokens (the account's security page shows its own only; the hash is stored)",
    "wulian.PasswordHistory": "hashes of an account's last passwords, read by the password validator only",
    "wulian.TOTPDevice": "an account's authenticator secret (encrypted), used by the second-factor check only",
    "wulian.TwoFactorPolicy": "a county's second-factor rule, set in the Django admin (superusers)",
    "wulian.AuditArchive": "the archived audit files' hashes, written by archive_audit, read by verify_audit only",
}


def test_every_scoped_model_is_in_the_scope_matrix():
    in_matrix = {cls.model._meta.label for cls in _matrix_classes()}
    scoped = {model._meta.label for model in apps.get_models() if is_scoped(model)}
    assert scoped - in_matrix == set(OUTSIDE_MATRIX)


def test_every_model_of_the_portal_is_scoped_or_says_why_not():
    unscoped = {
        model._meta.label
        for label in settings.WULIAN_DOMAIN_APPS
        for model in apps.get_app_config(label).get_models()
        if not is_scoped(model)
    }
    assert unscoped == set(UNSCOPED)
