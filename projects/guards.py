"""The rules of the project workflow: transition guards and the models' domain rules.

A guard is called by ``wulian.workflow.perform`` on the LOCKED row inside the transaction and raises
``Refused`` with a Chinese message when the step is not possible now; a ``*_rules`` function is a model's
``check_rules`` (the write path calls it after every save, so pages, imports and the API obey the same rules).
Nothing here imports the models at import time (they import this module).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wulian.choices import Role
from wulian.money import format_money
from wulian.writes import Refused

from .choices import (
    DIRECT_METHODS,
    SERVING_STATES,
    BidStatus,
    EvaluationKind,
    Grade,
    ProjectStatus,
    RectificationStatus,
    ReviewDecision,
)

S = ProjectStatus
HUNDRED = Decimal("100")


def _money(value) -> str:
    return format_money(value, unit=True)


def _num(value) -> str:
    """A Decimal as people write it: 10, 10.5 (never 1E+1)."""
    return format(Decimal(value).normalize(), "f")


def _date(value) -> str:
    """A day as 2027年3月10日; a moment (a bid deadline) with its hour and minute, 2027年3月10日 17:00."""
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


def _notice(project):
    from .models import Notice

    return Notice.objects.filter(project_id=project.pk).first()


def _agreement(project):
    from .models import Agreement

    return Agreement.objects.filter(project_id=project.pk).first()


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# -- step 1 ----------------------------------------------------------------------------------------------------


def can_submit(project, user):
    """A proposal goes to review complete: goals, budget, period, and the needs assessment behind it."""
    missing = []
    if not (project.goals or "").strip():
        missing.append(_("goals"))
    if not project.budget or project.budget <= 0:
        missing.append(_("budget"))
    if not project.planned_start or not project.planned_end:
        missing.append(_("planned period"))
    if not project.surveys.exists():
        missing.append(_("at least one visit or survey"))
    if not project.needs.exists():
        missing.append(_("at least one need"))
    if missing:
        raise Refused(_("The proposal cannot be submitted yet; it lacks: %(missing)s.") % {"missing": "、".join(missing)})


# -- step 2 ----------------------------------------------------------------------------------------------------


def can_publish(project, user):
    """No publication without an approving review and a complete notice."""
    last = project.reviews.order_by("-round").first()
    if last is None or last.decision != ReviewDecision.APPROVE:
        raise Refused(_("The proposal has not passed review; it cannot be published."))
    notice = _notice(project)
    if notice is None:
        raise Refused(_("Write the notice before publishing."))
    missing = []
    if not notice.scope_of_service.strip():
        missing.append(_("scope of service"))
    if not notice.budget_ceiling or notice.budget_ceiling <= 0:
        missing.append(_("budget ceiling"))
    if notice.min_certified_workers < 1:
        missing.append(_("certified social workers required (at least 1)"))
    if notice.method in DIRECT_METHODS:
        if notice.direct_agency_id is None:
            missing.append(_("the agency chosen"))
        if not notice.single_source_justification.strip():
            missing.append(_("justification for a single source"))
    else:
        if notice.bid_deadline is None:
            missing.append(_("bid deadline"))
        elif notice.bid_deadline <= timezone.now():
            raise Refused(_("The bid deadline has already passed; set a later one."))
        total = sum((c.weight for c in notice.criteria.all()), Decimal("0"))
        if total != HUNDRED:
            raise Refused(
                _("The weights of the scoring criteria total %(total)s; they must total 100.") % {"total": _num(total)}
            )
    if missing:
        raise Refused(_("The notice is not complete; it lacks: %(missing)s.") % {"missing": "、".join(missing)})
    bidding_period(notice, timezone.now())
    notice_rules(notice)


def _method_label(method) -> str:
    from .choices import ProcurementMethod

    try:
        return str(ProcurementMethod(method).label)
    except ValueError:
        return str(method)


def bidding_period(notice, published):
    """From the notice to the bid deadline at least the method's period, counted in days as the law counts
    them (the day of publication to the day of the deadline): ``projects.procurement.PERIODS``."""
    from .procurement import PERIODS, earliest_end

    period = PERIODS.get(notice.method)
    if period is None or period.what != "bidding" or notice.bid_deadline is None:
        return
    earliest = earliest_end(notice.method, published)
    if timezone.localtime(notice.bid_deadline).date() < earliest.date():
        raise Refused(
            _("%(method)s: from the notice to the bid deadline at least %(period)s (%(source)s); "
              "the earliest bid deadline is %(earliest)s.")
            % {"method": _method_label(notice.method), "period": period.describe(), "source": period.source,
               "earliest": _date(earliest.date())},
            field="bid_deadline",
        )


def single_source_publicity(notice, now):
    """A single source is published for the method's period before the agency is confirmed."""
    from .procurement import PERIODS, earliest_end

    period = PERIODS.get(notice.method)
    if period is None or period.what != "publicity" or notice.published_at is None:
        return
    earliest = earliest_end(notice.method, notice.published_at)
    if timezone.localtime(now).date() < earliest.date():
        raise Refused(
            _("%(method)s: the choice is published for at least %(period)s (%(source)s) before the agency is "
              "confirmed; the earliest day is %(earliest)s.")
            % {"method": _method_label(notice.method), "period": period.describe(), "source": period.source,
               "earliest": _date(earliest.date())}
        )


def notice_rules(notice):
    project = notice.project
    if notice.budget_ceiling is not None and project.budget and notice.budget_ceiling > project.budget:
        raise Refused(
            _("The budget ceiling (%(ceiling)s) exceeds the approved budget (%(budget)s).")
            % {"ceiling": _money(notice.budget_ceiling), "budget": _money(project.budget)},
            field="budget_ceiling",
        )
    if notice.method in DIRECT_METHODS and notice.bid_deadline is not None:
        raise Refused(_("A single-source or entrusted project takes no bids: leave the bid deadline empty."),
                      field="bid_deadline")


# -- step 3: bids ----------------------------------------------------------------------------------------------


def before_deadline(bid, user):
    notice = _notice(bid.project)
    if notice is None or notice.bid_deadline is None or notice.bid_deadline <= timezone.now():
        raise Refused(_("The bid deadline has passed; bids can no longer be submitted, changed or withdrawn."))


def bid_rules(bid):
    project = bid.project
    notice = _notice(project)
    if bid.status != BidStatus.SUBMITTED:
        return  # the award settles the statuses; a withdrawn bid is not checked again
    if project.status != S.PUBLISHED or notice is None:
        raise Refused(_("This project does not take bids."))
    if notice.method in DIRECT_METHODS:
        raise Refused(_("A single-source or entrusted project takes no bids."))
    if getattr(bid, "_award_pending", False):
        return
    before_deadline(bid, None)
    if bid.price > notice.budget_ceiling:
        raise Refused(
            _("The price (%(price)s) exceeds the budget ceiling (%(ceiling)s).")
            % {"price": _money(bid.price), "ceiling": _money(notice.budget_ceiling)},
            field="price",
        )
    on_record = certified_staff_on_record(bid.agency)
    if on_record < notice.min_certified_workers:
        raise Refused(
            _("The notice requires at least %(required)s certified social workers; %(agency)s has %(count)s on record.")
            % {"required": notice.min_certified_workers, "agency": bid.agency, "count": on_record}
        )
    # The team the bid names must itself meet the requirement (issue 23 C): once a team is given (a bid entered
    # through the API names its members afterwards; the award checks the team again). A member counts as
    # certified by a certificate on record, never by what the bid declares.
    members = bid.members.count()
    certified = certified_members(bid)
    if members and certified < notice.min_certified_workers:
        raise Refused(
            _("The notice requires at least %(required)s certified social workers in the team; this team has %(count)s.")
            % {"required": notice.min_certified_workers, "count": certified}
        )


def certified_staff_on_record(agency) -> int:
    """The agency's staff on record (``stations.StaffMember``) holding a certificate on record."""
    from stations.models import StaffMember  # projects stand above stations; imported late, as models import guards

    return StaffMember.objects.filter(agency=agency, certificates__isnull=False).distinct().count()


def certified_members(bid) -> int:
    """Members of the bid's team who are the agency's staff on record with a certificate on record."""
    return (bid.members.filter(staff__agency_id=bid.agency_id, staff__certificates__isnull=False)
            .values("staff_id").distinct().count())


def bid_member_rules(member):
    """A team member is one of the bidding agency's staff on record, named once."""
    if member.staff_id is None:
        raise Refused(_("Choose the team member from the agency's staff on record."), field="staff")
    if member.staff.agency_id != member.bid.agency_id:
        raise Refused(_("%(person)s is not on the staff of %(agency)s.")
                      % {"person": member.staff.name, "agency": member.bid.agency}, field="staff")
    if type(member).objects.filter(bid_id=member.bid_id, staff_id=member.staff_id).exclude(pk=member.pk).exists():
        raise Refused(_("%(person)s is already in the team.") % {"person": member.staff.name}, field="staff")


def bid_score_rules(score):
    if score.criterion.notice.project_id != score.bid.project_id:
        raise Refused(_("The criterion belongs to another project's notice."), field="criterion")
    if score.score > score.criterion.weight:
        raise Refused(
            _("The score %(score)s exceeds the criterion's weight %(weight)s.")
            % {"score": _num(score.score), "weight": _num(score.criterion.weight)},
            field="score",
        )


def can_award(project, user):
    """After the deadline, a bid scored on every criterion and within every requirement — or the agency of a
    single-source notice."""
    notice = _notice(project)
    if notice is None:
        raise Refused(_("The project has no notice."))
    if notice.method in DIRECT_METHODS:
        if notice.direct_agency_id is None:
            raise Refused(_("Name the agency chosen in the notice."))
        single_source_publicity(notice, timezone.now())
        return
    if notice.bid_deadline is None or notice.bid_deadline > timezone.now():
        raise Refused(
            _("Bids are open until %(deadline)s; the award comes after the deadline.")
            % {"deadline": _date(notice.bid_deadline) if notice.bid_deadline else "—"}
        )
    bid = project.awarded_bid
    if bid is None:
        raise Refused(_("Choose the bid to award first."), field="awarded_bid")
    if bid.project_id != project.pk or bid.status != BidStatus.SUBMITTED:
        raise Refused(_("The bid chosen is not a valid bid of this project."), field="awarded_bid")
    if bid.price > notice.budget_ceiling:
        raise Refused(_("The price of the bid chosen exceeds the budget ceiling."), field="awarded_bid")
    members = certified_members(bid)
    if members < notice.min_certified_workers:
        raise Refused(
            _("The team of the bid chosen has %(count)s certified social workers; the notice requires %(required)s.")
            % {"count": members, "required": notice.min_certified_workers}
        )
    result = panel_complete(project, notice)
    row = result.row_of(bid.pk)
    if row is None or row.rank != 1:
        first = "、".join(str(r.bid.agency) for r in result.rows if r.rank == 1)
        raise Refused(
            _("Under %(rule)s the panel ranks %(first)s first; the award goes to the bid ranked first.")
            % {"rule": notice.get_scoring_rule_display(), "first": first or "—"},
            field="awarded_bid",
        )


def award(project, user, reason):
    """The award (``Project.on_award``): agency, reasons, bid statuses; the other bidders are notified."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        _award(project, user, reason)


def _award(project, user, reason):
    from wulian.workflow import follow

    notice = _notice(project)
    project.award_reason = reason
    project.awarded_at = timezone.now()
    if notice.method in DIRECT_METHODS:
        project.agency_id = notice.direct_agency_id
        project.awarded_bid = None
        return
    chosen = project.awarded_bid
    project.agency_id = chosen.agency_id
    bids = list(project.bids.filter(status=BidStatus.SUBMITTED).select_related("agency").select_for_update(of=("self",)))
    for bid in bids:  # each bid's own transition, logged on the bid (``Bid.workflow``)
        follow(user, bid, "award" if bid.pk == chosen.pk else "not_award", reason=reason if bid.pk == chosen.pk else "")
    record_panel_scores(notice)
    _tell_bidders(project, chosen, [b for b in bids if b.pk != chosen.pk])


def record_panel_scores(notice):
    """At the award, each bid's score on each criterion is the panel's average (``BidScore``): what the bidder
    reads of its own bid once the award is made."""
    from django.db.models import Avg

    from .models import BidScore, MemberScore

    averages = MemberScore.objects.filter(member__panel__notice=notice).values("bid_id", "criterion_id").annotate(
        avg=Avg("score"))
    for row in averages:
        BidScore.objects.update_or_create(bid_id=row["bid_id"], criterion_id=row["criterion_id"],
                                          defaults={"score": Decimal(row["avg"]).quantize(Decimal("0.01"))})


def _tell_bidders(project, chosen, others):
    from wulian.models import User
    from wulian.notifications import notify

    # A losing bidder is no party to the project (issue 17): its notice links to its own bid.
    own_bid = {b.agency_id: b.get_url("detail") or "" for b in others}
    for person in User.objects.filter(role=Role.AGENCY_STAFF, is_active=True, agency_id__in=list(own_bid)):
        notify(person, _("Not awarded: %(project)s") % {"project": project.title},
               _("The project was awarded to %(agency)s. Thank you for your bid.") % {"agency": chosen.agency},
               link=own_bid[person.agency_id], key=f"projects:award:{project.pk}")
    for person in User.objects.filter(role=Role.AGENCY_STAFF, is_active=True, agency_id=chosen.agency_id):
        notify(person, _("Awarded: %(project)s") % {"project": project.title},
               _("Your bid was chosen. The bureau will send the agreement to sign."),
               link=project.get_url("detail") or "", key=f"projects:award:{project.pk}")


# -- step 3: the agreement -------------------------------------------------------------------------------------


def agreement_rules(agreement):
    """Amount ≤ ceiling, period ≤ 1 year (≤ 3 for a stable service); once signed, only by an amendment."""
    original = getattr(agreement, "_original", None)
    if original and original.get("signed") and not getattr(agreement, "_amending", False):
        changed = [name for name, value in original["values"].items() if getattr(agreement, name) != value]
        if changed:
            raise Refused(_("The agreement is signed; it changes only by a recorded amendment."))
    notice = _notice(agreement.project)
    if notice is not None and agreement.amount > notice.budget_ceiling:
        raise Refused(
            _("The amount (%(amount)s) exceeds the budget ceiling (%(ceiling)s).")
            % {"amount": _money(agreement.amount), "ceiling": _money(notice.budget_ceiling)},
            field="amount",
        )
    years = 3 if agreement.stable_service else 1
    if agreement.start and agreement.end and agreement.end > add_years(agreement.start, years):
        if agreement.stable_service:
            message = _("A stable service runs at most three years (财政部令第102号 art. 24).")
        else:
            message = _("An agreement runs at most one year; mark a continuing, stable service to allow up to three.")
        raise Refused(message, field="end")


def stations_required(project) -> bool:
    """Whether the agreement must name the stations the agency works in (进驻): the project names its station, or
    there are stations where it serves (at or below its region) — a service place the agreement can name."""
    from stations.models import Station  # projects stand above stations; imported late, as models import guards

    if project.station_id:
        return True
    return Station.objects.filter(region__path__startswith=project.region.path).exists()


def stations_message(project) -> str:
    return ("服务协议须写明承接机构进驻的服务站点（至少一个）：%(region)s设有服务站点，服务记录只在协议写明的站点登记。"
            % {"region": project.region.name})


def agreement_complete(project):
    """What the agency signs: an agreement with deliverables, targets and milestones that total the amount."""
    agreement = _agreement(project)
    if agreement is None:
        raise Refused(_("There is no agreement to sign yet."))
    agreement_rules(agreement)
    if not agreement.deliverables.strip():
        raise Refused(_("The agreement lacks its deliverables."))
    if not agreement.stations.exists() and stations_required(project):
        raise Refused(stations_message(project))
    if not project.targets.exists():
        raise Refused(_("The agreement has no performance targets."))
    total = sum((m.amount for m in project.milestones.all()), Decimal("0"))
    if total != agreement.amount:
        raise Refused(
            _("The payment milestones total %(total)s; they must equal the agreement amount %(amount)s.")
            % {"total": _money(total), "amount": _money(agreement.amount)}
        )
    return agreement


def can_agency_sign(project, user):
    if project.agency_id is None:
        raise Refused(_("No agency has been chosen."))
    if not user.is_superuser and getattr(user, "agency_id", None) != project.agency_id:
        raise Refused(_("Only the contracted agency signs as the agency."))
    agreement_complete(project)


def can_sign(project, user):
    agreement = agreement_complete(project)
    if agreement.agency_signed_on is None:
        raise Refused(_("The agency has not signed the agreement yet."))


# -- step 6 ----------------------------------------------------------------------------------------------------


def evaluator_independent(project, user=None):
    """Nobody from the contracted agency evaluates its project."""
    people = [p for p in (project.evaluator, user) if p is not None]
    for person in people:
        if project.agency_id and getattr(person, "agency_id", None) == project.agency_id:
            raise Refused(
                _("%(person)s works for the contracted agency and cannot evaluate its project.") % {"person": person},
                field="evaluator",
            )


def not_before_start(project, what):
    """Nothing of the service before the agreement's start date: service records, tranche declarations,
    acceptance (issue 23 D)."""
    agreement = _agreement(project)
    if agreement is not None and agreement.start and timezone.localdate() < agreement.start:
        raise Refused(
            _("The agreement starts on %(start)s; %(what)s cannot come before it.")
            % {"start": _date(agreement.start), "what": what}
        )


def acceptance_due(project, reason: str = ""):
    """Acceptance once the service period has ended or every performance target is reached; earlier only with a
    recorded reason (the transition's note)."""
    from .progress import progress as progress_of

    agreement = _agreement(project)
    if agreement is None or agreement.end is None or timezone.localdate() > agreement.end:
        return
    short = [p for p in progress_of(project) if not p.reached]
    if short and not (reason or "").strip():
        shown = "；".join(
            _("%(target)s %(percent)s%%") % {"target": p.target.indicator, "percent": _num(p.percent)} for p in short[:5]
        )
        raise Refused(
            _("The service period runs until %(end)s and targets are not reached (%(targets)s); give the reason for "
              "an early acceptance.") % {"end": _date(agreement.end), "targets": shown},
            field="reason",
        )


def can_request_acceptance(project, user):
    from .models import Rectification

    not_before_start(project, _("the acceptance"))

    if not project.evaluations.filter(kind=EvaluationKind.MIDTERM).exists():
        raise Refused(_("No acceptance before at least one mid-term supervision."))
    pending = Rectification.objects.filter(evaluation__project=project).pending().count()
    if pending:
        raise Refused(
            _("%(count)s rectification items are neither closed nor waived; acceptance must wait.") % {"count": pending}
        )
    if project.evaluator is None:
        raise Refused(_("Assign the third-party evaluator first."), field="evaluator")
    if project.evaluator.role != Role.EVALUATOR:
        raise Refused(_("Choose a user with the evaluator role."), field="evaluator")
    evaluator_independent(project)


def _scored_acceptance(project):
    evaluation = project.acceptance_evaluation()
    if evaluation is None:
        raise Refused(_("Record the acceptance evaluation first."))
    evaluation_rules(evaluation)
    if evaluation.compute() is None:
        raise Refused(_("The scoring is not complete: every party must score every item, and the weights total 100."))
    for party in evaluation.parties.select_related("scorer"):
        evaluator_independent(project, party.scorer)
    return evaluation


def can_accept(project, user):
    evaluation = _scored_acceptance(project)
    if evaluation.grade == Grade.FAIL:
        raise Refused(_("The grade is 不合格; use “Fail and return to service”."))
    evaluator_independent(project, user)


def can_fail(project, user):
    evaluation = _scored_acceptance(project)
    if evaluation.grade != Grade.FAIL:
        raise Refused(_("The score %(score)s is a pass; the project cannot fail.") % {"score": _num(evaluation.score)})
    evaluator_independent(project, user)


def project_rules(project):
    if project.evaluator_id is not None:
        if project.evaluator.role != Role.EVALUATOR:
            raise Refused(_("Choose a user with the evaluator role."), field="evaluator")
        evaluator_independent(project)
    if project.awarded_bid_id is not None and project.awarded_bid.project_id != project.pk:
        raise Refused(_("The bid chosen is not a valid bid of this project."), field="awarded_bid")


def _loaded_edit(obj) -> bool:
    """Whether this save changed a row that existed before (as opposed to creating it)."""
    return getattr(obj, "_loaded_from_db", False)


def sheet_rules(sheet):
    if _loaded_edit(sheet) and sheet.is_used and getattr(sheet, "_content_changed", True):
        raise Refused(_("This sheet has been used by an evaluation; make a new version instead of editing it."))


def sheet_item_rules(item):
    if item.sheet.is_used:
        raise Refused(_("This sheet has been used by an evaluation; make a new version instead of editing it."))
    total = item.sheet.total_max()
    if total > HUNDRED:
        raise Refused(
            _("The maximum scores of the sheet would total %(total)s; they total 100.") % {"total": _num(total)},
            field="max_score",
        )


def evaluation_rules(evaluation):
    project = evaluation.project
    total = evaluation.sheet.total_max()
    if total != HUNDRED:
        raise Refused(
            _("The maximum scores of the sheet total %(total)s; they must total 100.") % {"total": _num(total)},
            field="sheet",
        )
    if evaluation.kind == EvaluationKind.ACCEPTANCE and project.status != S.EVALUATING:
        raise Refused(_("The acceptance evaluation is recorded once acceptance has been requested."), field="kind")
    if evaluation.kind == EvaluationKind.MIDTERM and project.status not in (S.IN_SERVICE, S.CONTRACTED):
        raise Refused(_("Mid-term supervision takes place while the service runs."), field="kind")
    evaluator_independent(project, evaluation.recorded_by)


def party_rules(party):
    project = party.evaluation.project
    evaluator_independent(project, party.scorer)
    total = sum((p.weight for p in party.evaluation.parties.all()), Decimal("0"))
    if total > HUNDRED:
        raise Refused(
            _("The weights of the scoring parties would total %(total)s; they total 100.") % {"total": _num(total)},
            field="weight",
        )
    party.evaluation.compute()


def item_score_rules(score):
    if score.item.sheet_id != score.party.evaluation.sheet_id:
        raise Refused(_("The item belongs to another indicator sheet."), field="item")
    if score.score > score.item.max_score:
        raise Refused(
            _("The score %(score)s exceeds the item's maximum %(max)s.")
            % {"score": _num(score.score), "max": _num(score.item.max_score)},
            field="score",
        )
    score.party.evaluation.compute()


# -- milestones ------------------------------------------------------------------------------------------------


def milestone_can_report(milestone, user):
    if milestone.project.status not in SERVING_STATES:
        raise Refused(_("Milestones are reported while the service runs."))
    not_before_start(milestone.project, _("a tranche declaration"))
    if not milestone.attachments.exists():
        raise Refused(_("Attach the evidence before reporting the milestone met."))


def milestone_can_confirm(milestone, user):
    if not milestone.attachments.exists():
        raise Refused(_("No milestone is met without its evidence."))


def milestone_rules(milestone):
    from .choices import MilestoneStatus

    if milestone.status == MilestoneStatus.MET and (milestone.confirmed_by_id is None or not milestone.attachments.exists()):
        raise Refused(_("No milestone is met without its evidence and the bureau's confirmation."))


def rectification_rules(rectification):
    if getattr(rectification, "_fixed", None) is None and rectification.evaluation.project.status not in (
        S.IN_SERVICE, S.EVALUATING
    ):
        raise Refused(_("Rectification items are recorded while the service runs or is evaluated; this project is "
                        "past that step."))
    if rectification.status == RectificationStatus.CLOSED and not (rectification.answer or "").strip():
        raise Refused(_("An item is closed once the agency has answered it."))


# -- step 3: the panel that scores the bids (issue 23 C) --------------------------------------------------------


def panel_rule(notice):
    """The panel rule of the notice's method (``projects.procurement.PANELS``), None for a direct award."""
    from .procurement import PANELS

    return PANELS.get(notice.method)


def panel_size(notice, size: int, experts: int | None = None):
    """评标委员会 5 or more, 磋商小组 / 询价小组 / 谈判小组 3 or more, always an odd number; the experts (评审专家)
    at least two-thirds of the members (``experts``: how many of the ``size`` are experts, not purchaser's
    representatives; 87号令 第四十七条, 214号 第十四条, 74号令 第七条)."""
    rule = panel_rule(notice)
    if rule is None:
        raise Refused(_("A single-source or entrusted project has no scoring panel."))
    if not rule.allows(size):
        raise Refused(
            _("%(method)s: the %(panel)s has %(minimum)s or more members, an odd number (%(source)s); this panel "
              "has %(size)s.")
            % {"method": _method_label(notice.method), "panel": rule.name, "minimum": rule.minimum,
               "source": rule.source, "size": size}
        )
    if experts is not None and not rule.enough_experts(size, experts):
        raise Refused(
            "%(method)s：%(panel)s中评审专家不得少于成员总数的三分之二（%(source)s）；本%(panel)s%(size)s名成员中"
            "评审专家%(experts)s名、采购人代表%(others)s名，评审专家至少应有%(needed)s名。"
            % {"method": _method_label(notice.method), "panel": rule.name, "source": rule.source, "size": size,
               "experts": experts, "others": size - experts, "needed": rule.experts_needed(size)}
        )


def panel_members_rule(panel):
    """The panel as recorded: its size and its share of experts (checked when a member scores and at the award)."""
    from .models import MemberKind

    kinds = list(panel.members.values_list("kind", flat=True))
    panel_size(panel.notice, len(kinds), sum(1 for k in kinds if k == MemberKind.EXPERT))


def panel_member_rules(member):
    """A member is a user or an outside expert named; nobody twice; the panel is fixed once scoring began."""
    panel = member.panel
    if member.user_id is None and not (member.name or "").strip():
        raise Refused(_("Choose the member's account or write the outside expert's name."), field="name")
    if member.user_id is not None:
        member.name = member.name or member.user.display_name
        twice = type(member).objects.filter(panel=panel, user_id=member.user_id).exclude(pk=member.pk)
        if twice.exists():
            raise Refused(_("%(person)s is already a member of this panel.") % {"person": member.user.display_name},
                          field="user")
    if panel.scores_given():
        raise Refused(_("Scoring has begun; the panel's members no longer change."))


def conflict(member, bid) -> bool:
    """A member who belongs to the bidding agency (by their account, or as recorded for an outside expert)."""
    agencies = {member.agency_id, getattr(member.user, "agency_id", None) if member.user_id else None} - {None}
    return bid.agency_id in agencies


def member_score_rules(score):
    """Each member scores each bid once, never a bid of the agency they belong to, only on the notice's criteria,
    only after the deadline and while the project is published, and only in a panel of the lawful size."""
    member, bid = score.member, score.bid
    notice = member.panel.notice
    if bid.project_id != notice.project_id or score.criterion.notice_id != notice.pk:
        raise Refused(_("The bid or criterion belongs to another project's notice."))
    if notice.project.status != S.PUBLISHED or notice.bid_deadline is None or notice.bid_deadline > timezone.now():
        raise Refused(_("Bids are scored after the bid deadline and before the award."))
    panel_members_rule(member.panel)
    if conflict(member, bid):
        raise Refused(
            _("%(member)s belongs to %(agency)s and cannot score its bid (a conflict of interest).")
            % {"member": member.name, "agency": bid.agency}
        )
    if score.score > score.criterion.weight:
        raise Refused(_("The score %(score)s exceeds the criterion's weight %(weight)s.")
                      % {"score": _num(score.score), "weight": _num(score.criterion.weight)}, field="score")
    twice = type(score).objects.filter(member=member, bid=bid, criterion=score.criterion).exclude(pk=score.pk)
    if twice.exists():
        raise Refused(_("%(member)s has already scored the bid of %(agency)s; a member scores each bid once.")
                      % {"member": member.name, "agency": bid.agency})


def panel_complete(project, notice):
    """The award needs a panel of the lawful size in which every member scored every bid (but a bid of the agency
    they belong to) on every criterion."""
    from .models import Panel

    panel = Panel.objects.filter(notice=notice).first()
    if panel is None:
        raise Refused(_("Form the scoring panel first."))
    panel_members_rule(panel)
    result = panel.result()
    missing = [f"{m.name}（{b.agency}）" for m, b in result.unscored]
    if missing:
        raise Refused(_("Every member scores every bid before the award; not yet scored: %(missing)s.")
                      % {"missing": "、".join(missing[:10])})
    return result
