"""REST API base: the same scope rule as the pages.

A model's API is a serializer and a ``ScopedViewSet`` subclass; querysets come from
``restrict(user, action)``, related-object choices are cut to the user's scope (a forged id is a
validation error), and a saved object is re-checked against the scope inside the transaction.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager

from auditlog.context import set_actor
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings

from wulian import writes
from wulian.models.base import conceal, hidden_fields, party_annotation, rule_of, user_can
from wulian.personal import mask, personal_fields

ACTION_MAP = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


class ScopedPermission(permissions.BasePermission):
    """The role may take this action on the model at all; rows are then cut by ``restrict``."""

    def has_permission(self, request, view):
        action = ACTION_MAP.get(view.action, "view")
        if action == "add":
            return user_can(request.user, view.queryset.model, "add")
        # For the other actions an object outside the queryset answers 404, like the pages.
        return user_can(request.user, view.queryset.model, "view")


def _model_field(meta, name):
    model = getattr(meta, "model", None)
    if model is None or not name or "." in name:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a serializer field that is not a model field
        return None


class ScopedSerializer(serializers.ModelSerializer):
    """Related fields offer only what the requesting user may see; the model validates what is written.

    The model's personal fields (``personal_data``, see ``wulian.personal``) read masked for every role; the
    API has no reveal (that is a logged act on the record's page). Writes take (and need) the full value.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meta_model = getattr(getattr(self, "Meta", None), "model", None)
        rule = getattr(meta_model, "scope_rule", None)
        for name, field in self.fields.items():
            # A field only the row's parties read is null for everyone else: the schema says so.
            if rule is not None and rule.parties and name != "id" and (field.source or name) not in rule.public:
                field.allow_null = True
            # A choice that may be left empty says so (the schema's enum then takes "" — issue 17), read-only
            # ones too: DRF drops ``allow_blank`` from read-only fields.
            if isinstance(field, serializers.ChoiceField) and not isinstance(field, serializers.MultipleChoiceField):
                model_field = _model_field(getattr(self, "Meta", None), field.source or name)
                if model_field is not None and model_field.blank:
                    field.allow_blank = True
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return
        for field in self.fields.values():
            related = getattr(field, "child_relation", field)
            queryset = getattr(related, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict"):
                related.queryset = queryset.restrict(user, "view")

    def _user(self):
        return getattr(self.context.get("request"), "user", None)

    def to_representation(self, instance):
        # What of the row the user may read: a viewer who is no party to it (``ScopeRule.parties``) gets its
        # public fields, the others empty (the list annotates ``_party``; one row asks).
        if rule_of(type(instance)).parties and self._user() is not None:
            party = getattr(instance, "_party", None)
            if party is None or party is False:
                instance = conceal(instance, hidden_fields(self._user(), instance) if party is None else
                                   hidden_fields(None, instance, party=False))
        data = super().to_representation(instance)
        for name, kind in personal_fields(self.Meta.model).items():
            if name in data:
                data[name] = mask(kind, data[name])
        return data

    def validate(self, attrs):
        """Run the model's own validation (``full_clean``: field validators, ``clean()``, uniqueness and
        constraints) on the instance as it would be saved, like a ModelForm does; DRF alone never calls it.

        Fields the serializer does not write are left out of the field checks (they are set by the view or
        keep their value); many-to-many values are not part of the instance and are not applied.
        """
        attrs = super().validate(attrs)
        model = self.Meta.model
        many = {f.name for f in model._meta.get_fields() if f.many_to_many or f.one_to_many}
        plain = {name: value for name, value in attrs.items() if name not in many}
        if self.instance is not None:
            instance = copy.copy(self.instance)
            for name, value in plain.items():
                setattr(instance, name, value)
        else:
            instance = model(**plain)
        writable = {
            field.source for field in self.fields.values() if not field.read_only and field.source != "*"
        }
        excluded = {f.name for f in model._meta.concrete_fields if f.name not in writable}
        try:
            instance.full_clean(exclude=excluded)
        except DjangoValidationError as exc:
            raise ValidationError(self._django_errors(exc)) from exc
        # ``clean()`` may normalise values (e.g. an ID number's check letter): save what was validated.
        for name in plain:
            attrs[name] = getattr(instance, name)
        return attrs

    @staticmethod
    def _django_errors(exc: DjangoValidationError) -> dict:
        if not hasattr(exc, "error_dict"):
            return {api_settings.NON_FIELD_ERRORS_KEY: list(exc.messages)}
        errors = {}
        for name, messages in exc.message_dict.items():
            key = api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name
            errors.setdefault(key, []).extend(messages)
        return errors


class ActionRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class ScopedViewSet(viewsets.ModelViewSet):
    permission_classes = [permissions.IsAuthenticated, ScopedPermission]

    def save_kwargs(self, serializer) -> dict:
        """Values the view sets on save (who recorded it …); ``serializer.instance`` is None on create."""
        return {}

    def get_queryset(self):
        action = ACTION_MAP.get(self.action, "view")
        qs = self.queryset.all().restrict(self.request.user, action)
        party = party_annotation(qs.model, self.request.user) if action == "view" else None
        return qs.annotate(_party=party) if party is not None else qs

    def create(self, request, *args, **kwargs):
        """A creation a person means once (``Model.idempotent_on``: e.g. an evaluation is one per project, kind
        and date): requests for the same row are decided one after the other (the parent row is locked), and a
        repeat answers the row the first created (200, the same body) instead of a second row."""
        model = self.queryset.model
        keys = getattr(model, "idempotent_on", ())
        if not keys:
            return super().create(request, *args, **kwargs)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = {
            name: serializer.validated_data[name] if name in serializer.validated_data
            else model._meta.get_field(name).get_default()
            for name in keys
        }
        if any(value is None for value in values.values()):
            return super().create(request, *args, **kwargs)
        from django.db import transaction

        with transaction.atomic():
            parent = values[keys[0]]
            if hasattr(parent, "_meta"):  # lock the parent: concurrent twins wait here
                type(parent)._default_manager.select_for_update().filter(pk=parent.pk).values_list("pk").first()
            existing = model._default_manager.all().restrict(request.user, "view").filter(**values).first()
            if existing is not None:
                differs = [
                    name for name, value in serializer.validated_data.items()
                    if name in {f.name for f in model._meta.concrete_fields} and getattr(existing, name) != value
                ]
                if differs:  # not a repeat: another record where there may be only one
                    raise Conflict(writes.Refused(
                        _("A %(model)s with the same %(fields)s already exists; nothing was saved.") % {
                            "model": force_str(model._meta.verbose_name),
                            "fields": "、".join(force_str(model._meta.get_field(n).verbose_name) for n in keys)},
                        field=differs[0]))
                return Response(self.get_serializer(existing).data, status=200)
            self.perform_create(serializer)
        headers = self.get_success_headers(serializer.data)
        return Response(serializer.data, status=201, headers=headers)

    # Every write goes through the write path (save, domain rules, scope re-check in one transaction). The
    # history names the API user whatever the authentication: the audit middleware only sees session logins
    # (DRF authenticates Basic-auth clients later, in the view).
    def perform_create(self, serializer):
        with set_actor(self.request.user), refusals_as_api_errors():
            writes.write(self.request.user, "add", lambda: serializer.save(**self.save_kwargs(serializer)))

    def perform_update(self, serializer):
        with set_actor(self.request.user), refusals_as_api_errors():
            writes.write(self.request.user, "change", lambda: serializer.save(**self.save_kwargs(serializer)))

    @extend_schema(
        summary="Take an action (a state transition) on the record",
        request=ActionRequestSerializer,
        responses={200: None, 400: OpenApiTypes.OBJECT, 403: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT},
    )
    @action(detail=True, methods=["post"], url_path=r"actions/(?P<name>[a-z_]+)")
    def take_action(self, request, pk=None, name=None):
        """The model's transition ``name`` through the one action path (lock, guard, log); 409 when refused."""
        from wulian.workflow import perform

        model = self.queryset.model
        transition = model.workflow.get(name)
        if transition is None or not str(pk).isdigit():
            raise NotFound
        if not transition.allows(request.user, model):
            raise PermissionDenied
        payload = ActionRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        with set_actor(request.user), refusals_as_api_errors():
            try:
                obj = perform(request.user, model, int(pk), name, reason=payload.validated_data.get("reason", ""))
            except model.DoesNotExist:
                raise NotFound from None
        return Response(self.get_serializer(obj).data)

    @classmethod
    def get_extra_actions(cls):
        # Only models that declare a workflow have action routes.
        actions = super().get_extra_actions()
        if getattr(cls.queryset.model, "workflow", None) is None:
            actions = [a for a in actions if a.__name__ != "take_action"]
        return actions

    def perform_destroy(self, instance):
        if not type(instance).objects.restrict(self.request.user, "delete").filter(pk=instance.pk).exists():
            raise PermissionDenied
        with set_actor(self.request.user), refusals_as_api_errors():
            writes.delete(self.request.user, instance)


class Conflict(APIException):
    """The request is well formed but the records' state or rules refuse it (a duplicate, a protected row,
    a domain rule): 409 with the Chinese message, and the field it concerns when there is one."""

    status_code = 409
    default_code = "conflict"
    default_detail = "请求与现有记录冲突，未保存。"

    def __init__(self, refusal: writes.Refused):
        detail = {"detail": refusal.message}
        if refusal.field:
            detail["field"] = refusal.field
        super().__init__(detail)


@contextmanager
def refusals_as_api_errors():
    """A refusal of the write path becomes 409 (400 when a forged value would leave the user's scope)."""
    try:
        yield
    except writes.OutOfScope as exc:
        raise ValidationError({"detail": exc.message}) from exc
    except writes.Refused as exc:
        raise Conflict(exc) from exc


router = DefaultRouter()

