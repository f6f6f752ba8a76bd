"""Service projects (服务项目): the six steps from a community's needs assessment to the acceptance report.

The models are split by step, one module each; every name is re-exported here (``from projects.models import Bid``):

- ``project``: 1 needs and the proposal (``Project`` with its workflow, ``NeedsSurvey``, ``Need``; ``Review``
  rounds);
- ``tender``: 2 publication (``Notice`` with its scoring ``Criterion`` rows), 3 bids and award (``Bid``,
  ``BidMember``, ``BidScore``; the award on ``Project``; ``AgencyMark``, a 不合格 result the award weighs);
- ``agreement``: 3 the agreement (``Agreement``, ``amend_agreement`` and ``Amendment``, ``PerformanceTarget``,
  ``Milestone``); 4–5 service is the stations' activity log, each entry linked to its project by
  ``service``: ``ServiceRecord`` (projects stand above stations; ``projects.service``);
- ``evaluation``: 6 supervision and acceptance (``IndicatorSheet``/``IndicatorItem``, ``Evaluation`` with
  ``EvaluationParty`` and ``ItemScore``, ``Rectification``);
- ``panel``: 3 the panel that scores the bids (``Panel``, ``PanelMember``, ``MemberScore``);
- ``base``: what they share (the roles of the scope rules, the rows of a project's children).

The project's steps are states of one explicit transition table (``Project.workflow``); each transition is an
action of the scope rule (who, on which rows) and has a guard (``projects.guards``: when). Child rows are
scoped through their project. Money is the core's ``MoneyField`` (``Decimal`` 元, fen precision).
"""

from wulian.writes import Refused

# Imported in the order the models were declared when they were one module (the app registry keeps it).
from .project import Need, NeedsSurvey, Project, Review
from .tender import AgencyMark, Bid, BidMember, BidScore, Criterion, Notice
from .agreement import Agreement, Amendment, Milestone, PerformanceTarget, amend_agreement
from .evaluation import EvaluationParty, Evaluation, IndicatorItem, IndicatorSheet, ItemScore, Rectification
from .panel import MemberKind, MemberScore, Panel, PanelMember
from .service import ServiceRecord

__all__ = [
    "Agreement", "Amendment", "AgencyMark", "Bid", "BidMember", "BidScore", "Criterion", "Evaluation",
    "EvaluationParty", "IndicatorItem", "IndicatorSheet", "ItemScore", "MemberScore", "Milestone", "Need",
    "MemberKind", "NeedsSurvey", "Notice", "Panel", "PanelMember", "PerformanceTarget", "Project", "Rectification", "Refused", "Review",
    "ServiceRecord", "amend_agreement",
]
