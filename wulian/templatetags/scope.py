"""``{% can "change" object as may_edit %}``: the scope rule's answer for one row, in a template."""

from django import template

from wulian.models.base import can as can_act

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action, obj) -> bool:
    """Whether the request's user may take ``action`` on ``obj`` (a row, or a model class)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or obj is None or obj == "":
        return False
    return can_act(user, action, obj)
