"""The rules of community funds and fundraising projects: their figures, posting their movements on the host
charity's ledger line, the committee's approval of a fund's use, 不动本, and when a disclosure is due.

A fund has no account of its own (seed 004 §二.1; NOTES "Money"): its income is an entry of kind donation and
its use an entry of kind use on the host charity's budget line of the budget year, posted by
``funding.ledger.post`` in the same write as the movement (one transaction). The fund's own limits are
checked under the fund's (or the fundraising project's) row lock, taken first (``lock=``), before the ledger
locks the host's line: two uses of one fund queue on the fund, and neither can draw what the other took.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Sum
from django.utils.translation import gettext as _

from wulian.money import format_money
from wulian.writes import Refused

from .. import years
from ..choices import Category, EntryKind, Purpose, SourceGroup
from .models import INCOME_KINDS, CharityMovement, CommunityFund, DisclosureKind, Fundraising, MovementKind

M = MovementKind
DISCLOSURE_EVERY = relativedelta(months=3)  # 慈善法第79条: at least every three months while running
FINAL_WITHIN = relativedelta(months=3)  # and in full within three months of the end


def _movements(owner):
    field = "fund" if isinstance(owner, CommunityFund) else "fundraising"
    return CharityMovement.objects.filter(**{field: owner})


def sums(owner) -> dict[str, Decimal]:
    rows = _movements(owner).values("kind").annotate(total=Sum("amount"))
    by_kind = {kind: Decimal(0) for kind in M.values}
    by_kind.update({row["kind"]: row["total"] for row in rows})
    return by_kind


def figures(owner) -> dict:
    """Income, use and balance (and, for a fund, its principal and the income still usable)."""
    s = sums(owner)
    income = s[M.PRINCIPAL] + s[M.EARNING] + s[M.DONATION]
    result = {"income": income, "used": s[M.USE], "balance": income - s[M.USE], "principal": s[M.PRINCIPAL],
              "earning": s[M.EARNING]}
    keeps = isinstance(owner, CommunityFund) and owner.keeps_principal
    result["usable"] = (s[M.EARNING] - s[M.USE]) if keeps else result["balance"]
    return result


def host_line(user, charity, region_id: int, day: dt.date):
    """The host charity's budget line for the funds of one region: the host's books, kept per region so that a
    town or community sees its own funds' entries. One line for all years (opened in the year of its first
    movement): a fund's balance is not a yearly budget and carries over without carry-forward entries."""
    from ..models import BudgetLine, SourceKind

    line = (BudgetLine.objects.filter(purpose=Purpose.CHARITY, charity=charity, region_id=region_id)
            .order_by("pk").first())
    if line is None:
        source = SourceKind.objects.filter(name="社区基金").first() or SourceKind.objects.create(
            name="社区基金", group=SourceGroup.SOCIAL)
        line = BudgetLine.objects.create(purpose=Purpose.CHARITY, charity=charity, year=years.budget_year_of(day),
                                         source=source, category=Category.ACTIVITY, region_id=region_id,
                                         created_by=user, note=_("Books of the community funds and fundraising projects"))
    return line


def check_approval(fund: CommunityFund, approvers, approved_on) -> None:
    """A fund's use needs the approval of a majority of its serving committee, with the date."""
    members = set(fund.members.filter(active=True).values_list("pk", flat=True))
    if not members:
        raise Refused(_("The fund has no committee: record its members before a use can be approved."),
                      field="approved_by")
    chosen = {m.pk for m in approvers}
    if not chosen <= members:
        raise Refused(_("Only serving members of this fund's committee approve its uses."), field="approved_by")
    if len(chosen) * 2 <= len(members) or approved_on is None:
        raise Refused(_("A use of a community fund needs the approval of a majority of its committee "
                        "(%(needed)d of %(members)d members) and the date of the approval; nothing was posted.")
                      % {"needed": len(members) // 2 + 1, "members": len(members)}, field="approved_by")


def _limit(owner, kind, amount, exclude_pk=None):
    """Under the owner's row lock: a use never exceeds the balance, and of a 不动本 fund never the income."""
    type(owner)._default_manager.select_for_update(of=("self",)).filter(pk=owner.pk).values_list("pk").first()
    if kind != M.USE:
        return
    movements = _movements(owner)
    if exclude_pk is not None:
        movements = movements.exclude(pk=exclude_pk)
    owner_sums = {k: Decimal(0) for k in M.values}
    owner_sums.update({r["kind"]: r["total"] for r in movements.values("kind").annotate(total=Sum("amount"))})
    used = owner_sums[M.USE]
    if isinstance(owner, CommunityFund) and owner.keeps_principal:
        usable = owner_sums[M.EARNING] - used
        if amount > usable:
            raise Refused(_("“%(fund)s” keeps its principal (不动本): only its income may be used — %(usable)s元 "
                            "available, %(amount)s元 asked. The principal of %(principal)s元 is not used; nothing "
                            "was posted.") % {"fund": owner, "usable": format_money(max(usable, Decimal(0))),
                                              "amount": format_money(amount),
                                              "principal": format_money(owner_sums[M.PRINCIPAL])}, field="amount")
        return
    usable = sum(owner_sums[k] for k in INCOME_KINDS) - used
    if amount > usable:
        raise Refused(_("“%(owner)s” has a balance of %(usable)s元; a use of %(amount)s元 would overdraw it. Nothing "
                        "was posted.") % {"owner": owner, "usable": format_money(max(usable, Decimal(0))),
                                         "amount": format_money(amount)}, field="amount")


def check_movement(movement: CharityMovement, approvers=()) -> None:
    """What a movement must satisfy before it is posted (the write path calls it with the saved row)."""
    owner = movement.owner
    if owner is None:
        raise Refused(_("Choose either a community fund or a fundraising project."), field="fund")
    if isinstance(owner, CommunityFund):
        if movement.kind == M.DONATION:
            raise Refused(_("A community fund receives principal or income."), field="kind")
        if movement.kind == M.USE:
            check_approval(owner, approvers, movement.approved_on)
    elif movement.kind in (M.PRINCIPAL, M.EARNING):
        raise Refused(_("A fundraising project receives donations."), field="kind")
    if movement.kind == M.USE and not (movement.description or "").strip():
        raise Refused(_("Describe the use."), field="description")


def post_movement(user, movement: CharityMovement, approvers=()) -> CharityMovement:
    """Check and post a saved movement (inside the write that saved it): its ledger entry on the host's line,
    once (the movement's own idempotency key)."""
    from .. import ledger

    if movement.entry_id:
        return movement
    check_movement(movement, approvers)
    owner = movement.owner
    line = host_line(user, owner.host, owner.region_id, movement.date)
    kind = EntryKind.USE if movement.kind == M.USE else EntryKind.DONATION
    note = f"{owner}：{movement.get_kind_display()} {movement.number}"
    entry = ledger.post(user, [ledger.Posting(line.pk, kind, movement.amount, {"date": movement.date,
                                                                                "note": note[:200]})],
                        key=f"charity:{movement.pk}", lock=lambda: _limit(owner, movement.kind, movement.amount,
                                                                            exclude_pk=movement.pk))[0]
    CharityMovement.objects.filter(pk=movement.pk).update(entry=entry)
    movement.entry = entry
    return movement


def reversal_lock(original_entry):
    """The check a reversal of ``original_entry`` runs first, under the fund's lock, when the entry is a
    charity movement's (``funding.ledger.reverse``); ``None`` for any other entry. Taking back an income may not
    leave a 不动本 fund's usable income, or any balance, below zero."""
    movement = CharityMovement.objects.filter(entry_id=original_entry.pk).select_related("fund", "fundraising").first()
    if movement is None:
        return None

    def lock():
        owner = movement.owner
        type(owner)._default_manager.select_for_update(of=("self",)).filter(pk=owner.pk).values_list("pk").first()
        if movement.kind == M.USE:
            return
        after = sums(owner)
        after[movement.kind] -= movement.amount
        balance = sum(after[k] for k in INCOME_KINDS) - after[M.USE]
        keeps = isinstance(owner, CommunityFund) and owner.keeps_principal
        if keeps and after[M.EARNING] - after[M.USE] < 0:
            raise Refused(_("“%(fund)s” keeps its principal (不动本): its uses were paid from this income, and taking "
                            "it back would leave %(usable)s元 of usable income. Nothing was reversed.")
                          % {"fund": owner, "usable": format_money(after[M.EARNING] - after[M.USE])})
        if balance < 0:
            raise Refused(_("Taking back %(amount)s元 would leave “%(owner)s” a balance of %(balance)s元. Nothing was "
                            "reversed.") % {"amount": format_money(movement.amount), "owner": owner,
                                           "balance": format_money(balance)})

    return lock


def record_reversal(user, original_entry, reversal_entry) -> CharityMovement | None:
    """Write the counter-movement of a reversed movement's entry (in the reversal's transaction): the same fund
    and kind, the opposite amount, pointing at the reversal entry; once."""
    movement = CharityMovement.objects.filter(entry_id=original_entry.pk).first()
    if movement is None:
        return None
    done = CharityMovement.objects.filter(reverses=movement).first()
    if done is not None:
        return done
    counter = CharityMovement(
        fund_id=movement.fund_id, fundraising_id=movement.fundraising_id, kind=movement.kind,
        amount=-movement.amount, date=reversal_entry.date, reverses=movement, entry=reversal_entry,
        description=(_("Reversal of %(number)s: %(reason)s") % {"number": movement.number,
                                                                "reason": reversal_entry.reason})[:200])
    prepare(counter, user)
    counter.save()
    return counter


def record(user, movement: CharityMovement, approvers=()) -> CharityMovement:
    """Save and post a new movement in one write (pages, API, demo and tests come through here)."""
    from wulian.writes import write

    def save():
        prepare(movement, user)
        movement.save()
        if approvers:
            movement.approved_by.set(approvers)
        return post_movement(user, movement, approvers)

    return write(user, "add", save)


def prepare(movement: CharityMovement, user) -> None:
    from wulian.models import next_number

    owner = movement.owner
    if owner is not None:
        movement.region_id = owner.region_id
    if not movement.number:
        day = movement.date or dt.date.today()
        movement.number = f"CS{day.year}-{next_number('funding:charity', day.year):05d}"
    if movement.recorded_by_id is None:
        movement.recorded_by = user


# -- disclosure ------------------------------------------------------------------------------------------------


def disclosure_status(owner, today: dt.date, last=None) -> dict:
    """When the next disclosure of ``owner`` is due and whether it is overdue (慈善法第79条).

    While running: three months after the start or the last disclosure. After the end: a final disclosure
    within three months of the end; once filed, nothing more is due.
    """
    disclosures = list(owner.disclosures.all()) if last is None else last
    final = [d for d in disclosures if d.kind == DisclosureKind.FINAL]
    latest = max((d.published_on for d in disclosures), default=None)
    end = owner.ends_on
    if final:
        return {"due_on": None, "overdue": False, "final": True, "last": latest}
    if end is not None and today > end:
        due = end + FINAL_WITHIN
        return {"due_on": due, "overdue": today > due, "final": True, "last": latest}
    due = (latest or owner.starts_on) + DISCLOSURE_EVERY
    if end is not None and due > end + FINAL_WITHIN:
        due = end + FINAL_WITHIN
    return {"due_on": due, "overdue": today > due, "final": False, "last": latest}


def disclosure_due(owner, today: dt.date) -> bool:
    """Due now: the date has come (a disclosure is due on its day, overdue after it)."""
    status = disclosure_status(owner, today)
    return status["due_on"] is not None and today >= status["due_on"]


def file_disclosure(user, disclosure) -> object:
    """Record a published disclosure with the figures of its owner on that day."""
    from wulian.writes import write

    def save():
        owner = disclosure.owner
        if owner is None:
            raise Refused(_("Choose either a community fund or a fundraising project."), field="fund")
        type(owner)._default_manager.select_for_update(of=("self",)).filter(pk=owner.pk).values_list("pk").first()
        f = figures(owner)
        disclosure.region_id = owner.region_id
        disclosure.income, disclosure.used, disclosure.balance = f["income"], f["used"], f["balance"]
        if disclosure.recorded_by_id is None:
            disclosure.recorded_by = user
        if disclosure.kind == DisclosureKind.FINAL and owner.ends_on and disclosure.published_on < owner.ends_on:
            raise Refused(_("The final disclosure is published after the end (%(end)s).") % {"end": owner.ends_on},
                          field="kind")
        disclosure.save()
        return disclosure

    return write(user, "add", save)


def overdue(queryset, today: dt.date) -> list:
    """The rows of ``queryset`` (funds or fundraising projects, disclosures prefetched) whose disclosure is
    overdue, each with its status."""
    rows = []
    for owner in queryset.prefetch_related("disclosures"):
        status = disclosure_status(owner, today)
        if status["overdue"]:
            rows.append((owner, status))
    return rows


def owner_types():
    return (CommunityFund, Fundraising)
