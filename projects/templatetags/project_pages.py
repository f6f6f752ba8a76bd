"""Filters of the project pages."""

from django import template

from wulian.money import format_money

register = template.Library()


@register.filter
def money(value) -> str:
    """An amount in yuan as a county office writes it: 350,000.00 (fen precision, thousands separated)."""
    return format_money(value)


@register.simple_tag
def target_progress(project, user) -> list:
    """The performance targets of ``project`` that ``user`` may see, each with how far it is (the figures the
    acceptance guard reads: ``projects.progress``)."""
    from projects.pages import targets_with_progress

    return targets_with_progress(project, user)


@register.simple_tag(takes_context=True)
def returned_review(context, obj):
    """For a returned proposal: the review round that returned it (as the reader's scope shows reviews), and who may
    submit it again (the roles of the ``submit`` transition), for the edit page and the project page. None for
    anything else."""
    from django.utils.text import format_lazy

    from projects.choices import ProjectStatus
    from projects.models import Project, Review
    from wulian.choices import Role

    if not isinstance(obj, Project) or obj.status != ProjectStatus.RETURNED:
        return None
    user = context["request"].user
    review = (Review.objects.restrict(user, "view").filter(project=obj).select_related("reviewer")
              .order_by("-round").first())
    roles = Project.workflow.get("submit").roles
    who = "、".join(str(label) for value, label in Role.choices if value in roles)
    return {"review": review, "who": format_lazy("{}", who)}


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (a member's total of a bid), None when absent."""
    return mapping.get(key) if hasattr(mapping, "get") else None
