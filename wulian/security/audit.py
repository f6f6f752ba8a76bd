"""The audit trail: one append-only table, each row chained to the one before by a SHA-256 hash.

``record(...)`` appends an event; appends are serialised (a PostgreSQL advisory lock held to the end of the
transaction) so the chain has one order. ``verify()`` walks the chain and reports an edited row (its hash does not
match its content), a deleted row (a gap in ``seq``) and a broken link. ``archive(days)`` moves the entries older
than the retention period (at least 180 days, 网络安全法 第21条) to a JSON-lines file with its SHA-256 and keeps
the anchor where the chain continues; the database trigger lets nothing younger go.

The chain alone cannot tell that its newest rows were cut off (what is left is still a valid chain). So
``write_anchor()`` — a beat task every few minutes — appends the chain's head (seq, hash, time) to an append-only
file outside the database (``WULIAN_AUDIT_ANCHOR_DIR``, best on another machine or an ``chattr +a`` mount), and
``verify()`` checks that the head it last wrote is still in the chain with the same hash.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from wulian.models.security import AuditAction, AuditArchive, AuditEvent, AuditResult

__all__ = ["AuditAction", "AuditResult", "record", "record_request", "verify", "archive", "write_anchor"]

ANCHOR_FILE = "audit-anchors.jsonl"

LOCK_ID = 2102_1  # the advisory lock that serialises appends


def _address(request):
    if request is None:
        return None
    from wulian.net import client_address

    return client_address(request) or None


def record(action, *, user=None, username="", obj="", result=AuditResult.SUCCESS, detail="", address=None):
    """Append one event to the trail; returns it."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
        if last is None:
            anchor = AuditArchive.objects.order_by("-last_seq").values_list("last_seq", "last_hash").first()
            last = anchor or (0, "")
        event = AuditEvent(
            seq=last[0] + 1,
            at=timezone.now(),
            user=user,
            username=(getattr(user, "username", "") or username or "")[:150],
            action=str(action),
            object=str(obj or "")[:300],
            result=str(result),
            detail=str(detail or ""),
            remote_addr=address,
            prev_hash=last[1],
        )
        event.hash = event.compute_hash()
        event.save(force_insert=True)
    return event


def record_request(request, action, *, obj="", result=AuditResult.SUCCESS, detail="", user=None, username=""):
    """``record`` for an act in a request: its user and client address."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    return record(action, user=user, username=username, obj=obj, result=result, detail=detail,
                  address=_address(request))


def describe(obj) -> str:
    """How an object is named in the trail: its model label, primary key and name."""
    if obj is None:
        return ""
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return str(obj)
    return f"{meta.label}#{obj.pk} {obj}"[:300]


@dataclass
class Verdict:
    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _anchor_path(directory=None) -> Path:
    return Path(directory or settings.WULIAN_AUDIT_ANCHOR_DIR) / ANCHOR_FILE


def last_anchor(directory=None) -> dict | None:
    """The newest head written to the anchor file, or None when there is none yet."""
    path = _anchor_path(directory)
    if not path.exists():
        return None
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        handle.seek(max(handle.tell() - 4096, 0))
        lines = [line for line in handle.read().splitlines() if line.strip()]
    return json.loads(lines[-1]) if lines else None


def write_anchor(directory=None) -> dict | None:
    """Append the chain's head (seq, hash, time) to the anchor file, unless it is the one written last."""
    head = AuditEvent.objects.order_by("-seq").values("seq", "hash", "at").first()
    if head is None:
        return None
    previous = last_anchor(directory)
    if previous and previous["seq"] == head["seq"] and previous["hash"] == head["hash"]:
        return previous
    anchor = {"seq": head["seq"], "hash": head["hash"], "at": head["at"].isoformat(),
              "written": timezone.now().isoformat()}
    path = _anchor_path(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(anchor) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return anchor


def _check_anchor(verdict: Verdict, anchor: dict | None, head_seq: int, archived: AuditArchive | None) -> None:
    """The head last written outside the database must still be in the chain, with the same hash."""
    if anchor is None:
        return
    seq = anchor["seq"]
    if seq > head_seq:
        verdict.problems.append(
            f"#{head_seq + 1}–#{seq}: missing at the newest end (the anchor of {anchor['written']} names #{seq}; "
            "rows were cut off)"
        )
        return
    if archived is not None and seq <= archived.last_seq:
        if seq == archived.last_seq and archived.last_hash != anchor["hash"]:
            verdict.problems.append(f"#{seq}: its hash differs from the anchor's (edited)")
        return
    stored = AuditEvent.objects.filter(seq=seq).values_list("hash", flat=True).first()
    if stored != anchor["hash"]:
        verdict.problems.append(f"#{seq}: its hash differs from the anchor's (edited or replaced)")


def verify(batch: int = 5000, anchor_dir=None) -> Verdict:
    """Walk the whole chain in order; every edit, deletion or broken link is a problem, and so are rows cut from
    the newest end, found against the last anchor written outside the database."""
    verdict = Verdict()
    anchor = AuditArchive.objects.order_by("-last_seq").first()
    expected_seq = anchor.last_seq + 1 if anchor else None
    prev_hash = anchor.last_hash if anchor else ""
    after = anchor.last_seq if anchor else 0
    while True:
        rows = list(AuditEvent.objects.filter(seq__gt=after).order_by("seq")[:batch])
        if not rows:
            break
        for event in rows:
            if expected_seq is None:
                expected_seq = event.seq
                if event.seq != 1:
                    verdict.problems.append(f"#{event.seq}: the trail does not start at #1 (rows before it are missing)")
            if event.seq != expected_seq:
                verdict.problems.append(f"#{expected_seq}–#{event.seq - 1}: missing (deleted)")
            if event.prev_hash != prev_hash:
                verdict.problems.append(f"#{event.seq}: does not follow the row before it (a row was deleted or edited)")
            if event.compute_hash() != event.hash:
                verdict.problems.append(f"#{event.seq}: its content does not match its hash (edited)")
            verdict.checked += 1
            prev_hash = event.hash
            expected_seq = event.seq + 1
            after = event.seq
    _check_anchor(verdict, last_anchor(anchor_dir), after, anchor)
    return verdict


def archive(days: int | None = None, directory: Path | None = None) -> AuditArchive | None:
    """Move the entries older than ``days`` (never fewer than 180) to a hashed file; None when there are none."""
    days = max(int(days or settings.WULIAN_AUDIT_RETENTION_DAYS), 180)
    cutoff = timezone.now() - timezone.timedelta(days=days)
    directory = Path(directory or settings.WULIAN_AUDIT_ARCHIVE_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])
        old = list(AuditEvent.objects.filter(at__lt=cutoff).order_by("seq"))
        if not old:
            return None
        lines = [
            json.dumps(
                {
                    "seq": e.seq, "at": e.at.isoformat(), "user_id": e.user_id, "username": e.username,
                    "action": e.action, "object": e.object, "result": e.result, "detail": e.detail,
                    "remote_addr": e.remote_addr, "prev_hash": e.prev_hash, "hash": e.hash,
                },
                ensure_ascii=False,
            )
            for e in old
        ]
        body = ("\n".join(lines) + "\n").encode()
        digest = hashlib.sha256(body).hexdigest()
        path = directory / f"audit-{old[0].seq}-{old[-1].seq}-{timezone.now():%Y%m%d%H%M%S}.jsonl"
        path.write_bytes(body)
        Path(f"{path}.sha256").write_text(f"{digest}  {path.name}\n")
        entry = AuditArchive.objects.create(
            first_seq=old[0].seq, last_seq=old[-1].seq, last_hash=old[-1].hash, row_count=len(old),
            file_name=path.name, file_sha256=digest,
        )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL wulian.audit_archive = 'on'")
            cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE seq <= %s", [old[-1].seq])
    record(AuditAction.AUDIT_ARCHIVE, obj=path.name, detail=f"{len(old)} rows, sha256 {digest}")
    return entry
