"""Start-up checks of the scope rules: a scoped model without an explicit, well-formed rule is an error.

``manage.py check`` (and so ``runserver``, ``migrate`` and the test run) fails with ``wulian.E101``… rather
than let a model that forgot its rule fall back to anything permissive.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import FieldDoesNotExist

from wulian.choices import Role
from wulian.models.base import ScopedModel, ScopeRule


def is_scoped(model) -> bool:
    """Whether the model takes part in the scope mechanism (its manager restricts, or it is a ScopedModel)."""
    if issubclass(model, ScopedModel):
        return True
    return hasattr(model._default_manager.all(), "restrict")


def _target(model, lookup: str):
    """The model a ``a__b__c`` lookup leads to from ``model``, or None when a step does not exist."""
    if not lookup:
        return model
    current = model
    for part in lookup.split("__"):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        if not field.is_relation or not isinstance(field.related_model, type):
            return None  # not a relation, or one to a model that is not installed
        current = field.related_model
    return current


def check_model(model) -> list[checks.CheckMessage]:
    label = model._meta.label
    rule = getattr(model, "scope_rule", None)
    if not isinstance(rule, ScopeRule):
        return [
            checks.Error(
                f"{label} is scoped but declares no scope_rule.",
                hint="Declare scope_rule = ScopeRule(view=…, add=…, change=…, delete=…) on the model; "
                "there is no default.",
                obj=model,
                id="wulian.E101",
            )
        ]
    if not hasattr(model._default_manager.all(), "restrict"):
        return [
            checks.Error(
                f"{label} declares a scope_rule but its default manager cannot restrict().",
                hint="Use ScopedQuerySet (or ScopedQuerySetMixin) for the default manager.",
                obj=model,
                id="wulian.E102",
            )
        ]
    errors = []
    region_model = apps.get_model("wulian", "Region")
    for lookup in rule.region:
        if _target(model, lookup) is not region_model:
            errors.append(
                checks.Error(f"{label}: region lookup {lookup!r} does not lead to a Region.", obj=model, id="wulian.E103")
            )
    if rule.agency is not None:
        target = _target(model, rule.agency)
        if target is None or target._meta.model_name != "agency":
            errors.append(
                checks.Error(f"{label}: agency lookup {rule.agency!r} does not lead to an Agency.", obj=model, id="wulian.E104")
            )
    if rule.evaluator is not None:
        target = _target(model, rule.evaluator)
        if target is None or target._meta.label != settings.AUTH_USER_MODEL:
            errors.append(
                checks.Error(
                    f"{label}: evaluator lookup {rule.evaluator!r} does not lead to a user.", obj=model, id="wulian.E105"
                )
            )
    for action in rule.all_actions():
        roles = rule.roles(action)
        unknown = {str(r) for r in roles} - set(Role.values)
        if not isinstance(roles, frozenset) or unknown:
            errors.append(
                checks.Error(
                    f"{label}: the roles of {action!r} must be a frozenset of Role values (unknown: {sorted(unknown)}).",
                    obj=model,
                    id="wulian.E106",
                )
            )
    unknown_roles = {str(r) for r in rule.rows} - set(Role.values)
    unknown_actions = set(rule.where) - set(rule.all_actions())
    if unknown_roles or unknown_actions:
        errors.append(
            checks.Error(
                f"{label}: rows name unknown roles {sorted(unknown_roles)} or where names unknown actions "
                f"{sorted(unknown_actions)}.",
                obj=model,
                id="wulian.E107",
            )
        )
    return errors


def check_transitions(model) -> list[checks.CheckMessage]:
    """The workflow and the scope rule name each transition's action once and agree: every action of the rule is
    a transition naming the same roles, every transition naming roles is an action of the rule, with a
    ``where`` entry (the rows of its role's scope; the workflow checks the state)."""
    workflow, rule = getattr(model, "workflow", None), getattr(model, "scope_rule", None)
    if workflow is None or not isinstance(rule, ScopeRule):
        return []
    declared = workflow.scope_actions()
    problems = [f"the scope rule's action {name!r} is no transition naming its roles" for name in rule.actions if name not in declared]
    for name, roles in declared.items():
        if rule.actions.get(name) != roles:
            problems.append(f"transition {name!r} names roles {sorted(roles)}, the scope rule {sorted(rule.actions.get(name, ()))}")
        elif name not in rule.where:
            problems.append(f"transition {name!r} has no where entry in the scope rule")
    return [
        checks.Error(f"{model._meta.label}: {problem}.", hint="Name the roles once, on the Transition (roles=…).",
                     obj=model, id="wulian.E108")
        for problem in problems
    ]


@checks.register()
def check_scope_rules(app_configs=None, models=None, **kwargs):
    if models is None:
        configs = app_configs or apps.get_app_configs()
        models = [m for config in configs for m in config.get_models()]
    errors = []
    for model in models:
        if is_scoped(model):
            errors.extend(check_model(model))
            errors.extend(check_transitions(model))
    return errors
