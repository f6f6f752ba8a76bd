"""Posting to the ledger: the only code that adds entries and moves a line's sums.

Every posting runs inside ``wulian.writes.write`` (one transaction): it locks what it needs in one order —
the milestone (for a payment), then the lines by primary key (``lock_rows``) — checks under those locks that
no line goes below zero available (budget − committed − spent) and no tranche is paid twice or beyond its
contract, adds the entries, and stores the lines' new sums. The database checks the same sums again
(``budgetline_never_overspent``), so even a bug here cannot overspend.

An idempotency key names the business event ("pay milestone 12", a form's one-time token): posting it again
returns the entry already posted instead of posting twice — a double click or a retried API call pays once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wulian.models import next_number
from wulian.money import format_money, to_money
from wulian.writes import Refused, lock_rows, write

from .choices import BOND_MAX_SHARE, EFFECTS, ClawbackBasis, Condition, EntryKind, Purpose
from .models import BudgetLine, Entry

K = EntryKind


@dataclass
class Posting:
    line_id: int
    kind: str
    amount: Decimal
    fields: dict


def _number(date: dt.date) -> str:
    return f"{date.year}-{next_number('funding:entry', date.year):06d}"


def _apply(lines: dict, postings: list[Posting], reverses: Entry | None = None) -> list[tuple[Posting, tuple]]:
    """Move each locked line's sums by its postings and check them; return each posting's deltas."""
    result = []
    for p in postings:
        line = lines[p.line_id]
        if reverses is not None:
            deltas = (-reverses.d_budget, -reverses.d_committed, -reverses.d_spent)
        else:
            sign = EFFECTS[p.kind]
            deltas = tuple(p.amount * s for s in sign)
        line.budget += deltas[0]
        line.committed += deltas[1]
        line.spent += deltas[2]
        if line.committed < 0:
            raise Refused(_("More would be paid or released than “%(line)s” has committed; nothing was posted.")
                          % {"line": line})
        if line.budget - line.committed - line.spent < 0:
            before = (line.budget - deltas[0]) - (line.committed - deltas[1]) - (line.spent - deltas[2])
            raise Refused(
                _("“%(line)s” has %(available)s元 available; %(amount)s元 would overspend it. Nothing was posted.")
                % {"line": line, "available": format_money(max(before, Decimal(0))), "amount": format_money(p.amount)},
                field="amount",
            )
        result.append((p, deltas))
    return result


def post(user, postings: list[Posting], *, key: str | None = None, reverses: Entry | None = None,
         lock=None) -> list[Entry]:
    """Post ``postings`` as one event (all or nothing) and return their entries.

    ``key``: the event's idempotency key; an event already posted under it is returned as it is.
    ``lock``: a callable run first inside the transaction (it locks and checks e.g. the milestone).
    """
    for p in postings:
        p.amount = to_money(p.amount)
        if p.amount <= 0:
            raise Refused(_("An amount must be above zero."), field="amount")

    def save():
        if lock is not None:
            lock()
        lines = lock_rows(BudgetLine, [p.line_id for p in postings])
        if len(lines) != len({p.line_id for p in postings}):
            raise Refused(_("A budget line of this posting no longer exists; nothing was posted."))
        if key:
            done = list(Entry.objects.filter(idempotency_key__startswith=f"{key}#").order_by("pk"))
            if done:
                return done
        entries = []
        for i, (p, deltas) in enumerate(_apply(lines, postings, reverses)):
            line = lines[p.line_id]
            date = p.fields.pop("date", None) or timezone.localdate()
            entries.append(Entry.objects.create(
                number=_number(date), line=line, region_id=line.region_id, kind=p.kind, amount=p.amount,
                d_budget=deltas[0], d_committed=deltas[1], d_spent=deltas[2], date=date, posted_by=user,
                idempotency_key=f"{key}#{i}" if key else None, reverses=reverses,
                counterpart=entries[0] if i and p.kind in (K.TRANSFER_IN, K.CARRY_IN) else None,
                project_id=p.fields.pop("project_id", None) or line.project_id, **p.fields,
            ))
        for line in lines.values():
            BudgetLine.objects.filter(pk=line.pk).update(budget=line.budget, committed=line.committed, spent=line.spent)
        return entries

    try:
        return write(user, "view", save)
    except Refused:
        if key:  # a concurrent twin posted the same event: its entries are the answer
            done = list(Entry.objects.filter(idempotency_key__startswith=f"{key}#").order_by("pk"))
            if done:
                return done
        raise


def post_one(user, line: BudgetLine, kind: str, amount, *, key: str | None = None, **fields) -> Entry:
    if kind not in EFFECTS:
        raise Refused(_("This kind of entry is not posted by hand."), field="kind")
    return post(user, [Posting(line.pk, kind, amount, fields)], key=key)[0]


def transfer(user, source: BudgetLine, target: BudgetLine, amount, *, reason: str, carry: bool = False,
             key: str | None = None, date=None) -> list[Entry]:
    """Move ``amount`` of budget from one line to another (a carry-forward when ``carry``): two entries."""
    if source.pk == target.pk:
        raise Refused(_("Choose another line to transfer to."), field="target")
    if carry and target.year != source.year + 1:
        raise Refused(_("A carry-forward goes to a line of the next budget year."), field="target")
    if not (reason or "").strip():
        raise Refused(_("Give the reason."), field="reason")
    out_kind, in_kind = (K.CARRY_OUT, K.CARRY_IN) if carry else (K.TRANSFER_OUT, K.TRANSFER_IN)
    common = {"reason": reason, "date": date}
    return post(user, [Posting(source.pk, out_kind, amount, dict(common)),
                       Posting(target.pk, in_kind, amount, dict(common))], key=key)


def reverse(user, entry_pk: int, reason: str, *, key: str | None = None) -> Entry:
    """Post the reversal of entry ``entry_pk``: the same line, the opposite sums, the original and the reason."""
    if not (reason or "").strip():
        raise Refused(_("Give the reason for the reversal."), field="reason")
    original = Entry.objects.restrict(user, "reverse").filter(pk=entry_pk).first()
    if original is None:
        raise Refused(_("This entry cannot be reversed (it is a reversal, or it was already reversed)."))
    if _live(Entry.objects.filter(original=original)).exists():
        raise Refused(_("A claw-back or a release names this entry: reverse that first."))
    fields = {"reason": reason, "project_id": original.project_id, "milestone_id": original.milestone_id}
    from .charity import rules as charity

    def save():
        # A charity movement's entry: the fund's own rule first (under the fund's lock), and the counter-movement
        # in the same transaction, so the fund's figures follow the ledger.
        entry = post(user, [Posting(original.line_id, K.REVERSAL, original.amount, fields)],
                     key=key or f"reverse:{original.pk}", reverses=original, lock=charity.reversal_lock(original))[0]
        charity.record_reversal(user, original, entry)
        return entry

    try:
        return write(user, "view", save)
    except IntegrityError as exc:  # pragma: no cover - the one-to-one refuses a second reversal
        raise Refused(_("This entry was already reversed.")) from exc


# -- contracts ---------------------------------------------------------------------------------------------------


def net(queryset, field="amount") -> Decimal:
    """What entries sum to after their reversals: payments minus reversed payments."""
    posted = queryset.aggregate(s=Sum(field))["s"] or Decimal(0)
    reversed_ = Entry.objects.filter(reverses__in=queryset).aggregate(s=Sum("amount"))["s"] or Decimal(0)
    return posted - reversed_


def commit_agreement(user, agreement, line: BudgetLine, *, key: str | None = None) -> Entry:
    """A signed agreement commits its amount on the project's line (once)."""
    from projects.models import Agreement

    if not agreement.is_signed:
        raise Refused(_("Only a signed agreement commits money."))
    if line.purpose != Purpose.PROJECT or line.project_id != agreement.project_id:
        raise Refused(_("Choose a line of the agreement's project."), field="line")

    def lock():
        Agreement.objects.select_for_update(of=("self",)).filter(pk=agreement.pk).first()
        committed = net(Entry.objects.filter(project_id=agreement.project_id, kind=K.COMMITMENT))
        if committed >= agreement.amount:
            raise Refused(_("The agreement's amount is already committed."))

    return post(user, [Posting(line.pk, K.COMMITMENT, agreement.amount, {"project_id": agreement.project_id})],
                key=key or f"commit:{agreement.pk}", lock=lock)[0]


def failed(project) -> bool:
    """Whether the project was evaluated 不合格 (its remaining tranches frozen, its payments recoverable)."""
    from projects.choices import Grade
    from projects.models import Evaluation

    return project.grade == Grade.FAIL or Evaluation.objects.filter(project=project, grade=Grade.FAIL).exists()


def tranche_condition_met(milestone, on: dt.date) -> str | None:
    """Why the milestone may not be paid yet (a Chinese sentence), or None when it may."""
    from projects.choices import Grade, MilestoneStatus
    from projects.models import Evaluation

    project = milestone.project
    if failed(project):
        return _("The project was evaluated 不合格: its remaining tranches are frozen.")
    tranche = getattr(milestone, "tranche", None)
    if tranche is not None and tranche.condition == Condition.ADVANCE:
        return None  # 预付款: paid once the agreement is signed (checked when paying), before any milestone
    if milestone.status != MilestoneStatus.MET:
        return _("The milestone is not confirmed as met yet: the agency reports it with evidence and the bureau "
                 "confirms it before it is paid.")
    if milestone.due_on > on:
        return _("The milestone falls due on %(date)s; it is not paid before.") % {"date": milestone.due_on}
    if tranche is None:
        return None
    if tranche.condition == Condition.DELIVERABLES:
        from stations.models import Activity

        done = Activity.objects.filter(service_record__project=project).count()
        if done < (tranche.deliverables or 0):
            return _("%(done)d of the %(needed)d service records this tranche requires are logged.") % {
                "done": done, "needed": tranche.deliverables}
    if tranche.condition == Condition.EVALUATION:
        passed = Evaluation.objects.filter(project=project, kind=tranche.evaluation_kind).exclude(grade="").exclude(
            grade=Grade.FAIL).exists()
        if not passed:
            return _("The evaluation this tranche requires has not passed yet.")
    return None


def pay_milestone(user, milestone_pk: int, *, voucher_number: str, voucher_date: dt.date,
                  key: str | None = None) -> Entry:
    """The payer records the payment of a confirmed milestone: its amount, once, from the committed line."""
    from projects.models import Milestone

    if not (voucher_number or "").strip():
        raise Refused(_("Give the voucher number."), field="voucher_number")
    if voucher_date is None:
        raise Refused(_("Give the voucher date."), field="voucher_date")
    if voucher_date > timezone.localdate():
        raise Refused(_("The voucher date lies in the future: a payment is recorded once it is made."),
                      field="voucher_date")
    def lock():
        milestone = (Milestone.objects.select_for_update(of=("self",)).select_related("project")
                     .filter(pk__in=Milestone.objects.restrict(user, "view").values("pk")).filter(pk=milestone_pk).first())
        if milestone is None:
            raise Refused(_("This milestone is not in your area."))
        if milestone.confirmed_by_id == user.pk:
            raise Refused(_("The person who confirmed the milestone does not also record its payment."))
        paid = net(Entry.objects.filter(milestone=milestone, kind=K.PAYMENT))
        if paid > 0:
            raise Refused(_("This tranche is already paid."))
        why = tranche_condition_met(milestone, voucher_date)
        if why:
            raise Refused(why)
        agreement = getattr(milestone.project, "agreement", None)
        if agreement is None or not agreement.is_signed:
            raise Refused(_("There is no signed agreement to pay."))
        paid_total = net(Entry.objects.filter(project=milestone.project, kind=K.PAYMENT))
        if paid_total + milestone.amount > agreement.amount:
            raise Refused(_("Paying this tranche would pay more than the agreement's %(amount)s元.")
                          % {"amount": format_money(agreement.amount)})

    line = _paying_line(milestone_pk)
    fields = {"milestone_id": milestone_pk, "voucher_number": voucher_number.strip(), "voucher_date": voucher_date,
              "date": voucher_date}
    amount = Milestone.objects.filter(pk=milestone_pk).values_list("amount", flat=True).first() or Decimal(0)
    # The default key is the event "pay this milestone (after its n-th reversal)": a retry pays once.
    again = Entry.objects.filter(milestone_id=milestone_pk, kind=K.PAYMENT, reversed_by__isnull=False).count()
    return post(user, [Posting(line.pk, K.PAYMENT, amount, fields)], key=key or f"pay:{milestone_pk}:{again}",
                lock=lock)[0]


def _paying_line(milestone_pk: int) -> BudgetLine:
    from projects.models import Milestone

    milestone = Milestone.objects.filter(pk=milestone_pk).select_related("tranche").first()
    if milestone is None:
        raise Refused(_("This milestone is not in your area."))
    tranche = getattr(milestone, "tranche", None)
    if tranche is not None:
        return tranche.line
    committed = (Entry.objects.filter(project_id=milestone.project_id, kind=K.COMMITMENT)
                 .order_by("pk").select_related("line").first())
    if committed is None:
        raise Refused(_("The agreement has not committed money on a budget line yet."))
    return committed.line


def post_donation(user, donation) -> Entry | None:
    """Post a money donation on its budget line as an entry of kind donation, once (the donation's own key);
    called inside the write that saves the donation, so both are saved or neither. Goods post nothing."""
    from .choices import DonationForm
    from .models import Donation

    if donation.form != DonationForm.MONEY or not donation.line_id or donation.entry_id:
        return None
    if not BudgetLine.objects.restrict(user, "view").filter(pk=donation.line_id).exists():
        raise Refused(_("Choose a budget line in your scope."), field="line")
    entry = post_one(user, donation.line, K.DONATION, donation.amount, key=f"donation:{donation.pk}",
                     date=donation.received_on, note=_("Donation %(number)s") % {"number": donation.number})
    Donation.objects.filter(pk=donation.pk).update(entry=entry)
    donation.entry = entry
    return entry


# -- performance bond (履约保证金) and claw-back (追回) -------------------------------------------------------------


def contract_line(project) -> BudgetLine:
    """The line the project's agreement committed on (where its bond and claw-backs are recorded)."""
    committed = (Entry.objects.filter(project=project, kind=K.COMMITMENT, reversed_by__isnull=True)
                 .order_by("pk").select_related("line").first())
    if committed is None:
        raise Refused(_("The agreement has not committed money on a budget line yet."))
    return committed.line


def bond_limit(agreement) -> Decimal:
    return to_money(agreement.amount * BOND_MAX_SHARE)


def _live(queryset):
    """Entries not reversed."""
    return queryset.filter(reversed_by__isnull=True)


def held_bond(project) -> Entry | None:
    """The project's bond still held (neither released nor forfeited nor reversed)."""
    return (_live(Entry.objects.filter(project=project, kind=K.BOND_HELD))
            .exclude(follow_ups__in=_live(Entry.objects.filter(kind__in=(K.BOND_RELEASED, K.BOND_FORFEITED))))
            .order_by("pk").first())


def _lock_agreement(user, project_pk: int):
    from projects.models import Agreement, Project

    project = Project.objects.restrict(user, "view").filter(pk=project_pk).first()
    if project is None:
        raise Refused(_("This project is not in your area."))
    agreement = Agreement.objects.select_for_update(of=("self",)).filter(project_id=project_pk).first()
    if agreement is None or not agreement.is_signed:
        raise Refused(_("There is no signed agreement to pay."))
    return project, agreement


def hold_bond(user, project_pk: int, amount, *, date: dt.date, note: str = "", key: str | None = None) -> Entry:
    """Record the performance bond the agency lodged: at most 10 % of the contract, one at a time."""
    amount = to_money(amount)
    from projects.models import Project

    project = Project.objects.filter(pk=project_pk).first()
    if project is None:
        raise Refused(_("This project is not in your area."))

    def lock():
        _project, agreement = _lock_agreement(user, project_pk)
        limit = bond_limit(agreement)
        if amount > limit:
            raise Refused(_("A performance bond is at most 10%% of the contract (%(limit)s元 of %(amount)s元; "
                            "政府采购法实施条例第48条); %(bond)s元 was not recorded.")
                          % {"limit": format_money(limit), "amount": format_money(agreement.amount),
                             "bond": format_money(amount)}, field="amount")
        if held_bond(project) is not None:
            raise Refused(_("The project's performance bond is already held; release or forfeit it first."))

    line = contract_line(project)
    # The default key is "hold the project's n-th bond" (n counts the bonds already settled): a retry holds once.
    again = Entry.objects.filter(project=project, kind=K.BOND_HELD).count() - (held_bond(project) is not None)
    return post(user, [Posting(line.pk, K.BOND_HELD, amount, {"project_id": project.pk, "date": date, "note": note})],
                key=key or f"bond:{project.pk}:{again}", lock=lock)[0]


def settle_bond(user, bond_pk: int, *, forfeit: bool, reason: str, date: dt.date, key: str | None = None) -> Entry:
    """Release the held bond to the agency, or forfeit it (with the reason): once."""
    if forfeit and not (reason or "").strip():
        raise Refused(_("Give the reason for forfeiting the bond."), field="reason")
    bond = Entry.objects.restrict(user, "view").filter(pk=bond_pk, kind=K.BOND_HELD).first()
    if bond is None:
        raise Refused(_("This entry is not a performance bond in your area."))

    def lock():
        Entry.objects.select_for_update(of=("self",)).filter(pk=bond_pk).first()
        if held_bond(bond.project) is None or held_bond(bond.project).pk != bond.pk:
            raise Refused(_("This bond was already released, forfeited or reversed."))

    kind = K.BOND_FORFEITED if forfeit else K.BOND_RELEASED
    fields = {"project_id": bond.project_id, "original_id": bond.pk, "reason": (reason or "").strip(), "date": date}
    return post(user, [Posting(bond.line_id, kind, bond.amount, fields)], key=key or f"bond-settle:{bond.pk}",
                lock=lock)[0]


def clawback(user, payment_pk: int, amount, *, basis: str, reason: str, date: dt.date,
             key: str | None = None) -> Entry:
    """Recover (part of) a payment after a 不合格 evaluation or on a finding: an entry naming the payment and the
    reason; at most the payment's amount, once per payment."""
    amount = to_money(amount)
    if not (reason or "").strip():
        raise Refused(_("Give the reason for the claw-back."), field="reason")
    payment = (Entry.objects.restrict(user, "view").filter(pk=payment_pk, kind=K.PAYMENT)
               .select_related("project").first())
    if payment is None:
        raise Refused(_("This entry is not a payment in your area."))
    if basis == ClawbackBasis.FAILED and not failed(payment.project):
        raise Refused(_("The project was not evaluated 不合格; give the finding the claw-back rests on."),
                      field="basis")

    def lock():
        Entry.objects.select_for_update(of=("self",)).filter(pk=payment_pk).first()
        if Entry.objects.filter(reverses_id=payment_pk).exists():
            raise Refused(_("This payment was reversed; nothing is left to claw back."))
        if _live(Entry.objects.filter(original_id=payment_pk, kind=K.CLAWBACK)).exists():
            raise Refused(_("This payment was already clawed back."))
        if amount > payment.amount:
            raise Refused(_("A claw-back recovers at most the payment's %(amount)s元.")
                          % {"amount": format_money(payment.amount)}, field="amount")

    basis_label = dict(ClawbackBasis.choices).get(basis, "")
    fields = {"project_id": payment.project_id, "milestone_id": payment.milestone_id, "original_id": payment.pk,
              "reason": f"{basis_label}：{reason.strip()}" if basis_label else reason.strip(), "date": date}
    again = Entry.objects.filter(original_id=payment_pk, kind=K.CLAWBACK, reversed_by__isnull=False).count()
    return post(user, [Posting(payment.line_id, K.CLAWBACK, amount, fields)],
                key=key or f"clawback:{payment.pk}:{again}", lock=lock)[0]
