"""Level-3 controls (等保 2.0, issue 21): second factor, API tokens, 三员分立, sessions, passwords, audit trail."""

from __future__ import annotations

import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from wulian.models import TOTPDevice

from tests.conftest import TEST_PASSWORD
from wulian.choices import Role
from wulian.models import AuditEvent, TwoFactorPolicy, User
from wulian.models.security import AuditAction, AuditResult
from wulian.security import audit, sessions, tokens, twofactor


def password_login(username, password=TEST_PASSWORD, client=None):
    """Log in through the login form only (the password, no second factor)."""
    client = client or Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def code_for(device, ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if ahead:
        totp.time = totp.time + device.step * ahead
    return f"{totp.token():06d}"


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


# -- the second factor -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/volunteers/people/", "/core/dashboard/", "/core/users/", "/admin/"])
def test_the_bureau_reaches_no_page_with_the_password_alone(cast, path):
    enrolled(cast.user_bureau)
    client = password_login("bureau")
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/")
    # The API too: a session that has not shown its second factor is refused.
    response = client.get("/api/agencies/")
    assert response.status_code == 403 and "第二因素" in response.json()["detail"]


def test_a_right_code_opens_the_pages_and_a_wrong_one_is_refused_and_logged(cast):
    device = enrolled(cast.user_bureau)
    client = password_login("bureau")
    response = client.post(reverse("two_factor"), {"code": "000000", "next": "/volunteers/people/"})
    assert "验证码不正确" in response.content.decode()
    assert client.get("/volunteers/people/").status_code == 302
    time.sleep(1.1)  # django-otp slows guessing down: a second after a wrong code, the next is looked at
    response = client.post(reverse("two_factor"), {"code": code_for(device), "next": "/volunteers/people/"})
    assert response.status_code == 302 and response["Location"] == "/volunteers/people/"
    assert client.get("/volunteers/people/").status_code == 200
    events = list(AuditEvent.objects.filter(user=cast.user_bureau).order_by("seq").values_list("action", "result"))
    assert events[-3:] == [
        (AuditAction.LOGIN, AuditResult.SUCCESS),
        (AuditAction.TWO_FACTOR, AuditResult.FAILURE),
        (AuditAction.TWO_FACTOR, AuditResult.SUCCESS),
    ]


def test_enrolment_shows_a_qr_code_and_gives_backup_codes_that_work_once(cast):
    client = password_login("bureau")
    response = client.get("/", follow=True)
    page = response.content.decode()
    assert "设置第二因素" in page and "<svg" in page
    device = TOTPDevice.objects.get(user=cast.user_bureau, confirmed=False)
    assert twofactor.secret_base32(device) in page
    response = client.post(reverse("two_factor_enrol"), {"code": code_for(device), "next": "/"})
    codes = response.context["codes"]
    assert len(codes) == 10 and "备用验证码" in response.content.decode()
    assert client.get("/").status_code == 200
    # A lost phone: a backup code logs in once.
    other = password_login("bureau")
    assert other.post(reverse("two_factor"), {"code": codes[0]}).status_code == 302
    assert other.get("/").status_code == 200
    third = password_login("bureau")
    third.post(reverse("two_factor"), {"code": codes[0]})
    assert third.get("/").status_code == 302


def test_other_roles_log_in_with_the_password_unless_their_county_asks_for_more(cast):
    client = password_login("hengqu")
    assert client.get("/").status_code == 200
    TwoFactorPolicy.objects.create(region=cast.mei, all_roles=True)
    client = password_login("hengqu")
    assert client.get("/").status_code == 302


def test_the_security_administrator_resets_a_lost_device_and_it_is_logged(cast):
    enrolled(cast.user_bureau)
    bureau = password_login("bureau")
    client = Client()
    client.force_login(cast.user_secadmin)
    page = client.get(reverse("wulian:user_security", args=[cast.user_bureau.pk])).content.decode()
    assert "已设置身份验证器" in page
    response = client.post(reverse("wulian:user_reset_two_factor", args=[cast.user_bureau.pk]), follow=True)
    assert "重新设置" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.user_bureau).exists()
    event = AuditEvent.objects.filter(action=AuditAction.TWO_FACTOR_RESET).get()
    assert (event.user, event.object.split()[0]) == (cast.user_secadmin, f"wulian.User#{cast.user_bureau.pk}")
    # The bureau's open session ended; its next login enrols a new device.
    assert bureau.get("/").status_code == 302
    assert password_login("bureau").get("/", follow=True).request["PATH_INFO"] == reverse("two_factor_enrol")


# -- API tokens ------------------------------------------------------------------------------------------------


def test_a_token_reads_within_its_scope_and_expiry_and_basic_auth_is_gone(cast):
    import base64

    client = Client()
    _, key = tokens.issue(cast.user_hengqu, "script", "read", days=30)
    assert client.get("/api/agencies/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    response = client.post("/api/agencies/", {}, content_type="application/json", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 403 and "只读" in response.json()["detail"]
    token, old = tokens.issue(cast.user_hengqu, "old", "read", days=1)
    token.expires_at = timezone.now() - timezone.timedelta(minutes=1)
    token.save()
    assert client.get("/api/agencies/", HTTP_AUTHORIZATION=f"Token {old}").status_code in (401, 403)
    basic = base64.b64encode(f"hengqu:{TEST_PASSWORD}".encode()).decode()
    assert client.get("/api/agencies/", HTTP_AUTHORIZATION=f"Basic {basic}").status_code in (401, 403)


def test_tokens_are_issued_and_revoked_on_the_security_page_and_logged(cast, as_user):
    client = as_user("hengqu")
    response = client.post(reverse("account_security"), {"name": "统计脚本", "scope": "read", "days": 30})
    key = response.context["key"]
    assert key.startswith("wl_") and key in response.content.decode()
    assert Client().get("/api/agencies/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    token = cast.user_hengqu.api_tokens.get()
    assert key not in token.key_hash  # only the hash is kept
    client.post(reverse("api_token_revoke", args=[token.pk]))
    assert Client().get("/api/agencies/", HTTP_AUTHORIZATION=f"Token {key}").status_code in (401, 403)
    assert list(AuditEvent.objects.filter(action=AuditAction.TOKEN).values_list("detail", flat=True))[0] == "revoked"


# -- 三员分立 ----------------------------------------------------------------------------------------------------

ADMIN_PAGES = {
    "sysadmin": ["/core/users/", "/core/users/add/"],
    "secadmin": ["/core/users/", "security"],
    "auditor": ["/core/audit/"],
}


@pytest.mark.parametrize("username", ["sysadmin", "secadmin", "auditor"])
def test_each_administrator_opens_its_own_pages_and_is_refused_the_others(cast, as_user, username):
    client = as_user(username)
    target = cast.user_hengqu

    def url(path):
        return reverse("wulian:user_security", args=[target.pk]) if path == "security" else path

    own = {url(p) for p in ADMIN_PAGES[username]}
    others = {url(p) for name, paths in ADMIN_PAGES.items() if name != username for p in paths} - own
    for path in own:
        assert client.get(path).status_code == 200, path
    for path in others:
        assert client.get(path).status_code in (403, 404), path
    # No business page, no business API, no Django admin.
    for path in ("/volunteers/people/", "/stations/stations/", "/core/dashboard/", "/api/agencies/", "/api/volunteers/"):
        assert client.get(path).status_code in (302, 403, 404), path
    assert client.get("/admin/").status_code == 302  # to the admin's own login: not staff
    # Every refusal an administrator meets is in the trail.
    assert AuditEvent.objects.filter(user__username=username, action=AuditAction.REFUSED).count() >= len(others)


def test_the_system_administrator_cannot_grant_rights_and_the_security_administrator_cannot_open_accounts(cast, as_user):
    target = cast.user_hengqu
    response = as_user("sysadmin").post(
        reverse("wulian:user_security", args=[target.pk]), {"role": Role.BUREAU_ADMIN, "region": cast.mei.pk}
    )
    assert response.status_code == 403
    response = as_user("sysadmin").post(reverse("wulian:user_edit", args=[target.pk]),
                                        {"username": "hengqu", "full_name": "张伟", "role": Role.BUREAU_ADMIN,
                                         "is_active": "on"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.role == Role.TOWN_STAFF  # the role is not a field of the system administrator's form
    assert as_user("secadmin").post(reverse("wulian:user_add"), {"username": "x"}).status_code == 403
    assert as_user("auditor").post(reverse("wulian:user_unlock", args=[target.pk])).status_code == 403
    # The administrators' acts and refusals are audited with who, where, what and the result.
    acts = AuditEvent.objects.filter(user__role__in=["sys_admin", "sec_admin", "audit_admin"])
    assert acts.filter(result=AuditResult.FAILURE).count() >= 3
    assert acts.filter(action=AuditAction.ADMIN, result=AuditResult.SUCCESS, object__contains="/edit/").exists()


def test_a_role_or_scope_change_is_audited_and_administrators_are_out_of_reach(cast, as_user):
    client = as_user("secadmin")
    client.post(reverse("wulian:user_security", args=[cast.user_hengqu.pk]),
                {"role": Role.TOWN_STAFF, "region": cast.shoushan.pk})
    event = AuditEvent.objects.get(action=AuditAction.ROLE_SCOPE)
    assert str(cast.hengqu.pk) in event.detail and str(cast.shoushan.pk) in event.detail
    for admin in ("sysadmin", "auditor"):
        pk = cast.users[admin].pk
        assert client.get(reverse("wulian:user_security", args=[pk])).status_code == 404
    form = client.get(reverse("wulian:user_security", args=[cast.user_hengqu.pk])).context["form"]
    assert "sys_admin" not in dict(form.fields["role"].choices)


def test_the_audit_administrator_searches_and_exports_the_trail(cast, as_user):
    password_login("hengqu")
    Client().post(reverse("login"), {"username": "hengqu", "password": "wrong-password"})
    client = as_user("auditor")
    page = client.get("/core/audit/", {"q": "hengqu", "action": AuditAction.LOGIN_FAILED}).content.decode()
    assert "登录失败" in page and "hengqu" in page
    response = client.get("/core/audit/", {"q": "hengqu", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.filter(user=cast.user_auditor, action=AuditAction.EXPORT).exists()


# -- sessions and passwords -----------------------------------------------------------------------------------


def test_an_idle_session_ends_and_the_page_warns_before(cast, settings):
    client = password_login("hengqu")
    page = client.get("/").content.decode()
    assert f'data-idle-timeout="{settings.WULIAN_IDLE_TIMEOUT}"' in page
    session = client.session
    session[sessions.LAST_SEEN] = time.time() - settings.WULIAN_IDLE_TIMEOUT - 5
    session.save()
    response = client.get("/volunteers/people/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "长时间未操作" in client.get(response["Location"]).content.decode()
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.SESSION_ENDED, detail="idle timeout").exists()


def test_a_new_login_ends_the_other_session_of_the_account(cast, settings):
    first = password_login("hengqu")
    assert first.get("/").status_code == 200
    second = password_login("hengqu")
    assert second.get("/").status_code == 200
    assert first.get("/").status_code == 302
    settings.WULIAN_SINGLE_SESSION = False
    third = password_login("hengqu")
    assert second.get("/").status_code == 200 and third.get("/").status_code == 200


def test_the_next_page_after_login_says_when_and_from_where_the_last_login_was(cast):
    password_login("hengqu")
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.post(reverse("login"), {"username": "hengqu", "password": TEST_PASSWORD})
    page = client.get("/").content.decode()
    assert "上次登录" in page and "127.0.0.1" in page


@pytest.mark.parametrize(
    "password, message",
    [("Ab-1", "至少"), ("abcdefghij-", "至少混合"), ("ABCDEFGHIJ12", "至少混合")],
)
def test_weak_passwords_are_refused(cast, as_user, password, message):
    response = as_user("hengqu").post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200 and message in response.content.decode()


def test_none_of_the_last_five_passwords_again(cast, as_user):
    user = cast.user_hengqu
    for n in range(5):
        user.set_password(f"Older-pass-{n}0")
        user.save()
    user.set_password(TEST_PASSWORD)
    user.save()
    client = as_user("hengqu")
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "Older-pass-10", "new_password2": "Older-pass-10"},
    )
    assert "最近用过" in response.content.decode()
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "Older-pass-00", "new_password2": "Older-pass-00"},
    )
    assert response.status_code == 302  # the sixth before is allowed again


def test_an_administrators_old_password_must_be_changed_first(cast):
    User.objects.filter(pk=cast.user_auditor.pk).update(
        password_changed_at=timezone.now() - timezone.timedelta(days=91)
    )
    client = password_login("auditor")
    session = client.session
    session[twofactor.VERIFIED] = True
    session.save()
    response = client.get("/core/audit/")
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    response = client.post(reverse("password_change"), {
        "old_password": TEST_PASSWORD, "new_password1": "Audit-Trail-2026", "new_password2": "Audit-Trail-2026",
    }, follow=True)
    assert client.get("/core/audit/").status_code == 200


# -- the audit trail -------------------------------------------------------------------------------------------


def _some_events(n=5):
    return [audit.record(AuditAction.ADMIN, username="tester", obj=f"act {i}") for i in range(n)]


def test_the_chain_is_intact_after_normal_use(cast):
    _some_events()
    call_command("verify_audit")


def test_the_database_refuses_to_change_or_delete_an_audit_row(cast):
    event = _some_events(2)[0]
    for sql in (
        f"UPDATE wulian_auditevent SET detail = 'nothing happened' WHERE seq = {event.seq}",
        f"DELETE FROM wulian_auditevent WHERE seq = {event.seq}",
    ):
        with pytest.raises(DatabaseError, match="append-only"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(detail="x")


def _bypassing_the_trigger(sql):
    """What an attacker with the database owner's rights could do: switch the trigger off, then write."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE wulian_auditevent DISABLE TRIGGER wulian_auditevent_append_only")
        cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE wulian_auditevent ENABLE TRIGGER wulian_auditevent_append_only")


def test_verify_audit_finds_an_edited_row(cast):
    events = _some_events()
    _bypassing_the_trigger(f"UPDATE wulian_auditevent SET object = 'harmless' WHERE seq = {events[2].seq}")
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit")
    verdict = audit.verify()
    assert any(f"#{events[2].seq}" in p and "edited" in p for p in verdict.problems)


def test_verify_audit_finds_a_deleted_row(cast):
    events = _some_events()
    _bypassing_the_trigger(f"DELETE FROM wulian_auditevent WHERE seq = {events[2].seq}")
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit")
    verdict = audit.verify()
    assert any(f"#{events[2].seq}" in p and "deleted" in p for p in verdict.problems)


def test_old_entries_are_archived_to_a_hashed_file_and_the_chain_still_verifies(cast, tmp_path):
    import hashlib

    import time_machine

    with time_machine.travel(timezone.now() - timezone.timedelta(days=200)):
        old = _some_events(3)
    newer = _some_events(2)
    assert audit.verify().ok
    with pytest.raises(DatabaseError, match="append-only"):  # the database lets nothing younger than 180 days go
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL wulian.audit_archive = 'on'")
            cursor.execute(f"DELETE FROM wulian_auditevent WHERE seq = {newer[0].seq}")
    entry = audit.archive(180, tmp_path)
    assert entry.last_seq == old[-1].seq and entry.row_count >= 3
    body = (tmp_path / entry.file_name).read_bytes()
    assert hashlib.sha256(body).hexdigest() == entry.file_sha256
    assert (tmp_path / f"{entry.file_name}.sha256").read_text().split()[0] == entry.file_sha256
    assert f'"hash": "{old[-1].hash}"' in body.decode()
    assert not AuditEvent.objects.filter(seq__lte=entry.last_seq).exists()
    assert AuditEvent.objects.filter(seq=newer[0].seq).exists()
    call_command("verify_audit")  # the chain continues from the archive's anchor


def test_the_database_refuses_to_truncate_the_audit_trail_even_for_the_tables_owner(cast):
    """TRUNCATE is no row event: a statement trigger refuses it, for the table's owner too (migration 0022)."""
    import uuid

    _some_events(2)
    owner = f"wulian_test_owner_{uuid.uuid4().hex[:8]}"
    for table in ("wulian_auditevent", "wulian_auditarchive"):
        with pytest.raises(DatabaseError, match="TRUNCATE refused"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"CREATE ROLE {owner} NOLOGIN")
                cursor.execute(f"ALTER TABLE {table} OWNER TO {owner}")
                cursor.execute(f"SET LOCAL ROLE {owner}")
                cursor.execute("SELECT tableowner = current_user FROM pg_tables WHERE tablename = %s", [table])
                assert cursor.fetchone() == (True,)  # the one truncating owns the table
                cursor.execute(f"TRUNCATE {table}")
    assert AuditEvent.objects.count() >= 2
    call_command("verify_audit")


def test_rows_cut_from_the_newest_end_are_found_against_the_anchor_outside_the_database(cast, settings):
    from wulian.tasks import anchor_audit

    events = _some_events(5)
    assert anchor_audit() == events[-1].seq  # the beat task writes the head to the anchor file
    assert "anchor_audit" in settings.CELERY_BEAT_SCHEDULE["anchor-audit-trail"]["task"]
    anchor_file = settings.WULIAN_AUDIT_ANCHOR_DIR / audit.ANCHOR_FILE
    assert f'"seq": {events[-1].seq}' in anchor_file.read_text()
    call_command("verify_audit")
    # What is left after cutting the last two rows is still a valid chain; only the anchor tells.
    _bypassing_the_trigger(f"DELETE FROM wulian_auditevent WHERE seq >= {events[-2].seq}")
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit")
    verdict = audit.verify()
    assert any(f"#{events[-2].seq}–#{events[-1].seq}" in p and "cut off" in p for p in verdict.problems)


def test_a_replaced_head_is_found_against_the_anchor(cast):
    events = _some_events(3)
    audit.write_anchor()
    anchor_line_count = len((audit._anchor_path()).read_text().splitlines())
    audit.write_anchor()  # the same head is written once
    assert len(audit._anchor_path().read_text().splitlines()) == anchor_line_count
    _bypassing_the_trigger(f"DELETE FROM wulian_auditevent WHERE seq = {events[-1].seq}")
    audit.record(AuditAction.ADMIN, username="tester", obj="a forged last act")  # re-chained, same seq
    verdict = audit.verify()
    assert any(f"#{events[-1].seq}" in p and "anchor" in p for p in verdict.problems)
