"""REST API base: the same scope rule as the pages.

A model's API is a serializer and a ``ScopedViewSet`` subclass; querysets come from
``restrict(user, action)``, related-object choices are cut to the user's scope (a forged id is a
validation error), and a saved object is re-checked against the scope inside the transaction.
"""

from __future__ import annotations

import copy

from auditlog.context import set_actor
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings

from wulian.models.base import user_can

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


class ScopedSerializer(serializers.ModelSerializer):
    """Related fields offer only what the requesting user may see; the model validates what is written.

    ``personal_fields`` maps a field name to its masker (``wulian.tables.mask_phone`` …): on read, users whose
    role may not see personal data get the masked value. Writes take (and need) the full value.
    """

    personal_fields: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        data = super().to_representation(instance)
        if self.personal_fields:
            user = self._user()
            if not (user is not None and getattr(user, "sees_personal_data", False)):
                for name, masker in self.personal_fields.items():
                    if name in data:
                        data[name] = masker(data[name])
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


class ScopedViewSet(viewsets.ModelViewSet):
    permission_classes = [permissions.IsAuthenticated, ScopedPermission]

    def save_kwargs(self, serializer) -> dict:
        """Values the view sets on save (who recorded it …); ``serializer.instance`` is None on create."""
        return {}

    def get_queryset(self):
        action = ACTION_MAP.get(self.action, "view")
        return self.queryset.all().restrict(self.request.user, action)

    def _check_saved(self, instance, action):
        model = type(instance)
        if not model.objects.restrict(self.request.user, action).filter(pk=instance.pk).exists():
            raise ValidationError({"detail": "该记录将超出您的管辖范围，未保存。"})

    # The history names the API user whatever the authentication: the audit middleware only sees session
    # logins (DRF authenticates Basic-auth clients later, in the view).
    def perform_create(self, serializer):
        with set_actor(self.request.user), transaction.atomic():
            instance = serializer.save(**self.save_kwargs(serializer))
            self._check_saved(instance, "add")

    def perform_update(self, serializer):
        with set_actor(self.request.user), transaction.atomic():
            instance = serializer.save(**self.save_kwargs(serializer))
            self._check_saved(instance, "change")

    def perform_destroy(self, instance):
        if not type(instance).objects.restrict(self.request.user, "delete").filter(pk=instance.pk).exists():
            raise PermissionDenied
        try:
            with set_actor(self.request.user), transaction.atomic():
                instance.delete()
        except ProtectedError as exc:
            # Like the pages: other records depend on it, so it stays; a conflict, never a 500.
            blockers = "、".join(sorted({str(o) for o in list(exc.protected_objects)[:5]}))
            raise Conflict(f"“{instance}”不能删除：有其他记录依赖它（{blockers}）。") from exc


class Conflict(APIException):
    status_code = 409
    default_detail = "该记录与其他记录冲突。"
    default_code = "conflict"


router = DefaultRouter()

