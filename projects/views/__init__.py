"""Pages of the service projects: the six steps, each done by the person who does it in real life.

Lists and the project page are the generic views; the pages of one step of one project (the proposal with
its surveys and needs, the notice with its criteria, a bid with its team, the scoring sheet and award, the
agreement with its targets and milestones, an evaluation on the indicator sheet) are small views that find
the project through ``restrict`` (404 outside scope), save through the one write path (``wulian.writes``) and
take transitions through ``wulian.workflow.perform`` — never a second way round the rules.

Split by step like the models (``project``, ``tender``, ``agreement``, ``evaluation``; ``base`` holds the views
they share); every view is re-exported here for ``projects/urls.py``.
"""

from .agreement import AgreementEditView, AmendmentAddView, MilestoneDetailView, MilestoneReportView
from .base import EvidenceActionView, ProjectPartView, ProjectRecordEditView
from .evaluation import (
    EvaluationDetailView,
    EvaluationEditView,
    EvaluationListView,
    RectificationAnswerView,
    RectificationDetailView,
    RectificationListView,
    active_sheet,
)
from .project import AssignmentView, ProjectDeleteView, ProjectDetailView, ProjectEditView, ProjectListView
from .tender import (
    AwardView,
    BidDetailView,
    BidEditView,
    BidListView,
    BidScoringView,
    NoticeEditView,
    PanelEditView,
    PanelScoringView,
)

__all__ = [
    "AgreementEditView", "AmendmentAddView", "AssignmentView", "AwardView", "BidDetailView", "BidEditView",
    "BidListView", "BidScoringView", "EvaluationDetailView", "EvaluationEditView", "EvaluationListView",
    "EvidenceActionView", "MilestoneDetailView", "MilestoneReportView", "NoticeEditView", "ProjectDeleteView",
    "PanelEditView", "PanelScoringView", "ProjectDetailView", "ProjectEditView", "ProjectListView", "ProjectPartView", "ProjectRecordEditView",
    "RectificationAnswerView", "RectificationDetailView", "RectificationListView", "active_sheet",
]
