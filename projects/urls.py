from django.urls import path

from wulian.views.generic import object_urls

from . import views
from .models import Bid, Evaluation, Milestone, Project, Rectification

app_name = "projects"

urlpatterns = [
    *object_urls(
        "projects",
        Project,
        list=views.ProjectListView,
        detail=views.ProjectDetailView,
        edit=views.ProjectEditView,
        delete=views.ProjectDeleteView,
    ),
    path("projects/<int:pk>/assign/", views.AssignmentView.as_view(), name="project_assign"),
    path("projects/<int:project>/notice/", views.NoticeEditView.as_view(), name="notice_edit"),
    path("projects/<int:project>/bid/", views.BidEditView.as_view(), name="bid_add"),
    path("projects/<int:project>/bids/", views.BidScoringView.as_view(), name="bid_scoring"),
    path("projects/<int:project>/award/", views.AwardView.as_view(), name="project_award"),
    path("projects/<int:project>/panel/", views.PanelEditView.as_view(), name="panel_edit"),
    path("projects/<int:project>/panel/score/", views.PanelScoringView.as_view(), name="panel_score"),
    path("projects/<int:project>/agreement/", views.AgreementEditView.as_view(), name="agreement_edit"),
    path("projects/<int:project>/amendments/add/", views.AmendmentAddView.as_view(), name="amendment_add"),
    path("projects/<int:project>/evaluations/add/", views.EvaluationEditView.as_view(), name="evaluation_add"),
    *object_urls("bids", Bid, list=views.BidListView, detail=views.BidDetailView),
    path("bids/<int:pk>/edit/", views.BidEditView.as_view(), name="bid_edit"),
    *object_urls("milestones", Milestone, detail=views.MilestoneDetailView),
    path("milestones/<int:pk>/report/", views.MilestoneReportView.as_view(), name="milestone_report"),
    *object_urls("evaluations", Evaluation, list=views.EvaluationListView, detail=views.EvaluationDetailView),
    path("evaluations/<int:pk>/edit/", views.EvaluationEditView.as_view(), name="evaluation_edit"),
    *object_urls("rectifications", Rectification, list=views.RectificationListView, detail=views.RectificationDetailView),
    path("rectifications/<int:pk>/answer/", views.RectificationAnswerView.as_view(), name="rectification_answer"),
]
